import { Inject, Injectable, Logger } from '@nestjs/common';
import { chunkTimeoutSeconds, claimableChunks, windowBatches } from '../../libs/occupancy-core';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { Sensor } from '../infra/sensors/sensor.decorator';
import { RunsService } from '../runs/runs.service';
import type { RunSpec } from '../runs/run.types';
import { ChunkRunParams } from './chunk-run.params';
import { asChunkEdge, asPendingChunk, ChunkWorkRepository } from './chunk-work.repository';
import { DERIVED_CHUNK_KIND } from './derived-chunk.processor';
import type { ChunkType } from './occupancy-chunk.entity';
import { DERIVED_SENSOR, SOURCE_SENSOR } from './occupancy-kicks';
import { SessionSource } from './session-source';
import { SOURCE_CHUNK_KIND } from './source-chunk.processor';

/** Chunks claimed per tick, and the most unfinished chunk runs before the sensors wait. */
const CLAIM_LIMIT = 20_000;
const OUTSTANDING_RUNS_CAP = 2_000;

/**
 * The chunk-submission sensors (they only decide and enqueue; runs do the work):
 * - source: PENDING chunks without a run → one run per window, interval and aggregation,
 *   holding the window's source chunks and every derived chunk whose inputs are COMPLETED or
 *   in the run;
 * - derived: the same for PENDING derived chunks only (those whose inputs other runs held).
 * The chunks' run ids and the runs are written in one transaction; runs are enqueued after it.
 */
@Injectable()
export class ChunkSubmissionSensor {
  private readonly logger = new Logger('ChunkSubmission');

  constructor(
    private readonly chunks: ChunkWorkRepository,
    private readonly runs: RunsService,
    private readonly source: SessionSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Sensor({
    name: SOURCE_SENSOR,
    lockKey: 7_301_020,
    every: (c) => c.occupancy.sourceSensorIntervalSeconds * 1000,
  })
  submitSources(): Promise<void> {
    return this.submit(null);
  }

  @Sensor({
    name: DERIVED_SENSOR,
    lockKey: 7_301_021,
    every: (c) => c.occupancy.sensorIntervalSeconds * 1000,
  })
  submitDerived(): Promise<void> {
    return this.submit('derived');
  }

  /**
   * Claims what can run now and creates one run per window: every claimable chunk of the window
   * (rooms, floors, buildings) goes into it and is computed bottom-up there. `derived` claims
   * only derived chunks (those left waiting for inputs that other runs computed).
   */
  async submit(type: ChunkType | null): Promise<void> {
    const room =
      OUTSTANDING_RUNS_CAP -
      (await this.runs.countUnfinished([SOURCE_CHUNK_KIND, DERIVED_CHUNK_KIND]));
    if (room <= 0) return;
    const o = this.config.occupancy;
    const created = await this.runs.transaction(async (tx) => {
      const pending = await this.chunks.pending(tx.manager, type, CLAIM_LIMIT);
      if (!pending.length) return 0;
      // the look-back (longest session, tippers database) is read while the app database
      // answers the inputs query; it covers every pending space, a superset of the claimed ones
      const sessionSpaces = new Set(pending.flatMap((c) => c.session_space_ids ?? [c.space_id]));
      const [inputs, lookback] = await Promise.all([
        this.chunks.inputs(
          pending.filter((c) => c.chunk_type === 'derived').map((c) => c.chunk_id),
          tx.manager,
        ),
        this.source.longestSessionSeconds([...sessionSpaces]),
      ]);
      const edges = inputs.map(asChunkEdge);
      const byId = new Map(pending.map((c) => [c.chunk_id, c]));
      const claimable = claimableChunks(pending.map(asPendingChunk), edges);
      const batches = windowBatches(claimable, edges, o.batchSpaces)
        .slice(0, room)
        .map((b) => b.map((c) => byId.get(c.chunkId)!));
      if (!batches.length) return 0;
      const means = new Map<string, number | null>();
      const specs: RunSpec[] = [];
      for (const b of batches) {
        const first = b[0];
        const kind = b.some((c) => c.chunk_type === 'source')
          ? SOURCE_CHUNK_KIND
          : DERIVED_CHUNK_KIND;
        const meanKey = `${kind}:${first.interval_seconds}`;
        if (!means.has(meanKey))
          means.set(
            meanKey,
            await this.runs.meanRunSeconds(
              kind,
              { interval_seconds: first.interval_seconds },
              o.timeoutLookbackDays,
            ),
          );
        const params: ChunkRunParams = {
          interval_seconds: first.interval_seconds,
          aggregation: first.aggregation,
          window_start: first.start_sec,
          window_end: first.end_sec,
          chunk_count: b.length,
          lookback_seconds: lookback,
        };
        specs.push({
          kind,
          params,
          timeoutSeconds: chunkTimeoutSeconds({
            minSeconds: o.timeoutMinSeconds,
            multiplier: o.timeoutMultiplier,
            meanRunSeconds: means.get(meanKey),
          }),
        });
      }
      const results = await tx.create(specs);
      const pairs = results.flatMap((r, i) =>
        batches[i].map((c) => ({ chunkId: c.chunk_id, runId: r.run.run_id })),
      );
      await this.chunks.assignRuns(tx.manager, pairs);
      return results.length;
    });
    if (created) this.logger.log(`submitted ${created} occupancy chunk run(s)`);
  }
}
