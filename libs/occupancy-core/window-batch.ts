import type { Aggregation } from './chunks';

/**
 * Which PENDING chunks can go into runs now, and how they are grouped (one run per window).
 *
 * A run computes every chunk it holds bottom-up, so a derived chunk may join a run together
 * with its children: it is *claimable* when each child chunk is COMPLETED or claimable itself.
 * Grouping everything claimable of one window into one run means a whole campus-day (rooms,
 * floors, buildings) is one run, with no wait between levels.
 */

export interface PendingChunk {
  chunkId: string;
  spaceId: number;
  intervalSec: number;
  aggregation: Aggregation;
  windowStartSec: number;
  type: 'source' | 'derived';
}

export interface ChunkEdge {
  parentId: string;
  childId: string;
  /** The child's status at claim time; only COMPLETED counts as an input that is ready. */
  childStatus: string;
}

/**
 * The claimable subset of `pending` (all PENDING chunks without a run that this claim holds):
 * every source chunk, and each derived chunk whose children are all COMPLETED or claimable.
 * A derived chunk without edges is claimable (its value is its own sessions).
 */
export function claimableChunks(pending: PendingChunk[], edges: ChunkEdge[]): PendingChunk[] {
  const pendingIds = new Set(pending.map((c) => c.chunkId));
  const waitingOn = new Map<string, Set<string>>(); // derived → pending children not yet claimable
  const blocked = new Set<string>(); // derived chunks with an input neither COMPLETED nor pending here
  const parentsOf = new Map<string, string[]>();
  for (const e of edges) {
    if (!pendingIds.has(e.parentId)) continue;
    if (pendingIds.has(e.childId)) {
      let set = waitingOn.get(e.parentId);
      if (!set) waitingOn.set(e.parentId, (set = new Set()));
      set.add(e.childId);
      const ps = parentsOf.get(e.childId) ?? [];
      ps.push(e.parentId);
      parentsOf.set(e.childId, ps);
    } else if (e.childStatus !== 'COMPLETED') {
      blocked.add(e.parentId);
    }
  }
  const claimable = new Set<string>();
  const queue: string[] = [];
  for (const c of pending) {
    const ready = !blocked.has(c.chunkId) && !waitingOn.get(c.chunkId)?.size;
    if (c.type === 'source' || ready) queue.push(c.chunkId);
  }
  while (queue.length) {
    const id = queue.pop()!;
    if (claimable.has(id)) continue;
    claimable.add(id);
    for (const parent of parentsOf.get(id) ?? []) {
      const set = waitingOn.get(parent)!;
      set.delete(id);
      if (!set.size && !blocked.has(parent)) queue.push(parent);
    }
  }
  return pending.filter((c) => claimable.has(c.chunkId));
}

/**
 * Groups claimable chunks into runs: one run per (interval, aggregation, window). A window with more than
 * `maxChunks` chunks is split; then only its *independent* chunks (sources, and derived chunks
 * whose inputs are all COMPLETED already) go into runs now, in slices of `maxChunks`, and the
 * rest wait for a later claim (after their children are COMPLETED they are independent too).
 */
export function windowBatches(
  claimable: PendingChunk[],
  edges: ChunkEdge[],
  maxChunks: number,
): PendingChunk[][] {
  if (!(maxChunks >= 1)) throw new RangeError(`maxChunks must be ≥ 1, got ${maxChunks}`);
  const groups = new Map<string, PendingChunk[]>();
  for (const c of claimable) {
    const key = `${c.intervalSec}:${c.aggregation}:${c.windowStartSec}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const ids = new Set(claimable.map((c) => c.chunkId));
  const dependent = new Set(edges.filter((e) => ids.has(e.childId)).map((e) => e.parentId));
  const out: PendingChunk[][] = [];
  for (const g of groups.values()) {
    if (g.length <= maxChunks) {
      out.push(g);
      continue;
    }
    const independent = g.filter((c) => !dependent.has(c.chunkId));
    for (let i = 0; i < independent.length; i += maxChunks)
      out.push(independent.slice(i, i + maxChunks));
  }
  return out;
}

/**
 * `changed` plus every chunk that takes one of them as an input, transitively through `edges`
 * (parent → child): what must not be recorded when the chunks in `changed` are stale.
 */
export function withDependents(changed: Iterable<string>, edges: ChunkEdge[]): Set<string> {
  const parentsOf = new Map<string, string[]>();
  for (const e of edges) {
    const ps = parentsOf.get(e.childId) ?? [];
    ps.push(e.parentId);
    parentsOf.set(e.childId, ps);
  }
  const out = new Set<string>();
  const queue = [...changed];
  while (queue.length) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(parentsOf.get(id) ?? []));
  }
  return out;
}
