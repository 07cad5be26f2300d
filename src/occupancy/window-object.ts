import { makeVector, Table, tableToIPC, TimestampMicrosecond } from 'apache-arrow';
import {
  Compression,
  EnabledStatistics,
  Table as ParquetTable,
  writeParquet,
  WriterPropertiesBuilder,
} from 'parquet-wasm';

/**
 * The rows one run computed for one window, sorted by space then time, counts > 0 (DESIGN §6).
 * Parallel arrays: bin start in epoch seconds (UTC) and the count.
 */
export interface WindowRows {
  spaceIds: Int32Array;
  binStarts: Float64Array;
  counts: Int32Array;
}

/**
 * Rows per row group. Rows are sorted by space, so a row group's space_id statistics let DuckDB
 * skip the groups of other spaces when a reader wants a few spaces of a large window object.
 */
export const ROW_GROUP_ROWS = 8192;

/**
 * Encodes a window object: Parquet with columns `space_id` (INT32), `interval_begin_time`
 * (TIMESTAMP, microseconds, UTC as naive time like the TIPPERS columns) and
 * `number_connections` (INT32), zstd, no dictionaries (they made encoding 3× slower for these
 * small integer columns and saved nothing after zstd), column statistics per row group.
 * Built with Apache Arrow and parquet-wasm (the Rust parquet crate): see docs/decisions.md.
 */
export function encodeWindowObject(rows: WindowRows): Buffer {
  const n = rows.spaceIds.length;
  if (rows.binStarts.length !== n || rows.counts.length !== n)
    throw new RangeError('window rows: the three columns must have the same length');
  return toParquet(
    new Table({
      space_id: makeVector(rows.spaceIds),
      interval_begin_time: timestamps(rows.binStarts),
      number_connections: makeVector(rows.counts),
    }),
  );
}

/**
 * One space's results as a Parquet download: `interval_begin_time` (TIMESTAMP, UTC) and
 * `number_connections` (INT32), in the given order.
 */
export function encodeSeriesParquet(binStarts: Float64Array, counts: Int32Array): Buffer {
  if (binStarts.length !== counts.length)
    throw new RangeError('series: the two columns must have the same length');
  return toParquet(
    new Table({
      interval_begin_time: timestamps(binStarts),
      number_connections: makeVector(counts),
    }),
  );
}

/** Epoch seconds as an Arrow TIMESTAMP(µs) vector without time zone (naive UTC). */
function timestamps(seconds: Float64Array) {
  const micros = new BigInt64Array(seconds.length);
  for (let i = 0; i < seconds.length; i++) micros[i] = BigInt(Math.round(seconds[i])) * 1_000_000n;
  return makeVector({ type: new TimestampMicrosecond(), data: micros, length: seconds.length });
}

function toParquet(table: Table): Buffer {
  const props = new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setDictionaryEnabled(false)
    .setStatisticsEnabled(EnabledStatistics.Chunk)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .setCreatedBy('tippers-services')
    .build();
  const bytes = writeParquet(ParquetTable.fromIPCStream(tableToIPC(table, 'stream')), props);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
