import type { SqlToken } from './pg';

/**
 * The first plain string literal ('...' or N'...') whose extent depends on
 * standard_conforming_strings, or undefined. The parser here reads strings as PostgreSQL does
 * by default (on: a backslash is an ordinary character), but a database or role may set it off,
 * and then `\'` escapes the quote: `SELECT '\'' ; COMMIT; --'` is one literal here and three
 * statements there. A literal that ends at the same place either way (`'\d+'`, `'a\\'`) makes
 * no difference to where statements and tokens are, so only the others are reported.
 */
export function literalDependingOnStandardStrings(
  tokens: readonly SqlToken[],
): SqlToken | undefined {
  return tokens.find(
    (t) =>
      t.tokenName === 'SCONST' &&
      /^[nN]?'/.test(t.text) &&
      t.text.includes('\\') &&
      endWithBackslashEscapes(t.text) !== t.text.length,
  );
}

/**
 * Where the literal starting `text` ends when a backslash escapes the next character (with ''
 * as a quote and continuation over whitespace holding a newline, as in PostgreSQL's scanner), or
 * -1 if it does not end within `text`.
 */
function endWithBackslashEscapes(text: string): number {
  let i = text.indexOf("'") + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c !== "'") i += 1;
    else if (text[i + 1] === "'") i += 2;
    else {
      let j = i + 1;
      let newline = false;
      while (j < text.length && ' \t\n\r\f\v'.includes(text[j])) {
        if (text[j] === '\n' || text[j] === '\r') newline = true;
        j++;
      }
      if (!newline || text[j] !== "'") return i + 1;
      i = j + 1;
    }
  }
  return -1;
}
