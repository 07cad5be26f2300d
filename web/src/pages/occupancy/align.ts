import type { Series } from './types';

/** The series on one time axis: union of their bins, null where a series has no row. */
export interface Aligned {
  xs: number[];
  ys: (number | null)[][];
}

/** Above this many bins the grid is not spelled out (only the bins that have rows are). */
const MAX_GRID = 200_000;

/**
 * `grid` (for the chart): every bin of [from, to) at `step` too, so a bin without a row is a
 * gap in the line rather than a straight line across it.
 */
export function align(
  series: Series[],
  grid?: { from: number; to: number; step: number },
): Aligned {
  const set = new Set<number>();
  if (grid && grid.step > 0 && (grid.to - grid.from) / grid.step <= MAX_GRID)
    for (let t = grid.from; t < grid.to; t += grid.step) set.add(t);
  for (const s of series) for (const [t] of s.points) set.add(t);
  const xs = [...set].sort((a, b) => a - b);
  const at = new Map(xs.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const y = new Array<number | null>(xs.length).fill(null);
    for (const [t, n] of s.points) y[at.get(t)!] = n;
    return y;
  });
  return { xs, ys };
}

/** Indexes of values with no neighbour (a line cannot show them: they get a dot). */
export function isolated(y: (number | null)[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (
      y[i] !== null &&
      (i === 0 || y[i - 1] === null) &&
      (i === y.length - 1 || y[i + 1] === null)
    )
      out.push(i);
  }
  return out;
}
