import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TippersDb } from '../infra/tippers-db/tippers-db.service';

const TIMEOUT_MS = 3_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Health indicators for the two databases: each is up when `SELECT 1` answers within 3 s. */
@Injectable()
export class DatabaseHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly appDb: DataSource,
    private readonly tippersDb: TippersDb,
  ) {}

  appDatabase(): Promise<HealthIndicatorResult> {
    return this.probe('app_db', () => this.appDb.query('SELECT 1'));
  }

  tippersDatabase(): Promise<HealthIndicatorResult> {
    return this.probe('tippers_db', () => this.tippersDb.ping());
  }

  private async probe(key: string, run: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(key);
    const t0 = Date.now();
    try {
      await withTimeout(run(), TIMEOUT_MS);
      return check.up({ latency_ms: Date.now() - t0 });
    } catch (e) {
      return check.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }
}
