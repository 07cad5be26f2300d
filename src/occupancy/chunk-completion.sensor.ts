import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Sensor } from '../infra/sensors/sensor.decorator';
import type { Run } from '../runs/run.types';
import { RunsService } from '../runs/runs.service';
import { ChunkRunParams, CHUNK_RUN_KINDS, runSpan } from './chunk-run.params';
import { ChunkWorkRepository } from './chunk-work.repository';
import { COMPLETION_SENSOR, OccupancyKicks } from './occupancy-kicks';

/**
 * What happens when chunk runs end:
 * - on the run-ended event of a chunk run, the chunks it left unfinished become FAILED (after a
 *   FAILURE, with the run's error) or PENDING again (SUCCESS of a stale delivery, CANCELED),
 *   and the completion and derived sensors are kicked;
 * - the completion sensor moves datasets to RUNNING / COMPLETED / FAILED and records their
 *   progress.
 */
@Injectable()
export class ChunkCompletionSensor implements OnModuleInit {
  private readonly logger = new Logger('ChunkCompletion');

  constructor(
    private readonly chunks: ChunkWorkRepository,
    private readonly runs: RunsService,
    private readonly kicks: OccupancyKicks,
  ) {}

  onModuleInit(): void {
    this.runs.onEnded(CHUNK_RUN_KINDS, (run) => this.runEnded(run));
  }

  /** The run-ended subscriber (idempotent: a second call finds no unfinished chunk). */
  async runEnded(run: Run): Promise<void> {
    const p = run.params as Partial<ChunkRunParams>;
    if (p.window_seconds === undefined) return; // an older format: the migration settled its chunks
    const { failed } = await this.chunks.settleRun(
      run.run_id,
      runSpan(p as ChunkRunParams),
      run.status === 'FAILURE' ? (run.error ?? 'run failed') : null,
    );
    if (failed) this.logger.warn(`${failed} chunk(s) FAILED after run ${run.run_id} failed`);
    const left = await this.runs.countUnfinished(CHUNK_RUN_KINDS);
    this.kicks.afterRunEnded(left === 0);
  }

  @Sensor({
    name: COMPLETION_SENSOR,
    lockKey: 7_301_022,
    every: (c) => c.occupancy.sensorIntervalSeconds * 1000,
    // kicked by every finished chunk run, and counting every chunk of the datasets in progress
    minGapMs: (c) => Math.min(500, c.occupancy.sensorIntervalSeconds * 1000),
  })
  async refresh(): Promise<void> {
    await this.chunks.refreshDatasets();
  }
}
