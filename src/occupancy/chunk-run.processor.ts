import { sameIdList, withDependents } from '../../libs/occupancy-core';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import type { RunContext, RunProcessor } from '../runs/run-processor';
import type { ChunkComputer } from './chunk-computer.service';
import { type ChunkRunParams, runSpan } from './chunk-run.params';
import { LostChunkObjectsError } from './lost-chunk-objects.error';
import { asChunkEdge, type ChunkWorkRepository } from './chunk-work.repository';
import type { OccupancyKicks } from './occupancy-kicks';
import { chunksCompleted } from './occupancy.metrics';

/**
 * What both chunk run kinds do: the run takes the claimable PENDING chunks of its window (a
 * derived chunk whose inputs another run holds waits for a later run), computes them bottom-up
 * in one go — sources from sessions, derived chunks from their inputs (computed in this run,
 * or COMPLETED earlier and read from their objects) plus own sessions, distinct chunks from
 * their subtree's sessions — and stores them as one object. Idempotent: a second delivery
 * resumes the chunks the run holds, and results are recorded only for them, after their object
 * is stored.
 */
export abstract class ChunkRunProcessor implements RunProcessor<ChunkRunParams> {
  protected constructor(
    private readonly chunks: ChunkWorkRepository,
    private readonly computer: ChunkComputer,
    private readonly kicks: OccupancyKicks,
    private readonly config: ResolvedConfig,
  ) {}

  async process({ run, params: p, signal }: RunContext<ChunkRunParams>) {
    const { work, inputs } = await this.chunks.claimForRun(
      run.run_id,
      runSpan(p),
      this.config.occupancy.batchSpaces,
    );
    if (!work.length) return { chunks: 0, note: 'nothing to compute (taken by another run?)' };
    const edges = inputs.map(asChunkEdge);
    signal.throwIfAborted();
    let computed;
    try {
      computed = await this.computer.computeRun(work, inputs, p.lookback_seconds, signal);
    } catch (e) {
      if (!(e instanceof LostChunkObjectsError)) throw e;
      // inputs whose object is gone: compute them again, then this run's chunks (a later run)
      const reset = await this.chunks.resetLost(e.keys);
      await this.chunks.release(
        run.run_id,
        work.map((c) => c.chunk_id),
      );
      this.kicks.afterReset();
      return { chunks: 0, deferred: work.length, lost_inputs_recomputed: reset };
    }
    const { results, objects, ms } = computed;
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
          !sameIdList(now?.inputs, c.input_space_ids) ||
          !sameIdList(now?.sessions, c.session_space_ids)
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
    chunksCompleted.inc({ kind: run.kind }, completed);
    return {
      chunks: completed,
      deferred: stale.size,
      rows: results.reduce((s, r) => s + r.rowCount, 0),
      objects: objects.map((o) => o.key),
      object_bytes: objects.reduce((sum, o) => sum + o.bytes, 0),
      // phase timings, for GET /runs/{id} and bench:occupancy
      ms: { ...ms, record: Math.round(performance.now() - t) },
    };
  }
}
