import { COMMENT_TOKENS, scanSql, Utf8Offsets } from './pg';

/** What rule and feature SQL writes for the set of the index's keys. */
export const INDEX_VALUES_PLACEHOLDER = ':index_values';

const NAME = INDEX_VALUES_PLACEHOLDER.slice(1);

/**
 * Replaces every `:index_values` in `sql` by `(subquery)`, the caller's read of the keys it
 * binds as data (values are never spliced into SQL text). The placeholder is found with
 * PostgreSQL's own scanner: a `:` token directly followed (no space) by the unquoted identifier
 * index_values, in any case. So string literals, quoted identifiers, comments and dollar-quoted
 * bodies are never touched, a cast (`x::index_values`, one `::` token) is not a placeholder,
 * and neither is an array slice bound (`a[1:index_values]`, inside brackets).
 *
 * A placeholder alone in one pair of parentheses (`IN (:index_values)`, `= ANY( :index_values )`,
 * comments allowed) has that group replaced, otherwise the placeholder itself, so
 * `IN :index_values`, `IN (:index_values)`, `= ANY(:index_values)` and `FROM :index_values AS v`
 * all become valid SQL. (A function's only argument is such a group too: `f(:index_values)`
 * becomes `f(SELECT ...)`, a syntax error.) The subquery itself is not searched.
 *
 * Async because the scanner is: libpg-query's scanSync needs the WebAssembly module loaded by an
 * awaited call first. SQL the scanner cannot read (an unterminated string or comment...) is
 * returned unchanged with count 0: checkReadOnlySql then names the error and its position.
 */
export async function substituteIndexValues(
  sql: string,
  subquery: string,
): Promise<{ sql: string; count: number }> {
  if (!sql.toLowerCase().includes(INDEX_VALUES_PLACEHOLDER)) return { sql, count: 0 };
  const all = await scanSql(sql);
  if (!all) return { sql, count: 0 };
  const tokens = all.filter((t) => !COMMENT_TOKENS.has(t.tokenName));
  const cuts: { from: number; to: number }[] = [];
  let brackets = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === '[') brackets++;
    else if (t.text === ']') brackets = Math.max(0, brackets - 1);
    const name = tokens[i + 1];
    if (
      t.text !== ':' ||
      brackets > 0 ||
      name?.tokenName !== 'IDENT' ||
      name.start !== t.end ||
      name.text.toLowerCase() !== NAME
    )
      continue;
    const before = tokens[i - 1];
    const after = tokens[i + 2];
    const wrapped = before?.text === '(' && after?.text === ')';
    cuts.push(wrapped ? { from: before.start, to: after.end } : { from: t.start, to: name.end });
    i += wrapped ? 2 : 1;
  }
  if (!cuts.length) return { sql, count: 0 };
  const offsets = new Utf8Offsets(sql);
  let out = '';
  let at = 0;
  for (const c of cuts) {
    out += `${sql.slice(at, offsets.at(c.from))}(${subquery})`;
    at = offsets.at(c.to);
  }
  return { sql: out + sql.slice(at), count: cuts.length };
}

/**
 * The first positional parameter (`$1`) written in `sql` outside strings and comments, or null
 * (also for SQL the scanner cannot read). Definitions take no parameters: the only bound data is
 * the index's keys, through `:index_values`. checkReadOnlySql(sql, { allowParams: false }) refuses
 * them on the parse tree as well.
 */
export async function positionalParameter(sql: string): Promise<string | null> {
  if (!sql.includes('$')) return null;
  const tokens = await scanSql(sql);
  const param = tokens?.find((t) => t.tokenName === 'PARAM');
  return param ? new Utf8Offsets(sql).slice(param.start, param.end) : null;
}
