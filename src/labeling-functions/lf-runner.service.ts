import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { DataSource } from 'typeorm';
import { compileConditions, ConditionsError, quoteIdentifier } from '../../libs/lf-conditions';
import { LfCodeError, LfSandbox } from '../../libs/lf-sandbox';
import { ConceptValueEntity } from '../concepts/concept-value.entity';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { MaterializationsService } from '../materializations/materializations.service';
import { AssetFiles } from '../sql-assets/asset-files.service';
import type { RuleEntity } from '../sql-assets/rule.entity';
import type { OutputColumn } from '../sql-assets/sql-asset.columns';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import type { LfType } from './labeling-function.entity';
import type { LfTestResponse } from './labeling-functions.dto';

/** What defines how an LF votes. */
export interface LfDefinition {
  ruleId: number;
  applicableCvIds: number[];
  lfType: LfType;
  lfConfig: Record<string, unknown>;
}

export const MAX_CODE_LENGTH = 100_000;
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Time a `sql` LF's check or test may take in its DuckDB sandbox. */
const SQL_SANDBOX_MS = 10_000;

/**
 * Checks LF definitions against their concept and rule, and runs an LF on a sample of its
 * rule's rows. `conditions` compile to a DuckDB expression run on the rule's Parquet; `sql`
 * expressions run in a fresh DuckDB sandbox (no files, no extensions) holding only the rows;
 * `code` runs in its QuickJS sandbox (libs/lf-sandbox).
 */
@Injectable()
export class LfRunner {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assets: SqlAssetsService,
    private readonly materializations: MaterializationsService,
    private readonly files: AssetFiles,
    private readonly duck: DuckDb,
  ) {}

  /**
   * The constants a code LF sees: ABSTAIN, CV_<id> for every value, and the value's name in
   * upper case as an identifier (e.g. "laptop computer" → LAPTOP_COMPUTER) where that is
   * unambiguous.
   */
  async constants(cId: number): Promise<{ constants: Record<string, number>; ids: Set<number> }> {
    const values = await this.db
      .getRepository(ConceptValueEntity)
      .find({ where: { cId }, order: { cvId: 'ASC' } });
    const constants: Record<string, number> = { ABSTAIN: -1 };
    const byName = new Map<string, number[]>();
    for (const v of values) {
      constants[`CV_${v.cvId}`] = v.cvId;
      let id = v.name
        .toUpperCase()
        .replace(/[^A-Z0-9_]+/g, '_')
        .replace(/^_+|_+$/g, '');
      if (/^[0-9]/.test(id)) id = `_${id}`;
      if (id) byName.set(id, [...(byName.get(id) ?? []), v.cvId]);
    }
    for (const [id, ids] of byName)
      if (ids.length === 1 && !(id in constants) && id !== 'ABSTAIN') constants[id] = ids[0];
    return { constants, ids: new Set(values.map((v) => v.cvId)) };
  }

  /** 400 naming the problem, or the rule it reads. */
  async check(cId: number, def: LfDefinition): Promise<RuleEntity> {
    const rule = await this.rule(cId, def.ruleId);
    const { constants, ids } = await this.constants(cId);
    const unknown = def.applicableCvIds.filter((id) => !ids.has(id));
    if (unknown.length)
      throw new BadRequestException(
        `applicable_cv_ids: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a value' : 'are not values'} of concept ${cId}`,
      );
    const columns = rule.outputColumns;
    switch (def.lfType) {
      case 'conditions':
        this.conditionsSql(def, columns);
        return rule;
      case 'code': {
        const code = codeOf(def.lfConfig);
        try {
          const sandbox = await LfSandbox.create(code, {
            constants,
            applicable: def.applicableCvIds,
          });
          sandbox.dispose();
        } catch (e) {
          if (e instanceof LfCodeError)
            throw new BadRequestException(`lf_config.code: ${e.message}`);
          throw e;
        }
        return rule;
      }
      case 'sql': {
        const expression = expressionOf(def.lfConfig);
        await this.ruleRowsSandbox(
          columns,
          async () => undefined,
          async (conn) => {
            await conn.prepare(voteQuery(expression));
          },
        ).catch((e: unknown) => {
          throw new BadRequestException(
            `lf_config.expression: DuckDB cannot use it: ${shortMessage(e)}`,
          );
        });
        return rule;
      }
    }
  }

  /** The LF's votes on the first `limit` rows of its rule's current build. */
  async test(cId: number, def: LfDefinition, limit: number): Promise<LfTestResponse> {
    const rule = await this.rule(cId, def.ruleId);
    const built = await this.materializations.current('rule', rule.rId);
    if (!built)
      throw new ConflictException(
        `rule ${rule.rId} has no materialization: materialize it first (POST /concepts/${cId}/rules/${rule.rId}/materialize)`,
      );
    const columns = (built.columns as OutputColumn[] | null) ?? rule.outputColumns;
    let results: { row: Record<string, unknown>; vote: number }[];
    let errors = 0;
    let invalid = 0;
    let messages: string[] = [];
    if (def.lfType === 'conditions') {
      const sql = this.conditionsSql(def, columns);
      results = await this.materializations.withObjectFile(built, (file) =>
        this.files.previewWithVote(file, columns, limit, sql),
      );
    } else {
      const rows = await this.materializations.withObjectFile(built, (file) =>
        this.files.preview(file, columns, limit),
      );
      if (def.lfType === 'code') {
        const { constants } = await this.constants(cId);
        let sandbox: LfSandbox;
        try {
          sandbox = await LfSandbox.create(codeOf(def.lfConfig), {
            constants,
            applicable: def.applicableCvIds,
          });
        } catch (e) {
          if (e instanceof LfCodeError)
            throw new BadRequestException(`lf_config.code: ${e.message}`);
          throw e;
        }
        try {
          const names = columns.map((c) => c.name);
          const out = sandbox.run({
            names,
            columns: names.map((n) => rows.map((r) => r[n])),
          });
          errors = out.errors + out.failedRows;
          invalid = out.invalid;
          messages = out.messages;
          results = rows.map((row, i) => ({ row, vote: out.votes[i] }));
        } finally {
          sandbox.dispose();
        }
      } else {
        const native = await this.materializations.withObjectFile(built, (file) =>
          this.duck.withConnection(async (conn) =>
            (
              await conn.runAndReadAll(
                `SELECT ${columns.map((c) => quoteIdentifier(c.name)).join(', ')} FROM read_parquet(${sqlString(file)}) LIMIT ${Math.floor(limit)}`,
              )
            ).getRows(),
          ),
        );
        const allowed = new Set(def.applicableCvIds);
        const votes = await this.ruleRowsSandbox(
          columns,
          async (append) => native.forEach(append),
          async (conn) => {
            const reader = await conn.runAndReadAll(
              `${voteQuery(expressionOf(def.lfConfig))} ORDER BY rowid`,
            );
            return reader.getRowsJson().map((r) => r[0]);
          },
        ).catch((e: unknown) => {
          throw new BadRequestException(
            `lf_config.expression failed on the rows: ${shortMessage(e)}`,
          );
        });
        results = rows.map((row, i) => {
          const v = votes[i] === null || votes[i] === undefined ? -1 : Number(votes[i]);
          if (v === -1 || allowed.has(v)) return { row, vote: v };
          invalid++;
          if (messages.length < 5)
            messages.push(`row ${i}: gave ${v}, not ABSTAIN or an applicable value`);
          return { row, vote: -1 };
        });
      }
    }
    if (def.lfType === 'conditions') {
      // the compiled CASE only ever answers the label or NULL
      for (const r of results)
        if (r.vote !== -1 && !def.applicableCvIds.includes(r.vote)) r.vote = -1;
    }
    const counts: Record<string, number> = {};
    for (const r of results) counts[String(r.vote)] = (counts[String(r.vote)] ?? 0) + 1;
    return { rows_tested: results.length, counts, errors, invalid, messages, results };
  }

  private async rule(cId: number, ruleId: number): Promise<RuleEntity> {
    try {
      return (await this.assets.get('rule', cId, ruleId)) as RuleEntity;
    } catch (e) {
      if (e instanceof NotFoundException)
        throw new BadRequestException(`rule_id: concept ${cId} has no rule ${ruleId}`);
      throw e;
    }
  }

  private conditionsSql(def: LfDefinition, columns: readonly OutputColumn[]): string {
    try {
      return compileConditions(def.lfConfig, columns, def.applicableCvIds).sql;
    } catch (e) {
      if (e instanceof ConditionsError) throw new BadRequestException(e.message);
      throw e;
    }
  }

  /**
   * `fn` on a fresh DuckDB sandbox (no files, no extensions) whose table rule_rows has the rule's
   * columns and types and the rows `fill` appends (the first columns.length values of each;
   * rowid keeps their order). Where `sql` LFs run: checked, tested, and in Snorkel jobs.
   */
  ruleRowsSandbox<T>(
    columns: readonly OutputColumn[],
    fill: (append: (row: readonly DuckDBValue[]) => void) => Promise<void>,
    fn: (conn: DuckDBConnection) => Promise<T>,
    timeoutMs = SQL_SANDBOX_MS,
  ): Promise<T> {
    return this.duck.withSandbox(
      async (conn) => {
        const defs = columns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`).join(', ');
        await conn.run(`CREATE TABLE rule_rows (${defs || 'no_columns INTEGER'})`);
        const appender = await conn.createAppender('rule_rows');
        await fill((row) => {
          for (let c = 0; c < columns.length; c++) appender.appendValue(row[c]);
          appender.endRow();
        });
        appender.closeSync();
        return fn(conn);
      },
      { timeoutMs },
    );
  }
}

/** The query a `sql` LF's expression runs in (one statement; prepare refuses more). */
export const voteQuery = (expression: string) =>
  `SELECT CAST((\n${expression}\n) AS BIGINT) AS vote FROM rule_rows`;

function codeOf(config: Record<string, unknown>): string {
  const extra = Object.keys(config).filter((k) => k !== 'code');
  if (extra.length)
    throw new BadRequestException(`lf_config.${extra[0]}: a code LF's config has only "code"`);
  const code = config.code;
  if (typeof code !== 'string' || !code.trim())
    throw new BadRequestException(
      'lf_config.code: must be JavaScript defining function labelingFunction(row)',
    );
  if (code.length > MAX_CODE_LENGTH)
    throw new BadRequestException(`lf_config.code: longer than ${MAX_CODE_LENGTH} characters`);
  return code;
}

function expressionOf(config: Record<string, unknown>): string {
  const extra = Object.keys(config).filter((k) => k !== 'expression');
  if (extra.length)
    throw new BadRequestException(`lf_config.${extra[0]}: a sql LF's config has only "expression"`);
  const e = config.expression;
  if (typeof e !== 'string' || !e.trim())
    throw new BadRequestException(
      'lf_config.expression: must be a DuckDB expression giving a cv_id or NULL',
    );
  if (e.length > MAX_EXPRESSION_LENGTH)
    throw new BadRequestException(
      `lf_config.expression: longer than ${MAX_EXPRESSION_LENGTH} characters`,
    );
  if (e.includes('\u0000'))
    throw new BadRequestException('lf_config.expression: contains a NUL character');
  return e;
}

function shortMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.length > 500 ? `${m.slice(0, 500)}…` : m;
}
