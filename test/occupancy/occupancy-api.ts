import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { DATASET_CHUNKS_FROM } from '../../src/occupancy/dataset-chunks.sql';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Response as AgentResponse } from 'superagent';
import { listAll } from '../helpers/lists';
import { FAST_RUNS } from '../helpers/run-engine';
import type { TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { sleep, waitFor } from '../helpers/wait';
import { RANGE } from './fixture-campus';
import type { OccupancyRow } from './oracle';

/** Env of the occupancy e2e apps: fast runs and sensors that tick every second. */
export const OCCUPANCY_ENV: Record<string, string> = {
  ...FAST_RUNS,
  SOURCE_CHUNK_SENSOR_INTERVAL: '1',
  OCCUPANCY_SENSOR_INTERVAL: '0.5',
};

export const SOURCE_KIND = 'occupancy_source_chunk';
export const DERIVED_KIND = 'occupancy_derived_chunk';

export interface Dataset {
  dataset_id: number;
  name: string;
  root_space_id: number;
  start_time: string;
  end_time: string;
  effective_start: string;
  effective_end: string;
  interval_seconds: number;
  chunk_days: number;
  aggregation: 'sum' | 'distinct';
  status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  total_chunks: number;
  completed_chunks: number;
  failed_chunks: number;
  error: string | null;
}

export interface CompletedResults {
  dataset_id: number;
  space_id: number;
  status: 'COMPLETED';
  interval_seconds: number;
  row_count: number;
  rows: OccupancyRow[];
}

export async function postDataset(t: TestApp, body: Record<string, unknown>): Promise<Dataset> {
  const res = await t.http.post('/occupancy/datasets').send({ name: 'test dataset', ...body });
  if (res.status !== 201) throw new Error(`POST /occupancy/datasets: ${res.status} ${res.text}`);
  return res.body as Dataset;
}

export async function getDataset(t: TestApp, id: number): Promise<Dataset> {
  return (await t.http.get(`/occupancy/datasets/${id}`).expect(200)).body as Dataset;
}

/**
 * The dataset record once it has settled (neither PENDING nor RUNNING). Results follow the
 * chunks at once; the record follows them when the completion sensor has ticked.
 */
export async function settledDataset(t: TestApp, id: number): Promise<Dataset> {
  return waitFor(`dataset ${id} to settle`, async () => {
    const d = await getDataset(t, id);
    return d.status !== 'PENDING' && d.status !== 'RUNNING' && d;
  });
}

/** A POST body for `root` over the fixture's RANGE in daily windows (`extra` overrides). */
export function rangeBody(
  root: number,
  intervalSeconds: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    root_space_id: root,
    start_time: RANGE.start,
    end_time: RANGE.end,
    interval_seconds: intervalSeconds,
    chunk_days: 1,
    ...extra,
  };
}

/** GET results (a supertest request: chain `.expect()` / `.buffer()`). */
export function results(t: TestApp, id: number, query: Record<string, string | number> = {}) {
  return t.http.get(`/occupancy/datasets/${id}/results`).query(query);
}

/** Polls the results of `spaceId` (default: the root) until COMPLETED; throws at once on FAILED. */
export async function waitCompleted(
  t: TestApp,
  id: number,
  spaceId?: number,
  timeoutMs = 90_000,
): Promise<CompletedResults> {
  const deadline = Date.now() + timeoutMs;
  const query: Record<string, number> = spaceId === undefined ? {} : { space_id: spaceId };
  for (;;) {
    const res = await results(t, id, query);
    if (res.status !== 200) throw new Error(`results of ${id}: ${res.status} ${res.text}`);
    if (res.body.status === 'COMPLETED') return res.body as CompletedResults;
    if (res.body.status === 'FAILED') throw new Error(`dataset ${id} FAILED: ${res.text}`);
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${id}: last ${res.text}`);
    }
    await sleep(200);
  }
}

/** Number of runs of `kind`, counted through `GET /runs` pages. */
export async function countRuns(t: TestApp, kind: string): Promise<number> {
  return (await listAll(t, '/runs', { kind })).length;
}

export async function countOccupancyRuns(t: TestApp): Promise<number> {
  return (await countRuns(t, SOURCE_KIND)) + (await countRuns(t, DERIVED_KIND));
}

/** A row of the app database's chunk table (names as in src/occupancy/*.entity.ts). */
export interface ChunkRow {
  chunk_id: string;
  space_id: number;
  status: string;
  run_id: string | null;
  chunk_start: Date;
}

export async function chunksOf(t: TestApp, datasetId: number): Promise<ChunkRow[]> {
  return (await execSql(
    t.appDbUrl,
    `SELECT c.chunk_id::text, c.space_id, c.status::text, c.run_id::text, c.chunk_start
     FROM ${DATASET_CHUNKS_FROM}
     WHERE d.dataset_id = $1 ORDER BY c.space_id, c.chunk_start`,
    [datasetId],
  )) as ChunkRow[];
}

export async function chunksAt(t: TestApp, intervalSeconds: number): Promise<ChunkRow[]> {
  return (await execSql(
    t.appDbUrl,
    `SELECT chunk_id::text, space_id, status::text, run_id::text, chunk_start
     FROM occupancy_chunks WHERE interval_seconds = $1 ORDER BY space_id, chunk_start`,
    [intervalSeconds],
  )) as ChunkRow[];
}

/** Parses the CSV download into rows (header checked by the caller). */
export function parseCsv(text: string): { header: string; rows: OccupancyRow[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const [header, ...body] = lines;
  return {
    header,
    rows: body.map((l) => {
      const [t, n] = l.split(',');
      return { interval_begin_time: t, number_connections: Number(n) };
    }),
  };
}

/** Supertest parser that keeps a binary body as a Buffer (`.buffer(true).parse(binary)`). */
export function binary(res: AgentResponse, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
  stream.on('error', (e: Error) => done(e, Buffer.alloc(0)));
}

/** Reads a Parquet download back with DuckDB: column types and rows (times as epoch ms). */
export async function readParquet(
  bytes: Buffer,
): Promise<{ types: Record<string, string>; rows: { ms: number; n: number }[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'occ-parquet-'));
  const file = join(dir, 'results.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await writeFile(file, bytes);
    const source = `read_parquet('${file.replace(/'/g, "''")}')`;
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
      .getRowObjectsJson()
      .map((r) => [String(r.column_name), String(r.column_type)]);
    const read = await conn.runAndReadAll(
      `SELECT epoch_ms(interval_begin_time)::DOUBLE AS ms, number_connections::DOUBLE AS n
       FROM ${source}`,
    );
    const rows = read.getRowObjectsJson().map((r) => ({ ms: Number(r.ms), n: Number(r.n) }));
    return { types: Object.fromEntries(described), rows };
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A dataset id no test creates. */
export const UNKNOWN_DATASET = 2_000_000_000;
