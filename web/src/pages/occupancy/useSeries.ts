import { useRef } from 'react';
import { get } from '../../api';
import { useLoad } from '../../hooks';
import { toEpochSeconds } from './format';
import type { ResultsAnswer, Series } from './types';

export interface SeriesSpec {
  space_id: number;
  label: string;
}

/** A space whose results are not there yet: its subtree's progress, or why it failed. */
export type Waiting = SeriesSpec & { answer: Exclude<ResultsAnswer, { status: 'COMPLETED' }> };

export interface Loaded {
  series: Series[];
  waiting: Waiting[];
}

type Got =
  | { spec: SeriesSpec; answer: Waiting['answer'] }
  | { spec: SeriesSpec; points: [number, number][] };

export const resultsPath = (datasetId: number, spaceId: number, fill: boolean, format = 'json') =>
  `/occupancy/datasets/${datasetId}/results?space_id=${spaceId}` +
  `${format === 'json' ? '' : `&format=${format}`}${fill ? '&fill=zero' : ''}`;

const samePoints = (a: [number, number][], b: [number, number][]) =>
  a === b || (a.length === b.length && a.every((p, i) => p[0] === b[i][0] && p[1] === b[i][1]));

const sameSeries = (a: Series[], b: Series[]) =>
  a.length === b.length &&
  a.every(
    (s, i) =>
      s.space_id === b[i].space_id && s.label === b[i].label && samePoints(s.points, b[i].points),
  );

/**
 * The results of each space (JSON), fetched in parallel. A complete space's rows are kept (per
 * space and fill: each series is fetched once); a space still being computed is asked again
 * when `version` (the dataset's progress) changes. An answer equal to the last one keeps its
 * identity, so the chart is not built again.
 */
export function useSeries(
  datasetId: number,
  specs: SeriesSpec[] | null,
  fill: boolean,
  version: string,
) {
  const kept = useRef(new Map<string, [number, number][]>());
  const last = useRef<Loaded | null>(null);
  const key = specs ? specs.map((s) => `${s.space_id}:${s.label}`).join('|') : '';
  const load = async (): Promise<Loaded | null> => {
    if (!specs) return last.current; // the spaces are being looked up: keep what is drawn
    const got = await Promise.all(
      specs.map(async (spec): Promise<Got> => {
        const k = `${spec.space_id}|${fill}`;
        const hit = kept.current.get(k);
        if (hit) return { spec, points: hit };
        const a = await get<ResultsAnswer>(resultsPath(datasetId, spec.space_id, fill));
        if (a.status !== 'COMPLETED') return { spec, answer: a };
        const points = a.rows.map((r): [number, number] => [
          toEpochSeconds(r.interval_begin_time),
          r.number_connections,
        ]);
        kept.current.set(k, points);
        return { spec, points };
      }),
    );
    const series: Series[] = [];
    const waiting: Waiting[] = [];
    for (const g of got) {
      if ('answer' in g) waiting.push({ ...g.spec, answer: g.answer });
      else series.push({ ...g.spec, points: g.points });
    }
    const prev = last.current;
    const same = !!prev && sameSeries(prev.series, series);
    const next =
      prev && same && waiting.length === 0 && prev.waiting.length === 0
        ? prev
        : { series: prev && same ? prev.series : series, waiting };
    last.current = next;
    return next;
  };
  return useLoad(load, [datasetId, key, fill, version]);
}
