import { BadRequestException, Injectable } from '@nestjs/common';
import { castableType, duckTypeOf } from '../../libs/pg-duck-types';
import { checkReadOnlySql } from '../../libs/sql-guard';
import { positionalParameter, substituteIndexValues } from '../../libs/sql-guard/index-values';
import { ConnectionsService } from '../connections/connections.service';
import {
  describeFailure,
  ExternalSql,
  UserSqlCanceledError,
  UserSqlError,
} from '../infra/external-sql/external-sql.service';
import { INDEX_VALUES_SETTING } from '../infra/external-sql/external-sql.service';
import type { UserColumn } from '../infra/external-sql/external-sql.types';
import type { OutputColumn } from './sql-asset.columns';

/** Time a describe or live preview may take on the user's database. */
export const INTERACTIVE_TIMEOUT_MS = 10_000;

/**
 * Whether a definition reads the index's keys (then a build or live preview loads them). A
 * text match: a placeholder inside a string or comment only costs loading keys nobody reads.
 */
export function usesIndexValues(sql: string): boolean {
  return /:index_values/i.test(sql);
}

/** The SQL to run for a definition: `:index_values` replaced by a read of the bound keys. */
export async function runnableSql(sql: string, keyType: string | undefined): Promise<string> {
  const subquery = `SELECT unnest(current_setting('${INDEX_VALUES_SETTING}')::${castableType(keyType ?? 'text')}[]) AS index_value`;
  return (await substituteIndexValues(sql, subquery)).sql;
}

/**
 * Checks user SQL where it will run: the guard (400 naming the problem), then a zero-row run
 * on the connection that tells the output columns; the key column must be among them and
 * names must be unique. An unreachable connection is a 400 naming it.
 */
@Injectable()
export class SqlDescriber {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly sql: ExternalSql,
  ) {}

  /**
   * 400 unless `sql` is one read-only query once `:index_values` stands for the keys (also run
   * before every build): the guard sees exactly what will run, minus the key type.
   */
  async guard(sql: string): Promise<void> {
    const refuse = (reason: string) =>
      new BadRequestException(`sql_query is not accepted: ${reason}`);
    let param: string | null;
    try {
      param = await positionalParameter(sql);
    } catch {
      param = null; // a scan error is reported by the guard below, with its position
    }
    if (param)
      throw refuse(
        `parameters (${param}) are not allowed in a definition; use :index_values for the index's keys`,
      );
    let runnable = sql;
    try {
      runnable = await runnableSql(sql, undefined);
    } catch {
      // unscannable: the guard names the problem
    }
    const check = await checkReadOnlySql(runnable);
    if (!check.ok) throw refuse(check.reason);
  }

  async describe(
    connId: number,
    sql: string,
    keyColumn: { field: string; name: string },
    keyType?: string,
  ): Promise<OutputColumn[]> {
    await this.guard(sql);
    const runnable = await runnableSql(sql, keyType);
    const { columns } = await this.onConnection(connId, (params) =>
      this.sql.describe(params, runnable, { timeoutMs: INTERACTIVE_TIMEOUT_MS, indexValues: [] }),
    );
    const out = toOutputColumns(columns);
    const names = out.map((c) => c.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined)
      throw new BadRequestException(
        `sql_query returns two columns named "${dup}": give every output column its own name (AS ...)`,
      );
    if (!names.includes(keyColumn.name))
      throw new BadRequestException(
        `${keyColumn.field} "${keyColumn.name}" is not a column of the query's output (${names.map((n) => `"${n}"`).join(', ') || 'no columns'})`,
      );
    return out;
  }

  /** First rows of a definition run live (not materialized, or stale), with a short timeout. */
  async live(
    connId: number,
    sql: string,
    limit: number,
    keys: { type?: string; values?: readonly string[] },
  ): Promise<{ columns: OutputColumn[]; rows: unknown[][] }> {
    await this.guard(sql);
    const runnable = await runnableSql(sql, keys.type);
    const r = await this.onConnection(connId, (params) =>
      this.sql.describe(params, runnable, {
        timeoutMs: INTERACTIVE_TIMEOUT_MS,
        indexValues: keys.values ?? [],
        limit,
      }),
    );
    return { columns: toOutputColumns(r.columns), rows: r.rows };
  }

  /** Runs `fn` with the connection's params; failures become 400s naming the connection. */
  private async onConnection<T>(
    connId: number,
    fn: (params: Awaited<ReturnType<ConnectionsService['getConnectionParams']>>) => Promise<T>,
  ): Promise<T> {
    const params = await this.connections.getConnectionParams(connId);
    try {
      return await fn(params);
    } catch (e) {
      if (e instanceof UserSqlError || e instanceof UserSqlCanceledError)
        throw new BadRequestException(`sql_query failed on connection ${connId}: ${e.message}`);
      throw new BadRequestException(
        `connection ${connId} could not be used: ${describeFailure(e)}`,
      );
    }
  }
}

export function toOutputColumns(columns: UserColumn[]): OutputColumn[] {
  return columns.map((c) => ({ name: c.name, pg_type: c.typeName, type: duckTypeOf(c.typeName) }));
}
