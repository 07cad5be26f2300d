import { COMMENT_TOKENS, type SqlToken } from './pg';

/**
 * Upper bound of the nesting `estimateNesting` may report for a statement the parser is given.
 * The WebAssembly parser recurses over the parse tree and overflows the stack (a trap: see
 * parserFailure) at about 8,600 on the estimate below for the worst shapes measured (a chain of
 * `COLLATE "C"` below a thousand nested subqueries or UNION levels); plain `1+1+...` chains at
 * about 19,000. Half of the lowest, rounded down, leaves room for shapes not measured.
 */
export const MAX_NESTING = 4000;

interface Level {
  /** Cost of the current list item (since the last comma) at this level. */
  item: number;
  /** Highest item cost seen at this level. */
  max: number;
  /** UNION / INTERSECT / EXCEPT at this level: a left-deep chain across items. */
  setOps: number;
  kind: string;
}

/**
 * A bound, up to a constant factor, of how deep the parse tree of `tokens` is, from tokens only:
 * every token of a list item may add a level (`a || b || c ...` is left-deep); a parenthesised
 * or bracketed group, and CASE ... END, adds its own estimate plus 2 to the item it is in; a
 * comma (or WHEN/THEN/ELSE directly in a CASE) starts a sibling item, which adds nothing. Set
 * operations chain across the commas of their select lists, so they are counted on their own.
 * AND / OR are counted like any token although the parser flattens them into lists: that keeps
 * BETWEEN ... AND and JOIN ... ON chains counted, at the price of refusing some thousand
 * conditions ANDed together without parentheses.
 */
export function estimateNesting(tokens: readonly SqlToken[]): number {
  const levels: Level[] = [{ item: 0, max: 0, setOps: 0, kind: '' }];
  const close = () => {
    const done = levels.pop()!;
    levels[levels.length - 1].item += 2 + Math.max(done.max, done.item) + done.setOps;
  };
  for (const t of tokens) {
    if (COMMENT_TOKENS.has(t.tokenName)) continue;
    const word = t.end - t.start <= 9 ? t.text.toLowerCase() : '';
    const level = levels[levels.length - 1];
    if (word === '(' || word === '[' || word === 'case')
      levels.push({ item: 0, max: 0, setOps: 0, kind: word });
    else if ((word === ')' || word === ']' || word === 'end') && levels.length > 1) close();
    else if (
      word === ',' ||
      (level.kind === 'case' && (word === 'when' || word === 'then' || word === 'else'))
    ) {
      level.max = Math.max(level.max, level.item);
      level.item = 0;
    } else if (word === 'union' || word === 'intersect' || word === 'except') {
      level.setOps++;
      level.max = Math.max(level.max, level.item);
      level.item = 0;
    } else level.item++;
  }
  while (levels.length > 1) close();
  return Math.max(levels[0].max, levels[0].item) + levels[0].setOps;
}
