import { parse, scan } from 'libpg-query';

/**
 * Thin wrappers around libpg-query (PostgreSQL's parser compiled to WebAssembly) shared by the
 * guard and the placeholder substitution. Internal to libs/sql-guard.
 */

/** One token of PostgreSQL's scanner; `start` and `end` are UTF-8 byte offsets. */
export interface SqlToken {
  start: number;
  end: number;
  /** The token's text, as scanned (control characters other than tab/CR/LF read as spaces). */
  text: string;
  /** The scanner's name for it: IDENT, SCONST, PARAM, TYPECAST, C_COMMENT, SQL_COMMENT, ... */
  tokenName: string;
}

/** Scanner tokens that are comments, not part of the statement. */
export const COMMENT_TOKENS: ReadonlySet<string> = new Set(['C_COMMENT', 'SQL_COMMENT']);

let trapped: string | undefined;

/**
 * Set once the WebAssembly parser has trapped (it overflowed the stack): such a trap leaves the
 * module's own stack pointer unrestored, and after a few dozen of them parsing hangs the process.
 * From then on nothing is parsed or scanned again in this process; every check is refused.
 */
export function parserFailure(): string | undefined {
  return trapped;
}

/** parse(), remembering a WebAssembly trap (RangeError, RuntimeError) as parserFailure(). */
export async function parseSql(sql: string): Promise<unknown> {
  try {
    return await parse(sql);
  } catch (e) {
    if (e instanceof Error && (e.name === 'RangeError' || e.name === 'RuntimeError'))
      trapped ??= `the SQL parser failed (${e.message}) and is disabled until the service restarts`;
    throw e;
  }
}

/**
 * PostgreSQL's tokens for `sql`, or undefined when the scanner cannot read it (an unterminated
 * string, comment or quoted name, a bad escape...: the parser then reports the error) or the
 * parser is disabled. The scanner's JSON output does not escape control characters other than
 * tab, CR and LF, so those are scanned as spaces: a control character is only ever part of a
 * string, quoted name or comment (or a syntax error), and a space has the same byte length.
 */
export async function scanSql(sql: string): Promise<SqlToken[] | undefined> {
  if (trapped) return undefined;
  // eslint-disable-next-line no-control-regex
  const text = sql.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
  try {
    const { tokens } = await scan(text);
    return tokens.map(({ start, end, text: t, tokenName }) => ({ start, end, text: t, tokenName }));
  } catch {
    return undefined;
  }
}

/**
 * Maps the scanner's UTF-8 byte offsets to indices into the JavaScript string, encoding as
 * libpg-query does (a lone surrogate takes three bytes).
 */
export class Utf8Offsets {
  private readonly index: Int32Array;

  constructor(private readonly text: string) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (isPair(text, i)) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    this.index = new Int32Array(bytes + 1).fill(-1);
    let b = 0;
    for (let i = 0; i < text.length; i++) {
      this.index[b] = i;
      const c = text.charCodeAt(i);
      if (c < 0x80) b += 1;
      else if (c < 0x800) b += 2;
      else if (isPair(text, i)) {
        b += 4;
        i++;
      } else b += 3;
    }
    this.index[b] = text.length;
  }

  /** The string index of byte offset `byte` (which must start a character). */
  at(byte: number): number {
    const i = byte >= 0 && byte < this.index.length ? this.index[byte] : -1;
    if (i < 0) throw new Error(`byte offset ${byte} is not a character boundary`);
    return i;
  }

  /** The text between two byte offsets. */
  slice(from: number, to: number): string {
    return this.text.slice(this.at(from), this.at(to));
  }
}

function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
}
