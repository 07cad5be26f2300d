import { Inject, Injectable, Logger } from '@nestjs/common';
import { chunkTimeoutSeconds, runSpans } from '../../libs/occupancy-core';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { Sensor } from '../infra/sensors/sensor.decorator';
import type { RunSpec } from '../runs/run.types';
import { RunsService } from '../runs/runs.service';
import {
  ChunkRunParams,
  CHUNK_RUN_KINDS,
  DERIVED_CHUNK_KIND,
  MAX_UNFINISHED_CHUNK_RUNS,
  runWindowKeys,
  SOURCE_CHUNK_KIND,
  windowKey,
} from './chunk-run.params';
import { ChunkWorkRepository } from './chunk-work.repository';
import type { ChunkType } from './occupancy-chunk.entity';
import { DERIVED_SENSOR, SOURCE_SENSOR } from './occupancy-kicks';
import { SessionSource } from './session-source';

/** Both sensors decide under one lock: they must not both make runs for one window. */
const LOCK_KEY = 7_301_020;

/**
 * The chunk-submission sensors (they only decide and enqueue; runs do the work). Windows
 * (interval, aggregation, window) with PENDING chunks no run holds and no unfinished run yet
 * become runs: consecutive windows share a run up to OCCUPANCY_BATCH_SPACES chunks and
 * OCCUPANCY_RUN_MAX_DAYS days (libs/occupancy-core runSpans); a window of more chunks gets
 * several runs. A run takes its windows' claimable chunks when it starts
 * (ChunkWorkRepository.claimForRun), so deciding costs a query over windows, not an update of
 * every chunk.
 * - source: every such window (POST kicks it; SOURCE_CHUNK_SENSOR_INTERVAL);
 * - derived: windows with PENDING derived chunks (those left waiting for inputs other runs
 *   computed; kicked when chunk runs end; OCCUPANCY_SENSOR_INTERVAL).
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
    lockKey: LOCK_KEY,
    every: (c) => c.occupancy.sourceSensorIntervalSeconds * 1000,
  })
  submitSources(): Promise<void> {
    return this.submit(null);
  }

  @Sensor({
    name: DERIVED_SENSOR,
    lockKey: LOCK_KEY,
    every: (c) => c.occupancy.sensorIntervalSeconds * 1000,
  })
  submitDerived(): Promise<void> {
    return this.submit('derived');
  }

  async submit(type: ChunkType | null): Promise<void> {
    const inFlight = await this.runs.listUnfinished(CHUNK_RUN_KINDS, MAX_UNFINISHED_CHUNK_RUNS);
    const room = MAX_UNFINISHED_CHUNK_RUNS - inFlight.length;
    if (room <= 0) return;
    const busy = new Set(inFlight.flatMap((r) => runWindowKeys(r.params)));
    const o = this.config.occupancy;
    const created = await this.runs.transaction(async (tx) => {
      const windows = (await this.chunks.pendingWindows(tx.manager, type, room + busy.size)).filter(
        (w) => !busy.has(windowKey(w.interval_seconds, w.aggregation, w.start_sec)),
      );
      if (!windows.length) return 0;
      // how far back sessions may start and still reach into a window: the longest session of
      // every space these windows count (read now, so it sees the latest sessions)
      const lookback = await this.source.longestSessionSeconds([
        ...new Set(windows.flatMap((w) => w.session_spaces)),
      ]);
      const withSources = new Set(
        windows
          .filter((w) => w.has_source)
          .map((w) => windowKey(w.interval_seconds, w.aggregation, w.start_sec)),
      );
      const means = new Map<string, number | null>();
      const specs: RunSpec[] = [];
      const plans = runSpans(
        windows.map((w) => ({
          intervalSec: w.interval_seconds,
          aggregation: w.aggregation,
          startSec: w.start_sec,
          endSec: w.end_sec,
          chunks: w.chunks,
        })),
        o.batchSpaces,
        o.runMaxDays * 86_400,
      ).slice(0, room);
      for (const plan of plans) {
        const params: ChunkRunParams = {
          interval_seconds: plan.intervalSec,
          aggregation: plan.aggregation,
          window_start: plan.startSec,
          window_end: plan.endSec,
          window_seconds: plan.windowSec,
          chunk_count: plan.chunks,
          lookback_seconds: lookback,
        };
        const kind = runWindowKeys(params).some((k) => withSources.has(k))
          ? SOURCE_CHUNK_KIND
          : DERIVED_CHUNK_KIND;
        const meanKey = `${kind}:${plan.intervalSec}`;
        if (!means.has(meanKey))
          means.set(
            meanKey,
            await this.runs.meanRunSeconds(
              kind,
              { interval_seconds: plan.intervalSec },
              o.timeoutLookbackDays,
            ),
          );
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
      return (await tx.create(specs)).length;
    });
    if (created) this.logger.log(`submitted ${created} occupancy chunk run(s)`);
  }
}
