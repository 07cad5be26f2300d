import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDb } from '../duckdb/duckdb.service';
import { sqlString } from '../duckdb/parquet';
import { withLocalFile } from './local-file';
import type { ObjectStore } from './object-store.port';

/** An HTTP response, as far as a download needs one. */
export type DownloadTarget = NodeJS.WritableStream & {
  setHeader(name: string, value: string): unknown;
};

/**
 * Sends a stored Parquet object as a file named `name`.{format}: the object as stored, or CSV
 * with a header converted by DuckDB.
 */
export async function sendParquetOrCsv(
  store: ObjectStore,
  duck: DuckDb,
  key: string,
  name: string,
  format: 'csv' | 'parquet',
  out: DownloadTarget,
): Promise<void> {
  out.setHeader('content-disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'parquet') {
    out.setHeader('content-type', 'application/vnd.apache.parquet');
    await pipeline(await store.get(key), out);
    return;
  }
  out.setHeader('content-type', 'text/csv; charset=utf-8');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-csv-'));
  try {
    const csv = path.join(dir, 'out.csv');
    await withLocalFile(store, key, (parquet) =>
      duck.withConnection((conn) =>
        conn.run(
          `COPY (SELECT * FROM read_parquet(${sqlString(parquet)})) TO ${sqlString(csv)} (FORMAT csv, HEADER)`,
        ),
      ),
    );
    await pipeline(createReadStream(csv), out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
