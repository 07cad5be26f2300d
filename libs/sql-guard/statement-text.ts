import { parse } from 'libpg-query';

/**
 * The text of the one statement in `sql` without its terminating semicolon (and whatever
 * follows it), so it can be nested: `SELECT * FROM (<text>\n) AS q`. The parser's locations are
 * UTF-8 byte offsets. Throws if `sql` does not parse or holds other than one statement (check
 * it with checkReadOnlySql first).
 */
export async function statementText(sql: string): Promise<string> {
  const tree = (await parse(sql)) as {
    stmts?: { stmt_location?: number; stmt_len?: number }[];
  };
  const stmts = tree.stmts ?? [];
  if (stmts.length !== 1) throw new Error('statementText: expected exactly one statement');
  const bytes = Buffer.from(sql, 'utf8');
  const from = stmts[0].stmt_location ?? 0;
  const len = stmts[0].stmt_len ?? 0;
  return bytes.subarray(from, len > 0 ? from + len : bytes.length).toString('utf8');
}
