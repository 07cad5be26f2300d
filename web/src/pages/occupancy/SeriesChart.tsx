import { memo, useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { align, isolated, type Aligned } from './align';
import { fmtUtc } from './format';
import type { Series } from './types';

/** Distinguishable on white; after them the dashes differ too. */
const COLOURS = [
  '#1f5fbf',
  '#d45500',
  '#1a8a3a',
  '#b3261e',
  '#7b3fb5',
  '#8a5a00',
  '#c2187a',
  '#00838f',
  '#4d5b70',
  '#6b8e00',
];
const DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 3]];
const HEIGHT = 360;

/** Time axis labels in UTC: the date at day starts (and first tick), hours otherwise. */
function timeTicks(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) {
  return splits.map((t, i) => {
    const iso = new Date(t * 1000).toISOString();
    const day = iso.slice(5, 10);
    const hm = iso.slice(11, 16);
    if (incr >= 86400) return day;
    return i === 0 || hm === '00:00' ? `${day}\n${hm}` : hm;
  });
}

function options(series: Series[], aligned: Aligned, width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: { time: true },
      y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
    },
    axes: [
      { label: 'Bin start (UTC)', values: timeTicks, size: 56 },
      { label: 'Devices', size: 60 },
    ],
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    series: [
      { label: 'Bin (UTC)', value: (_u, v) => (v === null ? '—' : fmtUtc(v)) },
      ...series.map((s, i): uPlot.Series => {
        const lonely = isolated(aligned.ys[i]);
        return {
          label: s.label,
          stroke: COLOURS[i % COLOURS.length],
          width: i === 0 ? 2 : 1.5,
          dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length],
          value: (_u, v) => (v === null ? '—' : String(v)),
          points: { filter: (_u, _si, show) => (show ? null : lonely) },
        };
      }),
    ],
  };
}

export interface ChartHandle {
  resetZoom: () => void;
  /** Moves the shown time span by `fraction` of its width (negative: earlier), within the data. */
  pan: (fraction: number) => void;
}

/**
 * The series drawn with uPlot (drag to zoom); built once per series array. The container holds
 * the plotted data as `data-series`: [{space_id, points: [[epoch seconds, count], …]}].
 */
export const SeriesChart = memo(function SeriesChart({
  series,
  grid,
  title,
  onReady,
}: {
  series: Series[];
  /** The dataset's bins: the time axis spans them all. */
  grid: { from: number; to: number; step: number };
  title: string;
  onReady: (h: ChartHandle | null) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const dataAttr = useMemo(
    () => JSON.stringify(series.map((s) => ({ space_id: s.space_id, points: s.points }))),
    [series],
  );
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const aligned = align(series, grid);
    const data: uPlot.AlignedData = [aligned.xs, ...aligned.ys];
    const u = new uPlot(options(series, aligned, Math.max(el.clientWidth, 300)), data, el);
    const full = () => {
      const xs = aligned.xs;
      if (xs.length) u.setScale('x', { min: xs[0], max: xs[xs.length - 1] });
    };
    const pan = (fraction: number) => {
      const xs = aligned.xs;
      const { min, max } = u.scales.x;
      if (!xs.length || min == null || max == null) return;
      const first = xs[0];
      const last = xs[xs.length - 1];
      const width = max - min;
      const shift = Math.max(first - min, Math.min(last - max, width * fraction));
      const next = { min: min + shift, max: max + shift };
      u.setScale('x', next); // uPlot applies it in a microtask: u.scales is updated after
      // the span shown after a pan, for tests and tools
      el.dataset.xRange = JSON.stringify([next.min, next.max]);
    };
    // the arrow keys pan the focused chart
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        pan(e.key === 'ArrowLeft' ? -0.25 : 0.25);
      }
    };
    el.addEventListener('keydown', onKey);
    onReady({ resetZoom: full, pan });
    const ro = new ResizeObserver(() => {
      const w = Math.max(el.clientWidth, 300);
      if (w !== u.width) u.setSize({ width: w, height: HEIGHT });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      el.removeEventListener('keydown', onKey);
      onReady(null);
      u.destroy();
    };
  }, [series, grid, onReady]);
  return (
    <div
      ref={box}
      className="occ-chart"
      data-series={dataAttr}
      role="group"
      tabIndex={0}
      aria-label={`${title}. Chart; the left and right arrow keys pan it; the same numbers are in the table below (Show as table).`}
    />
  );
});
