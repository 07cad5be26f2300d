import { useEffect, useRef, useState } from 'react';
import { isFinished, type Dataset } from './types';

/** A dataset's estimated time to finish, and what the estimate rests on. */
export interface Eta {
  /** Seconds left; null when there is nothing to go on yet (or no progress lately). */
  seconds: number | null;
  basis: 'polls' | 'since-created' | 'stalled' | 'none';
}

interface Sample {
  at: number;
  done: number;
}

/** Samples older than this are dropped: the rate follows the recent pace. */
const WINDOW_MS = 60_000;
/** Without progress over this long, the ETA says it is stalled rather than guessing. */
const STALL_MS = 20_000;

/**
 * The ETA from chunks completed between polls: the rate over the samples of the last minute.
 * Before two samples differ it falls back on what the API gives (chunks done since created_at).
 */
export function estimate(samples: Sample[], d: Dataset, now: number): Eta {
  const left = d.total_chunks - d.completed_chunks - d.failed_chunks;
  if (left <= 0) return { seconds: 0, basis: 'polls' };
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first && last && last.done > first.done && last.at > first.at) {
    const perMs = (last.done - first.done) / (last.at - first.at);
    return { seconds: left / perMs / 1000, basis: 'polls' };
  }
  if (first && last && last.at - first.at >= STALL_MS) return { seconds: null, basis: 'stalled' };
  const since = now - Date.parse(d.created_at);
  if (d.completed_chunks > 0 && since > 0) {
    const perMs = d.completed_chunks / since;
    return { seconds: left / perMs / 1000, basis: 'since-created' };
  }
  return { seconds: null, basis: 'none' };
}

/**
 * ETAs of the unfinished datasets, updated when a poll brings new datasets (one sample per
 * dataset and poll, kept for a minute).
 */
export function useEtas(datasets: Dataset[] | null): Map<number, Eta> {
  const samples = useRef(new Map<number, Sample[]>());
  const [etas, setEtas] = useState(() => new Map<number, Eta>());
  useEffect(() => {
    if (!datasets) return;
    const now = Date.now();
    const next = new Map<number, Eta>();
    const seen = new Set<number>();
    for (const d of datasets) {
      seen.add(d.dataset_id);
      if (isFinished(d.status)) {
        samples.current.delete(d.dataset_id);
        continue;
      }
      const list = (samples.current.get(d.dataset_id) ?? []).filter(
        (s) => now - s.at <= WINDOW_MS && s.done <= d.completed_chunks,
      );
      list.push({ at: now, done: d.completed_chunks });
      samples.current.set(d.dataset_id, list);
      next.set(d.dataset_id, estimate(list, d, now));
    }
    for (const id of [...samples.current.keys()]) if (!seen.has(id)) samples.current.delete(id);
    setEtas(next);
  }, [datasets]);
  return etas;
}
