/**
 * Which COMPLETED derived chunks of a plan must be computed again because of their inputs: a
 * derived chunk is stale when one of its inputs is not COMPLETED, or was completed after it
 * (another dataset recomputed it since). Staleness climbs: a stale chunk makes the chunks that
 * sum it stale too, level by level up to the root.
 */

export interface PlanChunk {
  id: string;
  spaceId: number;
  windowStartSec: number;
  derived: boolean;
  status: string;
  /** completed_at in microseconds since the epoch (PostgreSQL's precision); null if never. */
  completedUs: number | null;
  /** A derived chunk's input spaces (its inputs are their chunks of the same window). */
  inputSpaceIds: readonly number[] | null;
}

/**
 * The ids of the stale chunks among `chunks` (every chunk of a plan's grid), given the ids that
 * are being put back to PENDING already (`reset`).
 */
export function staleDerivedChunks(
  chunks: readonly PlanChunk[],
  reset: ReadonlySet<string>,
): Set<string> {
  const at = new Map(chunks.map((c) => [`${c.spaceId}:${c.windowStartSec}`, c]));
  const notDone = (c: PlanChunk) => c.status !== 'COMPLETED' || reset.has(c.id) || stale.has(c.id);
  const stale = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const p of chunks) {
      if (!p.derived || p.status !== 'COMPLETED' || reset.has(p.id) || stale.has(p.id)) continue;
      for (const space of p.inputSpaceIds ?? []) {
        const k = at.get(`${space}:${p.windowStartSec}`);
        if (!k) continue; // not part of this plan: not judged here
        if (notDone(k) || (k.completedUs ?? 0) > (p.completedUs ?? 0)) {
          stale.add(p.id);
          changed = true;
          break;
        }
      }
    }
  }
  return stale;
}
