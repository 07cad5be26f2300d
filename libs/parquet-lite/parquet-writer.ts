/**
 * Tiny in-memory Parquet encoder for flat files of REQUIRED INT64-timestamp / INT32 columns.
 *
 * Layout: `PAR1`, one row group (none when there are 0 rows, as DuckDB does), per column one
 * DATA_PAGE (v1) with PLAIN values, UNCOMPRESSED, no repetition/definition levels (REQUIRED
 * columns), then the FileMetaData (Thrift compact), its 4-byte little-endian length, `PAR1`.
 * Column chunks carry min/max/null_count statistics and the file declares TypeDefinedOrder.
 */
import { CompactType, CompactWriter } from './thrift-compact';

/** Parquet enum values used here (parquet.thrift). */
const PhysicalType = { INT32: 1, INT64: 2 } as const;
const ConvertedType = { TIMESTAMP_MICROS: 10, INT_32: 17 } as const;
const Repetition = { REQUIRED: 0 } as const;
const Encoding = { PLAIN: 0, RLE: 3 } as const;
const PageType = { DATA_PAGE: 0 } as const;
const Codec = { UNCOMPRESSED: 0 } as const;

const MAGIC = Buffer.from('PAR1', 'ascii');
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Keeps every page size (rows × 8 bytes) far below the i32 limit of the page header. */
export const MAX_ROWS = 2 ** 26;
export const CREATED_BY = 'tippers-services parquet-lite';

/**
 * INT64 microseconds since the Unix epoch, annotated TIMESTAMP(unit=MICROS) and
 * converted_type TIMESTAMP_MICROS. `isAdjustedToUTC` defaults to false, which is what DuckDB
 * itself writes for a `TIMESTAMP` column (true makes DuckDB read `TIMESTAMP WITH TIME ZONE`).
 * Values: bigint within int64, or safe-integer numbers.
 */
export interface TimestampMicrosColumn {
  name: string;
  type: 'timestamp_micros';
  values: ArrayLike<bigint | number>;
  isAdjustedToUTC?: boolean;
}

/** INT32 (converted_type INT_32, as DuckDB writes for `INTEGER`). Values: integers in int32. */
export interface Int32Column {
  name: string;
  type: 'int32';
  values: ArrayLike<number>;
}

export type ParquetColumn = TimestampMicrosColumn | Int32Column;

export interface EncodeOptions {
  /** FileMetaData.created_by; defaults to {@link CREATED_BY}. */
  createdBy?: string;
}

interface PreparedColumn {
  col: ParquetColumn;
  width: 4 | 8;
  min: bigint | number;
  max: bigint | number;
  /** File offset of the column chunk's (only) data page header. */
  offset: number;
  /** Page header + values. */
  chunkBytes: number;
}

/** Validates a column and returns its min/max (0 for an empty column). */
function scan(col: ParquetColumn): { min: bigint | number; max: bigint | number } {
  const { values } = col;
  let min: bigint | number = 0;
  let max: bigint | number = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (col.type === 'int32') {
      if (!Number.isInteger(v) || (v as number) < -0x80000000 || (v as number) > 0x7fffffff) {
        throw new RangeError(`column ${col.name}: value at ${i} (${String(v)}) is not an int32`);
      }
    } else if (typeof v === 'bigint') {
      if (v < INT64_MIN || v > INT64_MAX) {
        throw new RangeError(`column ${col.name}: value at ${i} (${v}) is outside int64`);
      }
    } else if (!Number.isSafeInteger(v)) {
      throw new RangeError(
        `column ${col.name}: value at ${i} (${String(v)}) is not a safe integer; pass a bigint`,
      );
    }
    if (i === 0 || v < min) min = v;
    if (i === 0 || v > max) max = v;
  }
  return { min, max };
}

/** PageHeader + PLAIN values of one column chunk. */
function writeChunk(w: CompactWriter, col: ParquetColumn, width: 4 | 8): void {
  const { values } = col;
  const rows = values.length;
  w.i32(1, PageType.DATA_PAGE)
    .i32(2, rows * width)
    .i32(3, rows * width);
  w.structBegin(5); // DataPageHeader
  w.i32(1, rows).i32(2, Encoding.PLAIN).i32(3, Encoding.RLE).i32(4, Encoding.RLE);
  w.structEnd().endMessage();
  if (width === 4) w.rawInt32sLE(values as ArrayLike<number>);
  else w.rawInt64sLE(values);
}

function writeStatValue(w: CompactWriter, id: number, width: 4 | 8, v: bigint | number): void {
  w.binaryHeader(id, width);
  if (width === 8) w.rawInt64LE(v);
  else w.rawInt32LE(v as number);
}

function writeSchemaElement(w: CompactWriter, col: ParquetColumn): void {
  w.elementStructBegin();
  if (col.type === 'int32') {
    w.i32(1, PhysicalType.INT32).i32(3, Repetition.REQUIRED).string(4, col.name);
    w.i32(6, ConvertedType.INT_32);
  } else {
    w.i32(1, PhysicalType.INT64).i32(3, Repetition.REQUIRED).string(4, col.name);
    w.i32(6, ConvertedType.TIMESTAMP_MICROS);
    w.structBegin(10).structBegin(8); // LogicalType.TIMESTAMP: TimestampType
    w.bool(1, col.isAdjustedToUTC ?? false);
    w.structBegin(2).structBegin(2).structEnd().structEnd(); // unit: TimeUnit.MICROS {}
    w.structEnd().structEnd();
  }
  w.structEnd();
}

function writeFooter(w: CompactWriter, cols: PreparedColumn[], rows: number, by: string): void {
  w.i32(1, 1); // version
  w.listBegin(2, CompactType.STRUCT, cols.length + 1);
  w.elementStructBegin().string(4, 'schema').i32(5, cols.length).structEnd();
  for (const c of cols) writeSchemaElement(w, c.col);
  w.i64(3, rows);
  w.listBegin(4, CompactType.STRUCT, rows === 0 ? 0 : 1);
  if (rows > 0) {
    let total = 0;
    w.elementStructBegin(); // RowGroup
    w.listBegin(1, CompactType.STRUCT, cols.length);
    for (const c of cols) {
      total += c.chunkBytes;
      w.elementStructBegin().i64(2, 0).structBegin(3); // ColumnChunk.file_offset, meta_data
      w.i32(1, c.width === 8 ? PhysicalType.INT64 : PhysicalType.INT32);
      w.listBegin(2, CompactType.I32, 1).elementI32(Encoding.PLAIN);
      w.listBegin(3, CompactType.BINARY, 1).elementString(c.col.name);
      w.i32(4, Codec.UNCOMPRESSED).i64(5, rows).i64(6, c.chunkBytes).i64(7, c.chunkBytes);
      w.i64(9, c.offset);
      w.structBegin(12); // Statistics: max, min, null_count, max_value, min_value, exactness
      writeStatValue(w, 1, c.width, c.max);
      writeStatValue(w, 2, c.width, c.min);
      w.i64(3, 0);
      writeStatValue(w, 5, c.width, c.max);
      writeStatValue(w, 6, c.width, c.min);
      w.bool(7, true).bool(8, true).structEnd();
      w.structEnd().structEnd();
    }
    w.i64(2, total).i64(3, rows).i64(5, cols[0].offset).i64(6, total).structEnd();
  }
  w.string(6, by);
  w.listBegin(7, CompactType.STRUCT, cols.length);
  for (let i = 0; i < cols.length; i++) {
    w.elementStructBegin().structBegin(1).structEnd().structEnd(); // TYPE_ORDER
  }
  w.endMessage();
}

/** Encodes a whole Parquet file (one row group; none for 0 rows) into a Buffer. */
export function encodeParquet(
  columns: readonly ParquetColumn[],
  options: EncodeOptions = {},
): Buffer {
  if (columns.length === 0) throw new RangeError('at least one column is required');
  const names = new Set<string>();
  for (const c of columns) {
    const type: string = c.type;
    if (type !== 'int32' && type !== 'timestamp_micros') {
      throw new RangeError(`column ${String(c.name)}: unsupported type ${type}`);
    }
    if (typeof c.name !== 'string' || c.name === '' || names.has(c.name)) {
      throw new RangeError(`column names must be unique non-empty strings: ${String(c.name)}`);
    }
    names.add(c.name);
  }
  const rows = columns[0].values.length;
  for (const c of columns) {
    if (c.values.length !== rows) {
      throw new RangeError(`column ${c.name} has ${c.values.length} values, expected ${rows}`);
    }
  }
  if (rows > MAX_ROWS) throw new RangeError(`too many rows: ${rows} > ${MAX_ROWS}`);
  const prepared: PreparedColumn[] = columns.map((col) => ({
    col,
    width: col.type === 'int32' ? 4 : 8,
    ...scan(col),
    offset: 0,
    chunkBytes: 0,
  }));

  let estimate = 512;
  for (const p of prepared) estimate += 128 + 3 * p.col.name.length + rows * p.width;
  const w = new CompactWriter(estimate);
  w.rawBytes(MAGIC);
  if (rows > 0) {
    for (const p of prepared) {
      p.offset = w.length;
      writeChunk(w, p.col, p.width);
      p.chunkBytes = w.length - p.offset;
    }
  }
  const footerStart = w.length;
  writeFooter(w, prepared, rows, options.createdBy ?? CREATED_BY);
  w.rawInt32LE(w.length - footerStart, true).rawBytes(MAGIC);
  return w.toBuffer();
}

export const OCCUPANCY_TIME_COLUMN = 'interval_begin_time';
export const OCCUPANCY_COUNT_COLUMN = 'number_connections';
/** |seconds| up to this converts to microseconds exactly in double arithmetic. */
const MAX_EXACT_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1_000_000);

/**
 * Encodes one occupancy chunk from two parallel arrays: row i is
 * (`beginEpochSeconds[i]` → `interval_begin_time`, `counts[i]` → `number_connections`).
 * Seconds must be integers (converted exactly to microseconds; int64 range), counts int32.
 * The columns read back in DuckDB as `TIMESTAMP` and `INTEGER`, like a DuckDB COPY of
 * `make_timestamp(t * 1000000)` / `n::INTEGER`.
 */
export function encodeOccupancyParquet(
  beginEpochSeconds: ArrayLike<number>,
  counts: ArrayLike<number>,
): Buffer {
  const n = beginEpochSeconds.length;
  if (counts.length !== n) {
    throw new RangeError(`beginEpochSeconds has ${n} values but counts has ${counts.length}`);
  }
  const micros = new Array<bigint | number>(n);
  for (let i = 0; i < n; i++) {
    const s = beginEpochSeconds[i];
    if (!Number.isSafeInteger(s)) {
      throw new RangeError(`beginEpochSeconds[${i}] (${String(s)}) is not a finite integer`);
    }
    micros[i] = Math.abs(s) <= MAX_EXACT_SECONDS ? s * 1_000_000 : BigInt(s) * 1_000_000n;
  }
  return encodeParquet([
    { name: OCCUPANCY_TIME_COLUMN, type: 'timestamp_micros', values: micros },
    { name: OCCUPANCY_COUNT_COLUMN, type: 'int32', values: counts },
  ]);
}
