import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Pool, QueryResultRow } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * The TIPPERS database (spaces and WiFi sessions), used read-only: every session of this pool
 * runs with `default_transaction_read_only` on, so a bug here cannot write to it.
 */
@Injectable()
export class TippersDb implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(url: string) {
    this.pool = new Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      options: '-c default_transaction_read_only=on -c statement_timeout=300000',
      application_name: 'tippers-services',
    });
    // an idle client losing its server must not crash the process
    this.pool.on('error', () => undefined);
  }

  async query<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const { rows } = await this.pool.query<T>(sql, params);
    return rows;
  }

  /**
   * Runs `COPY (<select>) TO STDOUT ...` and writes the output to `filePath`, streamed (no
   * rows in memory). `copySql` must be a complete COPY statement built from trusted values.
   * When `signal` aborts, the query is canceled on the server (pg_cancel_backend) and the call
   * rejects; a client whose COPY failed is discarded, never returned to the pool.
   */
  async copyToFile(copySql: string, filePath: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const client = await this.pool.connect();
    // the backend of this client: another connection cancels its query
    const pid = (client as unknown as { processID?: number }).processID;
    const cancel = () => {
      if (pid) void this.pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    let failure: Error | undefined;
    try {
      await pipeline(client.query(copyTo(copySql)), createWriteStream(filePath), { signal });
    } catch (e) {
      failure = e instanceof Error ? e : new Error(String(e));
      throw e;
    } finally {
      signal?.removeEventListener('abort', cancel);
      client.release(failure);
    }
  }

  /** Round-trip check used by /health. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
