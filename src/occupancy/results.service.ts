import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { dateToEpochSeconds, fillZeroBins, formatUtcIso } from '../../libs/occupancy-core';
import { sqlRows } from '../database/sql-rows';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { downloadChunkFiles } from './chunk-files';
import { ChunkWorkRepository } from './chunk-work.repository';
import { DatasetsService, parseInstant } from './datasets.service';
import { DATASET_CHUNKS_FROM } from './dataset-chunks.sql';
import { LostChunkObjectsError } from './lost-chunk-objects.error';
import type { ResultsQuery } from './occupancy.dto';
import { OccupancySensors } from './occupancy.sensors';

interface SubtreeProgress {
  total: number;
  completed: number;
  failed: number;
  first_error: string | null;
}

const PAGE = 5000;

/**
 * GET /occupancy/datasets/{id}/results: progress of a space's subtree until all its chunks are
 * COMPLETED, then the space's rows (its own chunks already hold its subtree's sums), as JSON,
 * CSV or Parquet, written in pages (never truncated).
 */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly datasets: DatasetsService,
    private readonly duck: DuckDb,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    private readonly chunks: ChunkWorkRepository,
    private readonly sensors: OccupancySensors,
  ) {}

  async send(datasetId: number, q: ResultsQuery, res: Response): Promise<void> {
    const d = await this.datasets.find(datasetId);
    const spaceId = q.space_id ?? d.rootSpaceId;
    const [inTree] = await sqlRows(
      this.db,
      `SELECT 1 FROM occupancy_dataset_spaces WHERE dataset_id = $1 AND space_id = $2`,
      [datasetId, spaceId],
    );
    if (!inTree) {
      throw new BadRequestException(
        `space ${spaceId} is not in the subtree of dataset ${datasetId} (root ${d.rootSpaceId})`,
      );
    }
    const p = await this.subtreeProgress(datasetId, spaceId);
    const base = { dataset_id: datasetId, space_id: spaceId };
    if (p.failed > 0) {
      res.json({
        ...base,
        status: 'FAILED',
        error: p.first_error ?? d.error,
        failed_chunks: p.failed,
      });
      return;
    }
    if (p.completed < p.total) {
      res.json({
        ...base,
        status: 'RUNNING',
        completed_chunks: p.completed,
        total_chunks: p.total,
      });
      return;
    }
    const iv = d.intervalSeconds;
    const effStart = d.effectiveStart ? dateToEpochSeconds(d.effectiveStart) : 0;
    const effEnd = d.effectiveEnd ? dateToEpochSeconds(d.effectiveEnd) : 0;
    const lo = Math.max(
      effStart,
      Math.ceil((parseInstant('start', q.start) ?? effStart) / iv) * iv,
    );
    const hi = Math.min(effEnd, Math.ceil((parseInstant('end', q.end) ?? effEnd) / iv) * iv);
    let rows;
    try {
      rows = hi > lo ? await this.readRows(datasetId, spaceId, iv, lo, hi) : [];
    } catch (e) {
      if (!(e instanceof LostChunkObjectsError)) throw e;
      // a file of this space is gone: it is computed again; until then, progress
      await this.chunks.resetLost(e.chunkIds);
      this.sensors.kickAll();
      const again = await this.subtreeProgress(datasetId, spaceId);
      res.json({
        ...base,
        status: 'RUNNING',
        completed_chunks: again.completed,
        total_chunks: again.total,
      });
      return;
    }
    if (q.fill === 'zero' && hi > lo) rows = fillZeroBins(rows, lo, hi, iv);
    const format = q.format ?? 'json';
    if (format === 'json')
      return this.writeJson(res, { ...base, status: 'COMPLETED', interval_seconds: iv }, rows);
    if (format === 'csv')
      return this.writeCsv(res, `dataset_${datasetId}_space_${spaceId}.csv`, rows);
    return this.writeParquet(res, `dataset_${datasetId}_space_${spaceId}.parquet`, rows);
  }

  private async subtreeProgress(datasetId: number, spaceId: number): Promise<SubtreeProgress> {
    const [row] = await sqlRows<SubtreeProgress>(
      this.db,
      `WITH RECURSIVE sub(space_id) AS (
         SELECT $2::int
         UNION SELECT s.space_id FROM occupancy_dataset_spaces s JOIN sub ON s.parent_space_id = sub.space_id
          WHERE s.dataset_id = $1)
       SELECT count(*)::int AS total, count(*) FILTER (WHERE c.status = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE c.status = 'FAILED')::int AS failed,
              min(c.error) FILTER (WHERE c.status = 'FAILED') AS first_error
         FROM ${DATASET_CHUNKS_FROM}
        WHERE d.dataset_id = $1 AND c.space_id IN (SELECT space_id FROM sub)`,
      [datasetId, spaceId],
    );
    return row;
  }

  /** The space's bins in [lo, hi) from its chunk files, ascending. */
  private async readRows(datasetId: number, spaceId: number, iv: number, lo: number, hi: number) {
    const keys = await sqlRows<{ chunk_id: string; storage_key: string }>(
      this.db,
      `SELECT c.chunk_id::text, c.storage_key FROM ${DATASET_CHUNKS_FROM}
        WHERE d.dataset_id = $1 AND ds.space_id = $2 AND c.storage_key IS NOT NULL ORDER BY c.chunk_start`,
      [datasetId, spaceId],
    );
    if (!keys.length) return [];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-results-'));
    try {
      const files = [
        ...(
          await downloadChunkFiles(
            this.store,
            dir,
            keys.map((k) => ({ chunkId: k.chunk_id, storageKey: k.storage_key })),
          )
        ).keys(),
      ];
      return await this.duck.withConnection(async (conn) => {
        const reader = await conn.runAndReadAll(
          `SELECT (epoch(interval_begin_time)::BIGINT // ${iv}) * ${iv} AS t, number_connections::INTEGER AS n
             FROM read_parquet([${files.map(sqlString).join(', ')}])
            WHERE epoch(interval_begin_time) >= ${lo} AND epoch(interval_begin_time) < ${hi} ORDER BY t`,
        );
        return reader.getRows().map((r) => ({ binStartSec: Number(r[0]), count: Number(r[1]) }));
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async writeJson(
    res: Response,
    head: Record<string, unknown>,
    rows: { binStartSec: number; count: number }[],
  ) {
    res.status(200).type('application/json');
    const prefix = JSON.stringify({ ...head, row_count: rows.length, rows: [] }).slice(0, -2);
    await this.write(res, prefix);
    for (let i = 0; i < rows.length; i += PAGE) {
      const page = rows.slice(i, i + PAGE).map((r) =>
        JSON.stringify({
          interval_begin_time: formatUtcIso(r.binStartSec),
          number_connections: r.count,
        }),
      );
      await this.write(res, (i ? ',' : '') + page.join(','));
    }
    res.end(']}');
  }

  private async writeCsv(
    res: Response,
    name: string,
    rows: { binStartSec: number; count: number }[],
  ) {
    res.status(200).type('text/csv').attachment(name);
    await this.write(res, 'interval_begin_time,number_connections\n');
    for (let i = 0; i < rows.length; i += PAGE) {
      await this.write(
        res,
        rows
          .slice(i, i + PAGE)
          .map((r) => `${formatUtcIso(r.binStartSec)},${r.count}\n`)
          .join(''),
      );
    }
    res.end();
  }

  private async writeParquet(
    res: Response,
    name: string,
    rows: { binStartSec: number; count: number }[],
  ) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-results-'));
    try {
      const file = path.join(dir, 'out.parquet');
      const json = path.join(dir, 'rows.csv');
      await pipeline(
        (async function* () {
          for (const r of rows) yield `${r.binStartSec},${r.count}\n`;
        })(),
        createWriteStream(json),
      );
      const from = rows.length
        ? `read_csv(${sqlString(json)}, header = false, columns = {'t': 'BIGINT', 'n': 'INTEGER'})`
        : `(SELECT 0::BIGINT AS t, 0::INTEGER AS n WHERE false)`;
      await this.duck.withConnection((conn) =>
        conn.run(
          `COPY (SELECT make_timestamp(t * 1000000) AS interval_begin_time, n::INTEGER AS number_connections
                   FROM ${from} ORDER BY t)
             TO ${sqlString(file)} (FORMAT parquet)`,
        ),
      );
      res.status(200).type('application/vnd.apache.parquet').attachment(name);
      await pipeline(createReadStream(file), res);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Writes with backpressure. */
  private write(res: Response, chunk: string): Promise<void> {
    return new Promise((resolve) =>
      res.write(chunk) ? resolve() : res.once('drain', () => resolve()),
    );
  }
}
