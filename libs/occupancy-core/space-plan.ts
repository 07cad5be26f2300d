/** A space of the dataset's subtree, as read from the tippers database. */
export interface SubtreeSpace {
  spaceId: number;
  parentSpaceId: number | null;
  depth: number;
}

/** A space that gets chunks, and what its chunks are computed from. */
export interface PlannedSpace extends SubtreeSpace {
  /** source: own sessions only; derived: children's chunks plus own sessions. */
  type: 'source' | 'derived';
  /** Children that get chunks (inputs of a derived chunk). */
  childIds: number[];
  /** The space has sessions of its own. */
  hasOwnData: boolean;
  /**
   * The spaces of its subtree (itself included) with sessions of their own, sorted: whose
   * sessions a `distinct` chunk of the space counts.
   */
  dataSpaceIds: number[];
}

/**
 * Which spaces of a subtree get chunks: those with sessions of their own (`dataSpaceIds`) and
 * their ancestors up to the root. A space with planned children is derived, otherwise source.
 * Spaces without data anywhere below them get no chunk (their counts are all zero).
 * `subtree` must list the root at depth 0 and each space once (the subtree query is cycle-safe).
 */
export function planSpaces(
  subtree: SubtreeSpace[],
  dataSpaceIds: Iterable<number>,
): PlannedSpace[] {
  const byId = new Map(subtree.map((s) => [s.spaceId, s]));
  const own = new Set([...dataSpaceIds].filter((id) => byId.has(id)));
  const planned = new Set<number>();
  const dataBelow = new Map<number, number[]>();
  for (const id of own) {
    // every ancestor up to the root (depth 0) has `id` in its subtree
    for (let cur = byId.get(id); cur;) {
      planned.add(cur.spaceId);
      const list = dataBelow.get(cur.spaceId) ?? [];
      list.push(id);
      dataBelow.set(cur.spaceId, list);
      cur = cur.depth > 0 && cur.parentSpaceId !== null ? byId.get(cur.parentSpaceId) : undefined;
    }
  }
  const children = new Map<number, number[]>();
  for (const s of subtree) {
    if (!planned.has(s.spaceId) || s.depth === 0 || s.parentSpaceId === null) continue;
    if (!planned.has(s.parentSpaceId)) continue;
    const list = children.get(s.parentSpaceId) ?? [];
    list.push(s.spaceId);
    children.set(s.parentSpaceId, list);
  }
  return subtree
    .filter((s) => planned.has(s.spaceId))
    .map((s) => {
      const childIds = (children.get(s.spaceId) ?? []).sort((a, b) => a - b);
      return {
        ...s,
        childIds,
        hasOwnData: own.has(s.spaceId),
        dataSpaceIds: dataBelow.get(s.spaceId)!.sort((a, b) => a - b),
        type: childIds.length ? 'derived' : 'source',
      };
    });
}

/** Whether two sorted id lists are the same; null and undefined (no list) equal each other only. */
export function sameIdList(
  a: readonly number[] | null | undefined,
  b: readonly number[] | null | undefined,
): boolean {
  if (a == null || b == null) return (a == null) === (b == null);
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
