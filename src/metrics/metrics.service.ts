import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { processRegistry } from './process-metrics';

/**
 * GET /metrics: the process's metrics plus the run engine's state read from the database at
 * scrape time (runs by kind and status; queue depth by group), so every process reports the
 * same totals whichever one is scraped.
 */
@Injectable()
export class MetricsService {
  private readonly registry = new Registry();

  constructor(@InjectDataSource() private readonly db: DataSource) {
    const runs = new Gauge({
      name: 'tippers_runs',
      help: 'Runs by kind and status (all processes)',
      labelNames: ['kind', 'status'] as const,
      registers: [this.registry],
      collect: async () => {
        runs.reset();
        const rows = (await this.db.query(
          `SELECT kind, status, count(*)::int AS n FROM runs GROUP BY 1, 2`,
        )) as { kind: string; status: string; n: number }[];
        for (const r of rows) runs.set({ kind: r.kind, status: r.status }, r.n);
      },
    });
    const queued = new Gauge({
      name: 'tippers_run_queue_depth',
      help: 'QUEUED runs by group (all processes)',
      labelNames: ['group'] as const,
      registers: [this.registry],
      collect: async () => {
        queued.reset();
        const rows = (await this.db.query(
          `SELECT run_group AS g, count(*)::int AS n FROM runs WHERE status = 'QUEUED' GROUP BY 1`,
        )) as { g: string; n: number }[];
        for (const g of ['interactive', 'diagnostic', 'bulk']) queued.set({ group: g }, 0);
        for (const r of rows) queued.set({ group: r.g }, r.n);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async text(): Promise<string> {
    return Registry.merge([processRegistry, this.registry]).metrics();
  }
}
