import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chunkTimeoutSeconds } from '../../libs/occupancy-core';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { SensorRunner } from '../infra/sensors/sensor-runner.service';
import type { Run } from '../runs/run.types';
import { RunsService } from '../runs/runs.service';
import { ChunkWorkRepository, WorkChunk } from './chunk-work.repository';
import type { ChunkType } from './occupancy-chunk.entity';
import { SessionSource } from './session-source';

export const SOURCE_SENSOR = 'occupancy-source-chunks';
export const DERIVED_SENSOR = 'occupancy-derived-chunks';
export const COMPLETION_SENSOR = 'occupancy-completion';

const KIND: Record<ChunkType, string> = {
  source: 'occupancy_source_chunk',
  derived: 'occupancy_derived_chunk',
};
/** Chunks claimed per tick, and the most unfinished runs of a kind before a sensor waits. */
const CLAIM_LIMIT = 20_000;
const OUTSTANDING_RUNS_CAP = 2_000;

/**
 * The occupancy sensors (they only decide and enqueue; runs do the work):
 * - source: PENDING source chunks without a run → runs, batched per window and interval;
 * - derived: PENDING derived chunks whose inputs are all COMPLETED → runs, bottom-up;
 * - completion: chunks whose run ended without them → FAILED / PENDING; dataset statuses.
 */
@Injectable()
export class OccupancySensors implements OnModuleInit {
  private readonly logger = new Logger('OccupancySensors');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly chunks: ChunkWorkRepository,
    private readonly runs: RunsService,
    private readonly source: SessionSource,
    private readonly sensors: SensorRunner,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onModuleInit(): void {
    const o = this.config.occupancy;
    this.sensors.register({
      name: SOURCE_SENSOR,
      lockKey: 7_301_020,
      intervalMs: o.sourceSensorIntervalSeconds * 1000,
      tick: () => this.submit('source'),
    });
    this.sensors.register({
      name: DERIVED_SENSOR,
      lockKey: 7_301_021,
      intervalMs: o.sensorIntervalSeconds * 1000,
      tick: () => this.submit('derived'),
    });
    this.sensors.register({
      name: COMPLETION_SENSOR,
      lockKey: 7_301_022,
      intervalMs: o.sensorIntervalSeconds * 1000,
      tick: () => this.complete(),
    });
  }

  /** After a POST: plan → runs at once (a no-op in processes that run no sensors). */
  kickSource(): void {
    void this.sensors.kick(SOURCE_SENSOR);
  }

  /** After chunks finish in this process: derived chunks may have become runnable. */
  kickAfterChunks(): void {
    void this.sensors.kick(COMPLETION_SENSOR).then(() => this.sensors.kick(DERIVED_SENSOR));
  }

  async submit(type: ChunkType): Promise<void> {
    const kind = KIND[type];
    const room = OUTSTANDING_RUNS_CAP - (await this.chunks.outstandingRuns(kind));
    if (room <= 0) return;
    const created: Run[] = [];
    await this.db.transaction(async (m) => {
      const claimed = await this.chunks.claimable(m, type, CLAIM_LIMIT);
      if (!claimed.length) return;
      const batches = this.batch(claimed).slice(0, room);
      const lookback = await this.source.longestSessionSeconds([
        ...new Set(claimed.map((c) => c.space_id)),
      ]);
      const specs = [];
      for (const b of batches) {
        const mean = await this.chunks.meanRunSeconds(
          kind,
          b[0].interval_seconds,
          this.config.occupancy.timeoutLookbackDays,
        );
        specs.push({
          kind,
          params: {
            interval_seconds: b[0].interval_seconds,
            window_start: b[0].start_sec,
            chunk_ids: b.map((c) => c.chunk_id),
            lookback_seconds: lookback,
          },
          maxAttempts: 3,
          timeoutSeconds: chunkTimeoutSeconds({
            minSeconds: this.config.occupancy.timeoutMinSeconds,
            multiplier: this.config.occupancy.timeoutMultiplier,
            meanRunSeconds: mean,
          }),
        });
      }
      const results = await this.runs.createMany(specs, { enqueue: false });
      const pairs = results.flatMap((r, i) =>
        batches[i].map((c) => ({ chunkId: c.chunk_id, runId: r.run.run_id })),
      );
      await this.chunks.assignRuns(m, pairs);
      created.push(...results.map((r) => r.run));
    });
    if (created.length) {
      await this.runs.enqueue(created);
      this.logger.log(`submitted ${created.length} ${kind} run(s)`);
    }
  }

  async complete(): Promise<void> {
    const { failed, requeued } = await this.chunks.reconcileEndedRuns();
    if (failed) this.logger.warn(`${failed} chunk(s) FAILED after their runs failed`);
    await this.chunks.refreshDatasets();
    if (requeued)
      void this.sensors.kick(SOURCE_SENSOR).then(() => this.sensors.kick(DERIVED_SENSOR));
  }

  /** Groups chunks of one window and interval into runs of at most `batchSpaces` chunks. */
  private batch(chunks: WorkChunk[]): WorkChunk[][] {
    const groups = new Map<string, WorkChunk[]>();
    for (const c of chunks) {
      const key = `${c.interval_seconds}:${c.start_sec}`;
      const group = groups.get(key);
      if (group) group.push(c);
      else groups.set(key, [c]);
    }
    const size = this.config.occupancy.batchSpaces;
    const out: WorkChunk[][] = [];
    for (const g of groups.values())
      for (let i = 0; i < g.length; i += size) out.push(g.slice(i, i + size));
    return out;
  }
}
