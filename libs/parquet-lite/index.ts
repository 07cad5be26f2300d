export {
  CREATED_BY,
  encodeOccupancyParquet,
  encodeParquet,
  MAX_ROWS,
  OCCUPANCY_COUNT_COLUMN,
  OCCUPANCY_TIME_COLUMN,
} from './parquet-writer';
export type {
  EncodeOptions,
  Int32Column,
  ParquetColumn,
  TimestampMicrosColumn,
} from './parquet-writer';
export { CompactType, CompactWriter, encodeVarint, zigzag } from './thrift-compact';
