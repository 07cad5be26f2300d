import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** A column of a statement's output, as the connection described it. */
export interface OutputColumn {
  name: string;
  /** PostgreSQL's type name (format_type), e.g. `bigint`, `numeric(10,2)`, `timestamp with time zone`. */
  pg_type: string;
  /** The DuckDB/Parquet type the column is stored as. */
  type: string;
}

/**
 * What indexes, rules and features share: a concept, a name unique in it, SQL on a connection,
 * the output columns the connection described when the SQL was saved, and a version that
 * grows with every change of the definition.
 */
export abstract class SqlAssetColumns {
  @Column({ name: 'c_id', type: 'integer' })
  cId: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'sql_query', type: 'text' })
  sqlQuery: string;

  @Column({ name: 'output_columns', type: 'jsonb', default: () => "'[]'" })
  outputColumns: OutputColumn[];

  @Column({ name: 'definition_version', type: 'integer', default: 1 })
  definitionVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
