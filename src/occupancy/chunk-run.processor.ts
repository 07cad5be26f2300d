import { claimableChunks, withDependents } from '../../libs/occupancy-core';
import type { RunContext, RunProcessor } from '../runs/run-processor';
import type { ChunkComputer } from './chunk-computer.service';
import type { ChunkRunParams } from './chunk-run.params';
import { LostChunkObjectsError } from './lost-chunk-objects.error';
import {
  asChunkEdge,
  asPendingChunk,
  type ChunkWorkRepository,
  type WorkChunk,
} from './chunk-work.repository';
import type { OccupancyKicks } from './occupancy-kicks';

/** Whether two sorted id lists (or nulls) are the same. */
function sameIds(a: number[] | null | undefined, b: number[] | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * What both chunk run kinds do: the run's chunks (one window) are computed bottom-up in one go —
 * sources from sessions, derived chunks from their inputs (computed in this run, or COMPLETED
 * earlier and read from their objects) plus own sessions, distinct chunks from their subtree's
 * sessions — and stored as one object. Idempotent: only chunks still assigned to this run are
 * computed, and results are recorded only for them, after their object is stored. A derived
 * chunk whose input stopped being COMPLETED since the claim (a concurrent re-plan) is handed
 * back to the sensors instead of being computed from it.
 */
export abstract class ChunkRunProcessor implements RunProcessor<ChunkRunParams> {
  protected constructor(
    private readonly chunks: ChunkWorkRepository,
    private readonly computer: ChunkComputer,
    private readonly kicks: OccupancyKicks,
  ) {}

  async process({ run, params: p, signal }: RunContext<ChunkRunParams>) {
    const started = await this.chunks.startWork(run.run_id, {
      intervalSec: p.interval_seconds,
      aggregation: p.aggregation,
      startSec: p.window_start,
    });
    if (!started.length) return { chunks: 0, note: 'nothing left to compute (delivered again?)' };
    const inputs = await this.chunks.inputs(
      started.filter((c) => c.chunk_type === 'derived').map((c) => c.chunk_id),
    );
    const edges = inputs.map(asChunkEdge);
    const computable = new Set(
      claimableChunks(started.map(asPendingChunk), edges).map((c) => c.chunkId),
    );
    const work: WorkChunk[] = started.filter((c) => computable.has(c.chunk_id));
    const deferred = started.filter((c) => !computable.has(c.chunk_id)).map((c) => c.chunk_id);
    await this.chunks.release(run.run_id, deferred);
    signal.throwIfAborted();
    let computed;
    try {
      computed = work.length
        ? await this.computer.computeWindow(work, inputs, p.lookback_seconds, signal)
        : { results: [], object: null, ms: {} };
    } catch (e) {
      if (!(e instanceof LostChunkObjectsError)) throw e;
      // inputs whose object is gone: compute them again, then this run's chunks (a later run)
      const reset = await this.chunks.resetLost(e.keys);
      await this.chunks.release(
        run.run_id,
        work.map((c) => c.chunk_id),
      );
      this.kicks.afterReset();
      return { chunks: 0, deferred: started.length, lost_inputs_recomputed: reset };
    }
    const { results, object, ms } = computed;
    signal.throwIfAborted();
    const t = performance.now();
    // a re-plan (a space moved, a child gained data) may have changed a chunk's inputs or
    // session spaces while this run computed it: that chunk, and every chunk of the run
    // computed from it, go back to the sensors instead of being recorded with old values
    const used = new Map(work.map((c) => [c.chunk_id, c]));
    const current = await this.chunks.currentMembers(work.map((c) => c.chunk_id));
    const changed = work
      .filter((c) => {
        const now = current.get(c.chunk_id);
        return (
          !sameIds(now?.inputs, c.input_space_ids) || !sameIds(now?.sessions, c.session_space_ids)
        );
      })
      .map((c) => c.chunk_id);
    const stale = withDependents(changed, edges);
    await this.chunks.release(run.run_id, [...stale]);
    const completed = await this.chunks.complete(
      run.run_id,
      results.filter((r) => !stale.has(r.chunkId)),
      used,
    );
    return {
      chunks: completed,
      deferred: deferred.length + stale.size,
      rows: results.reduce((s, r) => s + r.rowCount, 0),
      object: object?.key ?? null,
      object_bytes: object?.bytes ?? 0,
      // phase timings, for GET /runs/{id} and bench:occupancy
      ms: { ...ms, record: Math.round(performance.now() - t) },
    };
  }
}
