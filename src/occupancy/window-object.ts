import {
  DataType,
  makeVector,
  Table,
  tableFromIPC,
  tableToIPC,
  TimestampMicrosecond,
  TimeUnit,
  type Vector,
} from 'apache-arrow';
import {
  Compression,
  EnabledStatistics,
  Table as ParquetTable,
  readParquet,
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

/** A stored object that is not a window object (columns missing, of another type, or nulls). */
export class InvalidWindowObjectError extends Error {
  override readonly name = 'InvalidWindowObjectError';
}

/**
 * Reads a window object back into its columns (in file order): any Parquet file with the three
 * columns of DESIGN §6 (integer `space_id` and `number_connections`, a TIMESTAMP
 * `interval_begin_time` of any unit), not only the ones `encodeWindowObject` wrote.
 */
export function decodeWindowObject(body: Uint8Array): WindowRows {
  let table: Table;
  try {
    table = tableFromIPC(readParquet(body, { batchSize: 65_536 }).intoIPCStream());
  } catch (e) {
    throw new InvalidWindowObjectError(`not a readable Parquet file: ${(e as Error).message}`);
  }
  const column = (name: string, ok: (t: DataType) => boolean): Vector => {
    const v = table.getChild(name);
    if (!v || !ok(v.type)) throw new InvalidWindowObjectError(`no usable ${name} column`);
    if (v.nullCount > 0) throw new InvalidWindowObjectError(`${name} has nulls`);
    return v;
  };
  const spaces = column('space_id', DataType.isInt);
  const times = column('interval_begin_time', DataType.isTimestamp);
  const counts = column('number_connections', DataType.isInt);
  const perSecond = {
    [TimeUnit.SECOND]: 1,
    [TimeUnit.MILLISECOND]: 1e3,
    [TimeUnit.MICROSECOND]: 1e6,
    [TimeUnit.NANOSECOND]: 1e9,
  }[(times.type as { unit: TimeUnit }).unit];
  return {
    spaceIds: int32s(spaces),
    binStarts: seconds(times.toArray() as ArrayLike<number | bigint>, perSecond),
    counts: int32s(counts),
  };
}

/** Epoch seconds of timestamps in some unit (int64 read as two int32 halves: no BigInt). */
function seconds(raw: ArrayLike<number | bigint>, perSecond: number): Float64Array {
  const out = new Float64Array(raw.length);
  if (raw instanceof BigInt64Array) {
    // little-endian halves: value = high (signed) × 2^32 + low (unsigned), exact below 2^53
    const low = new Uint32Array(raw.buffer, raw.byteOffset, raw.length * 2);
    const high = new Int32Array(raw.buffer, raw.byteOffset, raw.length * 2);
    for (let i = 0; i < raw.length; i++)
      out[i] = (high[2 * i + 1] * 4_294_967_296 + low[2 * i]) / perSecond;
  } else {
    for (let i = 0; i < raw.length; i++) out[i] = Number(raw[i]) / perSecond;
  }
  return out;
}

/** An integer column as int32 values (refused if one does not fit). */
function int32s(v: Vector): Int32Array {
  const values = v.toArray() as ArrayLike<number | bigint>;
  // a copy: the column may be a view of the whole decoded file, which a cache would keep
  if (values instanceof Int32Array) return values.slice();
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const n = Number(values[i]);
    if (n !== (n | 0))
      throw new InvalidWindowObjectError(`${n} in ${v.type} does not fit an int32`);
    out[i] = n;
  }
  return out;
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
