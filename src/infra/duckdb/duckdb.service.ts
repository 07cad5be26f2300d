import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ColumnSpec, JsRow } from './duckdb-values';
import * as parquet from './parquet';

export interface DuckDbOptions {
  /** DuckDB memory_limit per instance, e.g. '1GB' (10^9 bytes) or '1GiB'. */
  memoryLimit: string;
  /** DuckDB worker threads per instance. */
  threads: number;
  /** Spill root; every instance spills into its own subdirectory, removed on close. */
  tempDir: string;
  /** Per sandbox instance; default memoryLimit. */
  sandboxMemoryLimit?: string;
  /** Per sandbox instance; default threads. */
  sandboxThreads?: number;
}

export interface SandboxOptions {
  /** Interrupts the running statement after this many ms and fails with DuckDbTimeoutError. */
  timeoutMs?: number;
}

export class DuckDbTimeoutError extends Error {}

/** Never download or auto-load an extension (none can be downloaded on our machines). */
const NO_EXTENSION_DOWNLOADS = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
};

/**
 * Memory DuckDB frees goes back to the system soon instead of being kept for reuse: its default
 * keeps up to 128 MiB (and 512 MiB after bulk frees) per process, which showed as 100 MB of RSS
 * the service held after every build. Measured with bench:assets: same speed.
 */
const RETURN_FREED_MEMORY = {
  allocator_flush_threshold: '8MiB',
  allocator_bulk_deallocation_flush_threshold: '32MiB',
};

/** The long-lived instances: `shared` for service work, `pipe` for reading a stream (one thread). */
type Pool = 'shared' | 'pipe';

/**
 * DuckDB for the service, in-memory, in three flavours.
 *
 * **Service work** (`withConnection`, the Parquet helpers): one shared instance, created on first
 * use, with one connection per call. DuckDB runs connections of one instance concurrently, and
 * sharing the instance makes `memoryLimit` and `threads` a bound for the whole process, however
 * many runs are active. Temp tables are per connection, so concurrent calls do not see each
 * other's. It may read and write files the service names (Parquet under DATA_DIR). Do not `SET`
 * instance-wide options (memory_limit, threads, ...) from a connection: they apply to everyone.
 *
 * **Pipe** (`withPipeConnection`): a second long-lived instance like the shared one, but with
 * one thread, for statements that read a FIFO (a build's COPY output). Its memory limit is its
 * own, so the process's DuckDB memory bound is twice `memoryLimit` while builds run.
 *
 * **Sandbox** (`withSandbox`, for user-provided SQL expressions): a fresh instance per call,
 * closed afterwards, so user SQL sees only the data the caller put in (appender / values) and no
 * other run's tables. Created with `enable_external_access=false` (no files, no ATTACH, no COPY TO,
 * no INSTALL/LOAD) and extension autoload/autoinstall off; then `TimeZone` is set to UTC and
 * `lock_configuration` turned on before the caller gets the connection, so user SQL cannot `SET`
 * anything back. (TimeZone cannot go in the creation config: ICU is not loaded yet at that point,
 * which is why the lock is a statement too.) Costs about 25 ms per call.
 *
 * Every instance gets `TimeZone = 'UTC'` and spills to its own subdirectory of `tempDir` (DuckDB's
 * spill file names are fixed, so two instances must not share one directory).
 *
 * Every running statement holds a libuv threadpool thread (default 4 in all): with 4 long queries
 * in flight, fs and dns calls in the process wait. Start the process with UV_THREADPOOL_SIZE above
 * the number of concurrent DuckDB users (e.g. MAX_CONCURRENT_RUNS + 4).
 */
@Injectable()
export class DuckDb implements OnModuleDestroy {
  private readonly pools = new Map<Pool, Promise<{ instance: DuckDBInstance; dir: string }>>();
  private readonly open = new Set<DuckDBConnection>();
  private closed = false;

  constructor(private readonly options: DuckDbOptions) {}

  /**
   * Opens a connection on the shared instance, runs `fn`, and always closes the connection.
   * When `signal` aborts, the statement running on the connection is interrupted (and every
   * later one, should `fn` start another), and the call rejects with the signal's reason.
   */
  async withConnection<T>(
    fn: (conn: DuckDBConnection) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.onPool('shared', fn, signal);
  }

  /**
   * As withConnection, on a second long-lived instance with one thread, for statements that
   * read a pipe (a FIFO): DuckDB reads a pipe with one thread anyway, and with more threads its
   * Parquet writer keeps state per thread. Measured converting 1 M rows of
   * COPY output (bench:assets): 37 MB of RSS above the start instead of 80-100 MB, and no
   * slower. Its memory limit and spill directory are its own.
   */
  withPipeConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>, signal?: AbortSignal) {
    return this.onPool('pipe', fn, signal);
  }

  private async onPool<T>(
    pool: Pool,
    fn: (conn: DuckDBConnection) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    signal?.throwIfAborted();
    const conn = await this.connect(pool);
    let timer: NodeJS.Timeout | undefined;
    const interrupt = () => {
      conn.interrupt();
      timer = setTimeout(interrupt, 50); // fn may catch one interrupt and run another statement
    };
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      const result = await fn(conn);
      signal?.throwIfAborted();
      return result;
    } catch (e) {
      signal?.throwIfAborted();
      throw e;
    } finally {
      signal?.removeEventListener('abort', interrupt);
      clearTimeout(timer);
      this.release(conn);
    }
  }

  /** Runs `fn` on a connection of a fresh locked-down instance (see class doc). */
  async withSandbox<T>(
    fn: (conn: DuckDBConnection) => Promise<T>,
    opts: SandboxOptions = {},
  ): Promise<T> {
    this.assertOpen();
    const dir = await this.instanceDir('sandbox');
    const instance = await DuckDBInstance.create(':memory:', {
      ...NO_EXTENSION_DOWNLOADS,
      ...RETURN_FREED_MEMORY,
      memory_limit: this.options.sandboxMemoryLimit ?? this.options.memoryLimit,
      threads: String(this.options.sandboxThreads ?? this.options.threads),
      temp_directory: dir,
      enable_external_access: 'false',
    });
    let conn: DuckDBConnection | undefined;
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    try {
      conn = await instance.connect();
      await conn.run("SET GLOBAL TimeZone = 'UTC'");
      await conn.run('SET lock_configuration = true');
      const running = conn;
      // once over time, keep interrupting: fn may catch one interrupt and start another statement
      const interrupt = () => {
        timedOut = true;
        running.interrupt();
        timer = setTimeout(interrupt, 50);
      };
      if (opts.timeoutMs !== undefined) timer = setTimeout(interrupt, opts.timeoutMs);
      this.open.add(conn);
      try {
        const result = await fn(conn);
        if (timedOut) throw new Error('interrupted');
        return result;
      } catch (err) {
        if (timedOut)
          throw new DuckDbTimeoutError(`DuckDB sandbox exceeded ${opts.timeoutMs} ms`, {
            cause: err,
          });
        throw err;
      }
    } finally {
      clearTimeout(timer);
      if (conn) this.release(conn);
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Writes row batches to a Parquet file atomically; see parquet.writeParquet. */
  writeParquet(
    target: string,
    columns: readonly ColumnSpec[],
    rows: parquet.RowBatches,
  ): Promise<parquet.WriteResult> {
    return this.withConnection((conn) => parquet.writeParquet(conn, target, columns, rows));
  }

  /** Writes the result of one SELECT to a Parquet file atomically. */
  copyQueryToParquet(
    sql: string,
    target: string,
    params?: parquet.StreamOptions['params'],
  ): Promise<parquet.WriteResult> {
    return this.withConnection((conn) => parquet.copyQueryToParquet(conn, sql, target, params));
  }

  parquetSchema(path: string): Promise<parquet.ParquetColumn[]> {
    return this.withConnection((conn) => parquet.parquetSchema(conn, path));
  }

  /**
   * Streams a Parquet file as batches of row objects. The connection stays open while the
   * caller iterates and closes when iteration ends (also on `break` or an error).
   */
  async *readParquet(
    path: string,
    opts: { columns?: readonly string[]; batchSize?: number } = {},
  ): AsyncGenerator<JsRow[]> {
    const conn = await this.connect('shared');
    try {
      yield* parquet.readParquet(conn, path, opts);
    } finally {
      this.release(conn);
    }
  }

  /** Streams a query's result as batches of row objects, like readParquet. */
  async *streamRows(sql: string, opts: parquet.StreamOptions = {}): AsyncGenerator<JsRow[]> {
    const conn = await this.connect('shared');
    try {
      yield* parquet.streamRows(conn, sql, opts);
    } finally {
      this.release(conn);
    }
  }

  /** Interrupts running statements and closes the long-lived instances. */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const conn of this.open) conn.interrupt();
    const pools = await Promise.all([...this.pools.values()].map((p) => p.catch(() => undefined)));
    this.pools.clear();
    for (const pool of pools) {
      if (!pool) continue;
      // an instance closed under open connections stays alive until they close, so this is safe
      pool.instance.closeSync();
      if (this.open.size === 0) await rm(pool.dir, { recursive: true, force: true });
    }
  }

  private async connect(pool: Pool): Promise<DuckDBConnection> {
    this.assertOpen();
    let pending = this.pools.get(pool);
    if (!pending) {
      pending = this.createPool(pool);
      this.pools.set(pool, pending);
    }
    const { instance } = await pending.catch((err: unknown) => {
      if (this.pools.get(pool) === pending) this.pools.delete(pool); // let the next call retry
      throw err;
    });
    const conn = await instance.connect();
    this.open.add(conn);
    return conn;
  }

  private release(conn: DuckDBConnection): void {
    this.open.delete(conn);
    conn.closeSync();
  }

  private async createPool(pool: Pool): Promise<{ instance: DuckDBInstance; dir: string }> {
    const dir = await this.instanceDir(pool);
    const instance = await DuckDBInstance.create(':memory:', {
      ...NO_EXTENSION_DOWNLOADS,
      ...RETURN_FREED_MEMORY,
      memory_limit: this.options.memoryLimit,
      threads: pool === 'pipe' ? '1' : String(this.options.threads),
      temp_directory: dir,
    });
    const conn = await instance.connect();
    try {
      await conn.run("SET GLOBAL TimeZone = 'UTC'");
    } finally {
      conn.closeSync();
    }
    return { instance, dir };
  }

  /** A fresh spill directory path; its parent must exist (DuckDB creates one level only). */
  private async instanceDir(kind: string): Promise<string> {
    await mkdir(this.options.tempDir, { recursive: true });
    return join(
      this.options.tempDir,
      `duckdb-${process.pid}-${kind}-${randomBytes(4).toString('hex')}`,
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('DuckDb is shut down');
  }
}
