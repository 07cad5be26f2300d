/** One space's rows, ascending by time: bin starts (epoch seconds) and counts. */
export interface SpaceSeries {
  binStarts: Float64Array;
  counts: Int32Array;
}

/**
 * Splits the rows of a window object (parallel columns) into one series per space, each
 * ascending by time. Rows sorted by space then time (what the writer produces) are split into
 * views of the given arrays without copying; other orders are sorted first. A repeated
 * (space, time) pair is refused: an object holds one count per space and bin.
 */
export function seriesBySpace(
  spaceIds: ArrayLike<number>,
  binStarts: Float64Array,
  counts: Int32Array,
): Map<number, SpaceSeries> {
  const n = spaceIds.length;
  if (binStarts.length !== n || counts.length !== n)
    throw new RangeError('series: the three columns must have the same length');
  if (!isSortedBySpaceThenTime(spaceIds, binStarts)) {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => spaceIds[a] - spaceIds[b] || binStarts[a] - binStarts[b],
    );
    return seriesBySpace(
      Int32Array.from(order, (i) => spaceIds[i]),
      Float64Array.from(order, (i) => binStarts[i]),
      Int32Array.from(order, (i) => counts[i]),
    );
  }
  const out = new Map<number, SpaceSeries>();
  let from = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && spaceIds[i] === spaceIds[from]) continue;
    out.set(spaceIds[from], {
      binStarts: binStarts.subarray(from, i),
      counts: counts.subarray(from, i),
    });
    from = i;
  }
  return out;
}

function isSortedBySpaceThenTime(spaceIds: ArrayLike<number>, binStarts: Float64Array): boolean {
  for (let i = 1; i < spaceIds.length; i++) {
    const s = spaceIds[i] - spaceIds[i - 1];
    if (s < 0) return false;
    if (s === 0) {
      if (binStarts[i] === binStarts[i - 1])
        throw new RangeError(`series: space ${spaceIds[i]} has two rows at ${binStarts[i]}`);
      if (binStarts[i] < binStarts[i - 1]) return false;
    }
  }
  return true;
}
