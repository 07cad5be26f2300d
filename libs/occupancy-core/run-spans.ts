/**
 * How the submission sensors group windows with pending chunks into runs. A run covers
 * consecutive windows of one interval and aggregation: reading their sessions once (with one
 * look-back before the first window, not one per window) and paying a run's fixed costs once.
 */

import type { Aggregation } from './chunks';

/** A window with PENDING chunks no run holds. */
export interface WindowLoad {
  intervalSec: number;
  aggregation: Aggregation;
  startSec: number;
  endSec: number;
  /** Its PENDING chunks. */
  chunks: number;
}

/** The windows of one run: `[startSec, endSec)` in steps of `windowSec`. */
export interface RunSpanPlan {
  intervalSec: number;
  aggregation: Aggregation;
  startSec: number;
  endSec: number;
  windowSec: number;
  chunks: number;
}

/**
 * Groups `windows` (sorted by interval, aggregation and start) into runs of consecutive windows
 * (each starting where the previous one ended, all of one length) with at most `maxChunks`
 * chunks in all, spanning at most `maxSpanSec` seconds (a run has at least one window). A
 * window with more than `maxChunks` chunks gets ceil(chunks / maxChunks) runs of its own (each
 * takes a batch of its chunks).
 */
export function runSpans(
  windows: readonly WindowLoad[],
  maxChunks: number,
  maxSpanSec: number,
): RunSpanPlan[] {
  if (!(maxChunks >= 1) || !(maxSpanSec > 0))
    throw new RangeError('maxChunks must be at least 1 and maxSpanSec above 0');
  const out: RunSpanPlan[] = [];
  let open: RunSpanPlan | null = null;
  for (const w of windows) {
    const windowSec = w.endSec - w.startSec;
    if (w.chunks > maxChunks) {
      open = null;
      for (let n = 0; n < w.chunks; n += maxChunks)
        out.push({ ...w, windowSec, chunks: Math.min(maxChunks, w.chunks - n) });
      continue;
    }
    const extend =
      open !== null &&
      open.intervalSec === w.intervalSec &&
      open.aggregation === w.aggregation &&
      open.windowSec === windowSec &&
      open.endSec === w.startSec &&
      open.chunks + w.chunks <= maxChunks &&
      w.endSec - open.startSec <= maxSpanSec;
    if (extend && open) {
      open.endSec = w.endSec;
      open.chunks += w.chunks;
    } else {
      open = { ...w, windowSec };
      out.push(open);
    }
  }
  return out;
}
