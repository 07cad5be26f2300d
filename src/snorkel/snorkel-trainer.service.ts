import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  lfSummary,
  LabelModel,
  MajorityLabelVoter,
  probsToPreds,
  type LabelMatrix,
} from '../../libs/label-model';
import { compileConditions, quoteIdentifier } from '../../libs/lf-conditions';
import { LfSandbox } from '../../libs/lf-sandbox';
import { ConceptValueEntity } from '../concepts/concept-value.entity';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { LabelingFunctionEntity } from '../labeling-functions/labeling-function.entity';
import { LfRunner, voteQuery } from '../labeling-functions/lf-runner.service';
import { MaterializationsService } from '../materializations/materializations.service';
import type { RunContext } from '../runs/run-processor';
import { jsonReady } from '../sql-assets/asset-files.service';
import type { IndexEntity } from '../sql-assets/index.entity';
import type { RuleEntity } from '../sql-assets/rule.entity';
import type { OutputColumn } from '../sql-assets/sql-asset.columns';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { AssetInputs } from '../sql-assets/asset-inputs';
import { SnorkelJobEntity } from './snorkel-job.entity';

/** Params of a `snorkel` run. */
export class SnorkelParams {
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  job_id: number;
}

/** Rows handed to a code LF's sandbox per call, and the time one call may take. */
const CODE_BATCH = 50_000;
const CODE_BATCH_MS = 10_000;

/** Per-LF failures, reported with the results. */
interface LfProblems {
  errors: number;
  invalid: number;
  messages: string[];
}

/**
 * A Snorkel job's work: its inputs built (missing builds are requested and waited for), its
 * LFs applied to the rule rows of every entity of the index (conditions in one DuckDB query per
 * rule, sql in a DuckDB sandbox holding the rule's rows, code in its QuickJS sandbox), one vote
 * per entity and LF (the most frequent of its rows' votes; a tie abstains), the label model
 * fitted, and a Parquet of entity keys with a probability per value and the label. Idempotent:
 * a redelivered run recomputes and rewrites the same object.
 */
@Injectable()
export class SnorkelTrainer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assets: SqlAssetsService,
    private readonly materializations: MaterializationsService,
    private readonly runner: LfRunner,
    private readonly duck: DuckDb,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async train(ctx: RunContext<SnorkelParams>): Promise<Record<string, unknown>> {
    const started = performance.now();
    const job = await this.db
      .getRepository(SnorkelJobEntity)
      .findOneByOrFail({ jobId: ctx.params.job_id });
    const lfs = await this.db
      .getRepository(LabelingFunctionEntity)
      .findBy({ lfId: In(job.lfIds), cId: job.cId });
    const missing = job.lfIds.filter((id) => !lfs.some((lf) => lf.lfId === id));
    if (missing.length)
      throw new Error(`labeling function(s) ${missing.join(', ')} no longer exist`);
    lfs.sort((a, b) => job.lfIds.indexOf(a.lfId) - job.lfIds.indexOf(b.lfId));
    const index = (await this.assets.get('index', job.cId, job.indexId)) as IndexEntity;
    const ruleIds = [
      ...new Set([
        ...job.ruleIds,
        ...lfs.map((lf) => lf.ruleId),
        ...(job.gold ? [job.gold.rule_id] : []),
      ]),
    ];
    const rules = new Map<number, RuleEntity>();
    for (const id of ruleIds) {
      const rule = (await this.assets.get('rule', job.cId, id)) as RuleEntity;
      if (rule.indexId !== index.indexId)
        throw new Error(
          `rule ${id} belongs to index ${rule.indexId}, not the job's index ${index.indexId}`,
        );
      rules.set(id, rule);
    }
    // inputs: built, or built now
    const inputs = new AssetInputs(this.assets, this.materializations, ctx);
    await inputs.ensure('index', job.cId, index.indexId);
    for (const id of ruleIds) await inputs.ensure('rule', job.cId, id);
    await ctx.log.info(`inputs built: index ${index.indexId}, rules ${ruleIds.join(', ')}`);

    // the entities: the index's keys, in file order
    const keys = await inputs.read('index', job.cId, index.indexId, (file) =>
      this.files(file, index.keyColumn, ctx.signal),
    );
    // the output is joined to the index by row number: it must be the build the keys came from
    const keysFrom = inputs.buildOf('index', index.indexId).runId;
    const entityOf = new Map<string, number>();
    keys.forEach((k, i) => entityOf.set(k, i));
    const n = keys.length;
    if (n === 0) throw new Error(`index ${index.indexId} has no entities`);

    // the classes: every value some LF may vote
    const classes = [...new Set(lfs.flatMap((lf) => lf.applicableCvIds))].sort((a, b) => a - b);
    const classOf = new Map(classes.map((cv, i) => [cv, i]));
    const k = classes.length;
    const m = lfs.length;
    const tally = new Tally(n, m);
    const problems: LfProblems[] = lfs.map(() => ({ errors: 0, invalid: 0, messages: [] }));
    const { constants } = await this.runner.constants(job.cId);

    for (const [ruleId, rule] of rules) {
      const onRule = lfs.map((lf, j) => ({ lf, j })).filter(({ lf }) => lf.ruleId === ruleId);
      if (!onRule.length) continue;
      await inputs.read('rule', job.cId, ruleId, (file, b) =>
        this.applyOnRule(
          file,
          rule,
          (b.columns as OutputColumn[] | null) ?? rule.outputColumns,
          onRule,
          constants,
          { entityOf, classOf, tally, problems, signal: ctx.signal },
        ),
      );
      await ctx.heartbeat();
      await ctx.log.info(`rule ${ruleId}: ${onRule.length} LF(s) applied`);
    }
    const L: LabelMatrix = { n, m, data: tally.matrix() };

    // gold labels, as class indexes (-1 unknown)
    let gold: Int8Array | undefined;
    if (job.gold) {
      const g = job.gold;
      gold = await inputs.read('rule', job.cId, g.rule_id, (file) =>
        this.goldOf(
          file,
          rules.get(g.rule_id)!.indexColumn,
          g.column,
          entityOf,
          classOf,
          ctx.signal,
        ),
      );
    }

    const cfg = job.config;
    const classBalance = cfg.class_balance
      ? classes.map((cv) => Number(cfg.class_balance![String(cv)] ?? 0))
      : undefined;
    const model = new LabelModel(k).fit(L, {
      epochs: cfg.epochs,
      lr: cfg.lr,
      l2: cfg.l2,
      seed: cfg.seed,
      classBalance,
      gold: classBalance ? undefined : gold && gold.some((y) => y >= 0) ? gold : undefined,
      signal: ctx.signal,
    });
    const probs = model.predictProba(L);
    const preds = probsToPreds(probs, k, cfg.tie_policy, cfg.seed);
    const mvPreds = new MajorityLabelVoter(k).predict(L, cfg.tie_policy, cfg.seed);
    const weights = model.weights();
    const summary = lfSummary(L, k, { gold, weights });

    // the Parquet: entity key (its own type), p_<cv_id> per value, label, confidence
    const storageKey = `snorkel/job_${job.jobId}/${ctx.run.run_id}.parquet`;
    await inputs.read('index', job.cId, index.indexId, (file, b) => {
      if (b.runId !== keysFrom)
        throw new Error(`index ${index.indexId} was rebuilt during the job: run the job again`);
      return this.writeOutput(
        file,
        index.keyColumn,
        classes,
        probs,
        preds,
        cfg.output_type,
        storageKey,
        ctx.signal,
      );
    });

    const distribution: Record<string, number> = { '-1': 0 };
    for (const cv of classes) distribution[String(cv)] = 0;
    for (const p of preds) distribution[String(p === -1 ? -1 : classes[p])]++;
    let covered = 0;
    let overlapping = 0;
    for (let i = 0; i < n; i++) {
      let votes = 0;
      for (let j = 0; j < m; j++) if (L.data[i * m + j] !== -1) votes++;
      if (votes > 0) covered++;
      if (votes > 1) overlapping++;
    }
    const results: Record<string, unknown> = {
      run_id: ctx.run.run_id,
      key_column: outputKeyName(index.keyColumn, classes),
      entities: n,
      classes: await this.classNames(job.cId, classes),
      coverage: covered / n,
      overlap: overlapping / n,
      class_balance: Object.fromEntries(
        classes.map((cv, i) => [String(cv), model.fitted.classBalance[i]]),
      ),
      class_distribution: distribution,
      lf_summary: lfs.map((lf, j) => ({
        lf_id: lf.lfId,
        name: lf.name,
        version: lf.version,
        lf_type: lf.lfType,
        ...summary[j],
        polarity: summary[j].polarity.map((c) => classes[c]),
        ...problems[j],
      })),
      // the builds actually read (an input rebuilt after a lost object is the rebuilt one)
      inputs: {
        index: inputs.buildOf('index', index.indexId).runId,
        rules: Object.fromEntries(
          ruleIds.map((id) => [String(id), inputs.buildOf('rule', id).runId]),
        ),
      },
      seconds: Math.round(performance.now() - started) / 1000,
    };
    if (gold) results.gold = goldReport(gold, preds, mvPreds, classes);

    const previous = await this.db.transaction(async (m2) => {
      const before = (await m2.getRepository(SnorkelJobEntity).findOneBy({ jobId: job.jobId }))
        ?.storageKey;
      await m2.getRepository(SnorkelJobEntity).update({ jobId: job.jobId }, {
        storageKey,
        results,
      } as QueryDeepPartialEntity<SnorkelJobEntity>);
      for (const [j, lf] of lfs.entries())
        await m2.getRepository(LabelingFunctionEntity).update({ lfId: lf.lfId }, {
          metrics: {
            job_id: job.jobId,
            ...(results.lf_summary as Record<string, unknown>[])[j],
          },
        } as QueryDeepPartialEntity<LabelingFunctionEntity>);
      return before;
    });
    // the superseded output goes once the new one is recorded
    if (previous && previous !== storageKey)
      await this.store.delete(previous).catch(() => undefined);
    return { entities: n, lfs: m, classes: k, storage_key: storageKey };
  }

  /** The index's keys as text, in file order. */
  private files(file: string, keyColumn: string, signal: AbortSignal): Promise<string[]> {
    return this.duck.withConnection(async (conn) => {
      const out: string[] = [];
      await each(
        conn,
        `SELECT CAST(${quoteIdentifier(keyColumn)} AS VARCHAR) FROM read_parquet(${sqlString(file)})`,
        (chunk) => {
          for (const v of chunk[0]) out.push(v as string);
        },
      );
      return out;
    }, signal);
  }

  private async applyOnRule(
    file: string,
    rule: RuleEntity,
    columns: OutputColumn[],
    onRule: { lf: LabelingFunctionEntity; j: number }[],
    constants: Record<string, number>,
    st: {
      entityOf: Map<string, number>;
      classOf: Map<number, number>;
      tally: Tally;
      problems: LfProblems[];
      signal: AbortSignal;
    },
  ): Promise<void> {
    const key = `CAST(${quoteIdentifier(rule.indexColumn)} AS VARCHAR)`;
    const conds = onRule.filter(({ lf }) => lf.lfType === 'conditions');
    const codes = onRule.filter(({ lf }) => lf.lfType === 'code');
    const sqls = onRule.filter(({ lf }) => lf.lfType === 'sql');
    const record = (j: number, entity: number | undefined, cv: number) => {
      if (entity === undefined || cv === -1) return;
      const c = st.classOf.get(cv);
      if (c !== undefined) st.tally.add(entity, j, c);
    };
    // conditions and code: one pass over the rule's rows
    if (conds.length || codes.length) {
      const condSql = conds.map(
        ({ lf }) => compileConditions(lf.lfConfig, columns, lf.applicableCvIds).sql,
      );
      const sandboxes: LfSandbox[] = [];
      try {
        for (const { lf } of codes)
          sandboxes.push(
            await LfSandbox.create(String(lf.lfConfig.code), {
              constants,
              applicable: lf.applicableCvIds,
              limits: { timeMs: CODE_BATCH_MS },
            }),
          );
        const names = columns.map((c) => c.name);
        let pendingKeys: string[] = [];
        let pending: unknown[][] = names.map(() => []);
        // an LF whose whole batch failed (out of time or memory) is not run again in this job:
        // an endless loop would otherwise cost the deadline once per batch
        const stopped = new Set<number>();
        const flush = () => {
          if (!pendingKeys.length) return;
          codes.forEach(({ j }, s) => {
            const p = st.problems[j];
            if (stopped.has(s)) {
              p.errors += pendingKeys.length;
              return;
            }
            const out = sandboxes[s].run({ names, columns: pending });
            if (out.failedRows > 0 && out.failedRows === pendingKeys.length) {
              stopped.add(s);
              if (p.messages.length < 5)
                p.messages.push('stopped for the rest of the job after a whole batch failed');
            }
            p.errors += out.errors + out.failedRows;
            p.invalid += out.invalid;
            for (const msg of out.messages) if (p.messages.length < 5) p.messages.push(msg);
            for (let r = 0; r < out.votes.length; r++)
              record(j, st.entityOf.get(pendingKeys[r]), out.votes[r]);
          });
          pendingKeys = [];
          pending = names.map(() => []);
        };
        const select = [
          `${key} AS k`,
          ...condSql.map((sql) => `COALESCE(CAST((${sql}) AS BIGINT), -1)`),
          ...(codes.length ? columns.map((c) => jsonReady(c)) : []),
        ].join(', ');
        await this.duck.withConnection(async (conn) => {
          await each(conn, `SELECT ${select} FROM read_parquet(${sqlString(file)})`, (cols) => {
            const rowKeys = cols[0] as string[];
            conds.forEach(({ j }, c) => {
              const votes = cols[1 + c];
              for (let r = 0; r < rowKeys.length; r++)
                record(j, st.entityOf.get(rowKeys[r]), Number(votes[r]));
            });
            if (codes.length) {
              for (let r = 0; r < rowKeys.length; r++) pendingKeys.push(rowKeys[r]);
              names.forEach((_, c) => {
                const values = cols[1 + conds.length + c];
                for (const v of values) pending[c].push(v);
              });
              if (pendingKeys.length >= CODE_BATCH) flush();
            }
          });
        }, st.signal);
        flush();
      } finally {
        for (const s of sandboxes) s.dispose();
      }
    }
    // sql: a DuckDB sandbox holding the rule's rows (no files, no other data)
    if (sqls.length) {
      const rowKeys: string[] = [];
      const list = columns.map((c) => quoteIdentifier(c.name)).join(', ');
      await this.runner.ruleRowsSandbox(
        columns,
        (append) =>
          this.duck.withConnection(async (conn) => {
            await each(
              conn,
              `SELECT ${list}, ${key} FROM read_parquet(${sqlString(file)})`,
              (_cols, rows) => {
                for (const row of rows) {
                  append(row);
                  rowKeys.push(row[columns.length] as string);
                }
              },
              true,
            );
          }, st.signal),
        async (box) => {
          for (const { lf, j } of sqls) {
            const allowed = new Set(lf.applicableCvIds);
            let r = 0;
            await each(
              box,
              `${voteQuery(String(lf.lfConfig.expression))} ORDER BY rowid`,
              (cols) => {
                for (const v of cols[0]) {
                  const cv = v === null ? -1 : Number(v);
                  if (cv !== -1 && !allowed.has(cv)) {
                    const p = st.problems[j];
                    p.invalid++;
                    if (p.messages.length < 5)
                      p.messages.push(`row ${r}: gave ${cv}, not ABSTAIN or an applicable value`);
                  } else record(j, st.entityOf.get(rowKeys[r]), cv);
                  r++;
                }
              },
            );
          }
        },
        3_600_000,
      );
    }
  }

  /** Gold class per entity (the most frequent of its rows; -1 unknown, not a class, or tied). */
  private goldOf(
    file: string,
    keyColumn: string,
    column: string,
    entityOf: Map<string, number>,
    classOf: Map<number, number>,
    signal: AbortSignal,
  ): Promise<Int8Array> {
    const tally = new Tally(entityOf.size, 1);
    return this.duck.withConnection(async (conn) => {
      await each(
        conn,
        `SELECT CAST(${quoteIdentifier(keyColumn)} AS VARCHAR), TRY_CAST(${quoteIdentifier(column)} AS BIGINT) FROM read_parquet(${sqlString(file)})`,
        (cols) => {
          for (let r = 0; r < cols[0].length; r++) {
            const e = entityOf.get(cols[0][r] as string);
            const c = cols[1][r] === null ? undefined : classOf.get(Number(cols[1][r]));
            if (e !== undefined && c !== undefined) tally.add(e, 0, c);
          }
        },
      );
      return tally.matrix();
    }, signal);
  }

  private async writeOutput(
    indexFile: string,
    keyColumn: string,
    classes: number[],
    probs: Float64Array,
    preds: Int8Array,
    outputType: 'softmax' | 'hard_labels',
    storageKey: string,
    signal: AbortSignal,
  ): Promise<void> {
    const k = classes.length;
    const keyName = outputKeyName(keyColumn, classes);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-snorkel-'));
    try {
      const out = path.join(dir, 'out.parquet');
      await this.duck.withConnection(async (conn) => {
        const table = `snorkel_out_${process.pid}_${Date.now()}`;
        await conn.run(
          `CREATE TEMP TABLE ${table} (row_number BIGINT, label INTEGER, confidence DOUBLE${classes.map((cv) => `, p_${cv} DOUBLE`).join('')})`,
        );
        try {
          const appender = await conn.createAppender(table);
          for (let i = 0; i < preds.length; i++) {
            const label = preds[i] === -1 ? null : classes[preds[i]];
            let max = 0;
            for (let y = 0; y < k; y++) max = Math.max(max, probs[i * k + y]);
            appender.appendBigInt(BigInt(i));
            if (label === null) appender.appendNull();
            else appender.appendInteger(label);
            appender.appendDouble(max);
            for (let y = 0; y < k; y++)
              appender.appendDouble(
                outputType === 'softmax' ? probs[i * k + y] : preds[i] === y ? 1 : 0,
              );
            appender.endRow();
          }
          appender.closeSync();
          await conn.run(
            `COPY (SELECT idx.${quoteIdentifier(keyColumn)} AS ${quoteIdentifier(keyName)}, o.* EXCLUDE (row_number)
                     FROM read_parquet(${sqlString(indexFile)}, file_row_number = true) idx
                     JOIN ${table} o ON o.row_number = idx.file_row_number ORDER BY o.row_number)
               TO ${sqlString(out)} (FORMAT parquet, COMPRESSION zstd)`,
          );
        } finally {
          await conn.run(`DROP TABLE IF EXISTS ${table}`);
        }
      }, signal);
      await this.store.put(storageKey, createReadStream(out), {
        contentType: 'application/vnd.apache.parquet',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async classNames(cId: number, classes: number[]) {
    const values = await this.db
      .getRepository(ConceptValueEntity)
      .findBy({ cId, cvId: In(classes) });
    return classes.map((cv) => ({
      cv_id: cv,
      name: values.find((v) => v.cvId === cv)?.name ?? null,
    }));
  }
}

/** The key column's name in a job's Parquet: the index's, unless a column of ours has it. */
function outputKeyName(keyColumn: string, classes: number[]): string {
  const reserved = new Set(['label', 'confidence', ...classes.map((cv) => `p_${cv}`)]);
  return reserved.has(keyColumn) ? `entity_${keyColumn}` : keyColumn;
}

/** Runs `sql` on `conn` and hands each chunk's columns (and rows when asked) to `fn`. */
async function each(
  conn: DuckDBConnection,
  sql: string,
  fn: (columns: DuckDBValue[][], rows: DuckDBValue[][]) => void,
  withRows = false,
): Promise<void> {
  const result = await conn.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    fn(chunk.getColumns(), withRows ? chunk.getRows() : []);
  }
}

/**
 * Votes per (entity, LF): the first class, and counts only for the cells that get a second
 * vote. The matrix holds each cell's most frequent class; a tie abstains.
 */
class Tally {
  private readonly first: Int16Array;
  private readonly counts = new Map<number, Map<number, number>>();

  constructor(
    readonly n: number,
    readonly m: number,
  ) {
    this.first = new Int16Array(n * m).fill(-1);
  }

  add(entity: number, lf: number, c: number): void {
    const cell = entity * this.m + lf;
    const seen = this.counts.get(cell);
    if (seen) {
      seen.set(c, (seen.get(c) ?? 0) + 1);
      return;
    }
    if (this.first[cell] === -1) {
      this.first[cell] = c;
      return;
    }
    this.counts.set(cell, new Map([[this.first[cell], 1]]));
    this.counts.get(cell)!.set(c, (this.counts.get(cell)!.get(c) ?? 0) + 1);
  }

  matrix(): Int8Array {
    const out = new Int8Array(this.n * this.m);
    for (let cell = 0; cell < out.length; cell++) out[cell] = this.first[cell];
    for (const [cell, counts] of this.counts) {
      let best = -1;
      let bestCount = 0;
      let tie = false;
      for (const [c, count] of counts) {
        if (count > bestCount) {
          best = c;
          bestCount = count;
          tie = false;
        } else if (count === bestCount) tie = true;
      }
      out[cell] = tie ? -1 : best;
    }
    return out;
  }
}

/** Accuracy, per-class precision/recall of the label model and majority vote against gold. */
function goldReport(gold: Int8Array, preds: Int8Array, mv: Int8Array, classes: number[]) {
  let rows = 0;
  let right = 0;
  let mvRight = 0;
  const tp = new Array<number>(classes.length).fill(0);
  const predicted = new Array<number>(classes.length).fill(0);
  const actual = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < gold.length; i++) {
    const y = gold[i];
    if (y < 0) continue;
    rows++;
    actual[y]++;
    if (preds[i] >= 0) predicted[preds[i]]++;
    if (preds[i] === y) {
      right++;
      tp[y]++;
    }
    if (mv[i] === y) mvRight++;
  }
  return {
    rows,
    accuracy: rows ? right / rows : null,
    majority_vote_accuracy: rows ? mvRight / rows : null,
    per_class: Object.fromEntries(
      classes.map((cv, c) => [
        String(cv),
        {
          support: actual[c],
          precision: predicted[c] ? tp[c] / predicted[c] : null,
          recall: actual[c] ? tp[c] / actual[c] : null,
        },
      ]),
    ),
  };
}
