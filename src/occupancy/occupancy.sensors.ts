import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chunkTimeoutSeconds, claimableChunks, windowBatches } from '../../libs/occupancy-core';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { SensorRunner } from '../infra/sensors/sensor-runner.service';
import type { Run } from '../runs/run.types';
import { RunsService } from '../runs/runs.service';
import { asChunkEdge, asPendingChunk, ChunkWorkRepository } from './chunk-work.repository';
import type { ChunkType } from './occupancy-chunk.entity';
import { SessionSource } from './session-source';

export const SOURCE_SENSOR = 'occupancy-source-chunks';
export const DERIVED_SENSOR = 'occupancy-derived-chunks';
export const COMPLETION_SENSOR = 'occupancy-completion';

const KIND: Record<ChunkType, string> = {
  source: 'occupancy_source_chunk',
  derived: 'occupancy_derived_chunk',
};
/** Chunks claimed per tick, and the most unfinished chunk runs before the sensors wait. */
const CLAIM_LIMIT = 20_000;
const OUTSTANDING_RUNS_CAP = 2_000;

/**
 * The occupancy sensors (they only decide and enqueue; runs do the work):
 * - source: PENDING chunks without a run → one run per window and interval, holding the
 *   window's source chunks and every derived chunk whose inputs are COMPLETED or in the run;
 * - derived: the same for PENDING derived chunks only (those whose inputs other runs held);
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
      tick: () => this.submit(null),
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

  /** After chunks went back to PENDING outside a POST (e.g. their file was lost). */
  kickAll(): void {
    void this.sensors.kick(SOURCE_SENSOR).then(() => this.sensors.kick(DERIVED_SENSOR));
  }

  /** After chunks finish in this process: derived chunks may have become runnable. */
  kickAfterChunks(): void {
    void this.sensors.kick(COMPLETION_SENSOR).then(() => this.sensors.kick(DERIVED_SENSOR));
  }

  /**
   * Claims what can run now and creates one run per window: every claimable chunk of the window
   * (rooms, floors, buildings) goes into it and is computed bottom-up there. `derived` claims
   * only derived chunks (those left waiting for inputs that other runs computed).
   */
  async submit(type: ChunkType | null): Promise<void> {
    const room = OUTSTANDING_RUNS_CAP - (await this.chunks.outstandingRuns(Object.values(KIND)));
    if (room <= 0) return;
    const created: Run[] = [];
    await this.db.transaction(async (m) => {
      const pending = await this.chunks.pending(m, type, CLAIM_LIMIT);
      if (!pending.length) return;
      // the look-back (longest session, tippers database) is read while the app database
      // answers the inputs query; it covers every pending space, a superset of the claimed ones
      const [inputs, lookback] = await Promise.all([
        this.chunks.inputs(
          pending.filter((c) => c.chunk_type === 'derived').map((c) => c.chunk_id),
          m,
        ),
        this.source.longestSessionSeconds([...new Set(pending.map((c) => c.space_id))]),
      ]);
      const edges = inputs.map(asChunkEdge);
      const byId = new Map(pending.map((c) => [c.chunk_id, c]));
      const claimable = claimableChunks(pending.map(asPendingChunk), edges);
      const batches = windowBatches(claimable, edges, this.config.occupancy.batchSpaces)
        .slice(0, room)
        .map((b) => b.map((c) => byId.get(c.chunkId)!));
      if (!batches.length) return;
      const means = new Map<string, number | null>();
      const specs = [];
      for (const b of batches) {
        const kind = b.some((c) => c.chunk_type === 'source') ? KIND.source : KIND.derived;
        const meanKey = `${kind}:${b[0].interval_seconds}`;
        if (!means.has(meanKey))
          means.set(
            meanKey,
            await this.chunks.meanRunSeconds(
              kind,
              b[0].interval_seconds,
              this.config.occupancy.timeoutLookbackDays,
            ),
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
            meanRunSeconds: means.get(meanKey),
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
      this.logger.log(`submitted ${created.length} occupancy chunk run(s)`);
    }
  }

  async complete(): Promise<void> {
    const { failed, requeued } = await this.chunks.reconcileEndedRuns();
    if (failed) this.logger.warn(`${failed} chunk(s) FAILED after their runs failed`);
    await this.chunks.refreshDatasets();
    if (requeued) this.kickAll();
  }
}
