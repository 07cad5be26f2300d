/**
 * Reference occupancy: the DESIGN §6 definition written as directly as possible, as the oracle
 * other tests compare against. Deliberately naive (nested loops, the overlap rule written out),
 * sharing no bin arithmetic with the rest of this lib. Only for small inputs.
 */
import type { BinCount } from './bins';

export interface ReferenceSpace {
  spaceId: number;
  parentId: number | null;
}

export interface ReferenceSession {
  spaceId: number;
  mac: string;
  startSec: number;
  endSec: number;
}

/** Space ids of the subtree of `root` (root included), each once, even if parents form a cycle. */
function subtreeOf(root: number, children: Map<number, number[]>): Set<number> {
  const seen = new Set<number>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    for (const child of children.get(id) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return seen;
}

/**
 * For every listed space (a key per space, an empty array when it has no rows): the rows
 * `{binStartSec, count}` with count > 0 of bins in the effective range of
 * `[rangeStartSec, rangeEndSec)`, in time order. `own(s, b)` = distinct macs among s's own
 * sessions with `start < b_end AND end > b_start`; `count(s, b)` = Σ own over the subtree of s.
 * Sessions of spaces that are not listed count nowhere.
 */
export function referenceOccupancy(
  spaces: readonly ReferenceSpace[],
  sessions: readonly ReferenceSession[],
  intervalSec: number,
  rangeStartSec: number,
  rangeEndSec: number,
): Map<number, BinCount[]> {
  const ids = new Set(spaces.map((s) => s.spaceId));
  const children = new Map<number, number[]>();
  for (const space of spaces) {
    if (space.parentId === null || !ids.has(space.parentId)) continue;
    const list = children.get(space.parentId) ?? [];
    if (!list.includes(space.spaceId)) list.push(space.spaceId);
    children.set(space.parentId, list);
  }

  // Bin starts of the effective range (epochs >= 0, so `%` rounds down; `%` is exact on doubles).
  const binStarts: number[] = [];
  const first = rangeStartSec - (rangeStartSec % intervalSec);
  for (let b = first; b < rangeEndSec; b += intervalSec) binStarts.push(b);

  const own = (spaceId: number, binStart: number): number => {
    const binEnd = binStart + intervalSec;
    const macs = new Set<string>();
    for (const s of sessions) {
      if (s.spaceId === spaceId && s.startSec < binEnd && s.endSec > binStart) macs.add(s.mac);
    }
    return macs.size;
  };

  const result = new Map<number, BinCount[]>();
  for (const id of ids) {
    const subtree = subtreeOf(id, children);
    const rows: BinCount[] = [];
    for (const binStart of binStarts) {
      let count = 0;
      for (const member of subtree) count += own(member, binStart);
      if (count > 0) rows.push({ binStartSec: binStart, count });
    }
    result.set(id, rows);
  }
  return result;
}
