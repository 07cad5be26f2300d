import { DynamicModule, Global, Module } from '@nestjs/common';
import { DuckDb, DuckDbOptions } from './duckdb.service';

/** Provides DuckDb app-wide, built from the typed config (DUCKDB_MEMORY_LIMIT, DUCKDB_THREADS). */
@Global()
@Module({})
export class DuckDbModule {
  static forRoot(options: DuckDbOptions): DynamicModule {
    return {
      module: DuckDbModule,
      providers: [{ provide: DuckDb, useFactory: () => new DuckDb(options) }],
      exports: [DuckDb],
    };
  }
}
