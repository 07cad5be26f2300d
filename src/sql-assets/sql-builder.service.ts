import { Inject, Injectable } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConnectionsService } from '../connections/connections.service';
import { ExternalSql } from '../infra/external-sql/external-sql.service';
import type {
  ExternalConnectionParams,
  UserColumn,
} from '../infra/external-sql/external-sql.types';
import { makeFifo, openFifoWriter, releaseFifoReader } from '../infra/fifo/fifo';
import { withLocalFile } from '../infra/object-store/local-file';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import type { BuildResult } from '../materializations/materializations.service';
import { MaterializationsService } from '../materializations/materializations.service';
import type { RunContext } from '../runs/run-processor';
import { AssetFiles } from './asset-files.service';
import { DerivedIndexSources } from './derived-index.sources';
import type { DerivedFrom } from './index.entity';
import type { MaterializationEntity } from '../materializations/materialization.entity';
import {
  runnableSql,
  SqlDescriber,
  toOutputColumns,
  usesIndexValues,
} from './sql-describer.service';
import type { OutputColumn } from './sql-asset.columns';
import type { SqlAssetType, SqlDefinition } from './sql-asset.types';

/** Statement timeout of a materialization on the user's database. */
const BUILD_TIMEOUT_MS = 30 * 60_000;
/** How often a rule waiting for its index's build looks again. */
const INDEX_WAIT_POLL_MS = 1_000;

/** Params of a build run: which asset (the definition is on its materialization row). */
export class BuildParams {
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  asset_id: number;
}

/**
 * Builds one materialization of an index, rule or feature (the run's processor calls this):
 * the definition stored with the materialization → guard → (rules/features: the index's
 * current keys, bound as data) → `COPY (query) TO STDOUT` inside BEGIN READ ONLY, streamed to a
 * FIFO → DuckDB → zstd Parquet (the two at once) → the object store; then the column stats. Nothing is held
 * in memory but the index keys. Idempotent: a redelivered run rewrites the same object key.
 */
@Injectable()
export class SqlBuilder {
  constructor(
    private readonly materializations: MaterializationsService,
    private readonly connections: ConnectionsService,
    private readonly externalSql: ExternalSql,
    private readonly describer: SqlDescriber,
    private readonly files: AssetFiles,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    private readonly derived: DerivedIndexSources,
  ) {}

  async build(type: SqlAssetType, ctx: RunContext<BuildParams>): Promise<BuildResult> {
    const row = await this.materializations.get(ctx.run.run_id);
    if (!row)
      throw new Error(`run ${ctx.run.run_id} has no materialization (its asset was deleted)`);
    const def = row.definition as SqlDefinition;
    if (type === 'index' && def.derived_from) return this.buildDerived(row, def, ctx);
    await this.describer.guard(def.sql_query); // again before every run
    const inputs: Record<string, string | null> = {};
    let keys: string[] = [];
    // where the time goes, kept on the run (GET /runs/{id} metadata.ms)
    const ms: Record<string, number> = {};
    let lap = performance.now();
    const split = (phase: string) => {
      const now = performance.now();
      ms[phase] = Math.round(now - lap);
      lap = now;
    };
    if (type !== 'index') {
      const index = await this.waitForIndex(def.index_id!, ctx);
      inputs.index = index.runId;
      if (usesIndexValues(def.sql_query))
        keys = await this.materializations.withObjectFile(
          index,
          (file) => this.files.keys(file, def.index_key_column!, ctx.signal),
          ctx.signal,
        );
      await ctx.log.info(`index ${def.index_id}: build ${index.runId}, ${keys.length} keys bound`);
      split('index_keys');
    }
    const params = await this.connections.getConnectionParams(def.conn_id);
    const sql = await runnableSql(def.sql_query, def.index_key_type);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-build-'));
    try {
      const csv = path.join(dir, 'rows.csv');
      const parquet = path.join(dir, 'out.parquet');
      const { copied, columns, written } = await this.copyToParquet(
        type,
        def,
        params,
        sql,
        keys,
        { csv, parquet },
        ctx,
      );
      split('copy_parquet');
      await ctx.heartbeat();
      await ctx.log.info(`query streamed: ${copied.bytes} bytes of CSV`, {
        columns: columns.length,
      });
      const stats = await this.files.stats(parquet, columns, ctx.signal);
      split('stats');
      await ctx.heartbeat();
      await this.store.put(row.storageKey!, createReadStream(parquet), {
        contentType: 'application/vnd.apache.parquet',
      });
      split('store');
      await ctx.log.info(`materialized ${written.rows} rows (${written.bytes} bytes)`, {
        storage_key: row.storageKey,
      });
      return {
        storage_key: row.storageKey,
        row_count: written.rows,
        bytes: written.bytes,
        column_stats: stats as Record<string, unknown>,
        columns,
        inputs,
        ms,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** A derived index: the keys a Snorkel job labelled with the filter's values (no SQL). */
  private async buildDerived(
    row: MaterializationEntity,
    def: SqlDefinition,
    ctx: RunContext<BuildParams>,
  ): Promise<BuildResult> {
    const d = def.derived_from as DerivedFrom;
    const job = await this.derived.job(row.cId!, d.job_id);
    if (!job?.storageKey || !job.keyColumn)
      throw new Error(`Snorkel job ${d.job_id} has no results yet: run it first`);
    const jobKey = job.keyColumn;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-derived-'));
    try {
      const parquet = path.join(dir, 'out.parquet');
      const written = await withLocalFile(
        this.store,
        job.storageKey,
        (jobFile) =>
          this.files.derivedKeys(
            jobFile,
            jobKey,
            def.key_column,
            d.cv_ids,
            d.min_confidence,
            parquet,
            ctx.signal,
          ),
        ctx.signal,
      );
      const stats = await this.files.stats(parquet, def.output_columns, ctx.signal);
      await this.store.put(row.storageKey!, createReadStream(parquet), {
        contentType: 'application/vnd.apache.parquet',
      });
      await ctx.log.info(
        `derived from Snorkel job ${d.job_id} (run ${job.runId}): ${written.rows} entities`,
      );
      return {
        storage_key: row.storageKey,
        row_count: written.rows,
        bytes: written.bytes,
        column_stats: stats as Record<string, unknown>,
        columns: def.output_columns,
        inputs: { job: job.runId },
        ms: {},
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * PostgreSQL's COPY into DuckDB's Parquet writer. Through a FIFO where the platform has them,
   * so the database encodes while DuckDB parses and compresses (on a file, one waits for the
   * other); through a temporary file otherwise. Whichever side fails first stops the other, and
   * its error is the one reported.
   */
  private async copyToParquet(
    type: SqlAssetType,
    def: SqlDefinition,
    params: ExternalConnectionParams,
    sql: string,
    keys: string[],
    paths: { csv: string; parquet: string },
    ctx: RunContext<BuildParams>,
  ) {
    const piped = await makeFifo(paths.csv);
    let columns: OutputColumn[] = [];
    let converting: Promise<{ rows: number; bytes: number }> | undefined;
    const convert = () =>
      this.files.csvToParquet(paths.csv, columns, paths.parquet, {
        distinctKey: type === 'index' ? def.key_column : undefined,
        signal: ctx.signal,
        piped,
      });
    // DuckDB failing stops the COPY (its error is the one to report)
    const readerFailed = new AbortController();
    const copyOptions = {
      timeoutMs: BUILD_TIMEOUT_MS,
      signal: AbortSignal.any([ctx.signal, readerFailed.signal]),
      indexValues: keys,
    };
    let copied: { columns: UserColumn[]; bytes: number };
    try {
      copied = await this.externalSql.copyCsv(
        params,
        sql,
        (described) => {
          columns = toOutputColumns(described);
          if (!columns.some((c) => c.name === def.key_column))
            throw new Error(`the query's output no longer has the column "${def.key_column}"`);
          if (!piped) return createWriteStream(paths.csv);
          converting = convert();
          converting.catch((e) => readerFailed.abort(e));
          return openFifoWriter(paths.csv, converting);
        },
        copyOptions,
      );
    } catch (e) {
      if (!converting) throw e;
      await releaseFifoReader(paths.csv, converting);
      await converting.catch(() => undefined);
      throw readerFailed.signal.aborted && !ctx.signal.aborted ? readerFailed.signal.reason : e;
    }
    const written = await (converting ?? convert());
    await rm(paths.csv, { force: true });
    return { copied, columns, written };
  }

  /**
   * The index's current build, waiting while one is in flight (a rule waits for its index);
   * an index never built, or whose last build failed, fails the rule with a clear message.
   */
  private async waitForIndex(indexId: number, ctx: RunContext<BuildParams>) {
    for (;;) {
      ctx.signal.throwIfAborted();
      const summary = (await this.materializations.summaries('index', [indexId])).get(indexId);
      const latest = summary?.latest;
      if (latest?.status === 'PENDING') {
        await ctx.heartbeat();
        await new Promise((r) => setTimeout(r, INDEX_WAIT_POLL_MS));
        continue;
      }
      if (summary?.current) return summary.current;
      throw new Error(
        `index ${indexId} has no materialization${latest ? ` (its last build ended ${latest.status})` : ''}: materialize it first`,
      );
    }
  }
}
