import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading } from '../../ui';
import { Downloads } from './Downloads';
import { Field } from '../../Field';
import { fmtInterval, toEpochSeconds } from './format';
import { SeriesChart, type ChartHandle } from './SeriesChart';
import { SeriesTable } from './SeriesTable';
import { getChildren, getSpace, useSpaceLabels } from './spaces';
import { isFinished, spaceLabel, type Dataset, type Space } from './types';
import { useSeries, type SeriesSpec, type Waiting } from './useSeries';

/** At most this many children are compared in one chart. */
const MAX_CHILDREN = 24;

interface View {
  spaceId: number;
  compare: boolean;
  fill: boolean;
}

/**
 * The space shown, compare mode and fill: state (so controls answer at once), copied into the
 * URL (?space=&compare=1&fill=zero) for links and reloads.
 */
function useView(root: number) {
  const [params, setParams] = useSearchParams();
  const [view, setView] = useState<View>(() => {
    const asked = Number(params.get('space'));
    return {
      spaceId: Number.isInteger(asked) && asked > 0 ? asked : root,
      compare: params.get('compare') === '1',
      fill: params.get('fill') === 'zero',
    };
  });
  useEffect(() => {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        const put = (k: string, v: string | null) => (v === null ? n.delete(k) : n.set(k, v));
        put('space', view.spaceId === root ? null : String(view.spaceId));
        put('compare', view.compare ? '1' : null);
        put('fill', view.fill ? 'zero' : null);
        return n.toString() === p.toString() ? p : n;
      },
      { replace: true },
    );
  }, [view, root, setParams]);
  const set = useCallback((change: Partial<View>) => setView((v) => ({ ...v, ...change })), []);
  return { ...view, set };
}

/** The root and its children: the spaces one may pick. */
function useSpaceChoices(root: number) {
  return useLoad(async () => {
    const [r, c] = await Promise.all([getSpace(root), getChildren(root)]);
    return { spaces: [r, ...c.items], more: c.more };
  }, [root]);
}

/** The series to draw: the space, and in compare mode its children (once they are known). */
function useSpecs(spaceId: number, compare: boolean, known: Space[] | null) {
  // tagged with their parent: useLoad keeps the last answer while the next one is on its way
  const kids = useLoad(
    async () => (compare ? { parent: spaceId, ...(await getChildren(spaceId)) } : null),
    [spaceId, compare],
  );
  const ownLabel = useSpaceLabels(known?.some((s) => s.space_id === spaceId) ? [] : [spaceId]);
  const label = (id: number) => {
    const s = known?.find((k) => k.space_id === id);
    return s ? spaceLabel(s) : (ownLabel[id] ?? `Space ${id}`);
  };
  const children = !compare
    ? []
    : kids.data?.parent === spaceId
      ? kids.data.items.filter((c) => c.space_id !== spaceId)
      : null;
  const ready = known !== null && children !== null;
  const ids = ready ? [spaceId, ...children.slice(0, MAX_CHILDREN).map((c) => c.space_id)] : [];
  const names = ready
    ? [label(spaceId), ...children.slice(0, MAX_CHILDREN).map((c) => spaceLabel(c))]
    : [];
  const key = ids.map((id, i) => `${id}:${names[i]}`).join('|');
  const specs = useMemo<SeriesSpec[] | null>(
    () => (ready ? ids.map((space_id, i) => ({ space_id, label: names[i] })) : null),
    // the key stands for ids and names
    [ready, key],
  );
  return {
    specs,
    childCount: children?.length ?? 0,
    kidsError: kids.error,
    label: label(spaceId),
  };
}

/** Per space: the time series chart (uPlot), its table, downloads; the controls above. */
export function ResultsPanel({ dataset }: { dataset: Dataset }) {
  const root = dataset.root_space_id;
  const view = useView(root);
  const choices = useSpaceChoices(root);
  const known = choices.data?.spaces ?? (choices.error ? [] : null);
  const { specs, childCount, kidsError, label } = useSpecs(view.spaceId, view.compare, known);
  const version = isFinished(dataset.status)
    ? dataset.status
    : `${dataset.status}:${dataset.completed_chunks}`;
  const results = useSeries(dataset.dataset_id, specs, view.fill, version);
  const [chart, setChart] = useState<ChartHandle | null>(null);
  const onReady = useCallback((h: ChartHandle | null) => setChart(h), []);
  const series = results.data?.series ?? null;
  const from = dataset.effective_start ? toEpochSeconds(dataset.effective_start) : 0;
  const to = dataset.effective_end ? toEpochSeconds(dataset.effective_end) : 0;
  const step = dataset.interval_seconds;
  const grid = useMemo(() => ({ from, to, step }), [from, to, step]);
  const shownReady = !!series?.some((s) => s.space_id === view.spaceId);
  const title =
    `Devices per ${fmtInterval(dataset.interval_seconds)} bin: ${label}` +
    (view.compare ? ' and its children' : '');

  return (
    <section className="card" aria-labelledby="occ-results-title">
      <h2 id="occ-results-title">Results</h2>
      <div className="occ-controls">
        <SpaceSelect
          value={view.spaceId}
          spaces={known}
          more={!!choices.data?.more}
          onChange={(id) => view.set({ spaceId: id })}
        />
        <label className="occ-check">
          <input
            type="checkbox"
            checked={view.compare}
            onChange={(e) => view.set({ compare: e.target.checked })}
          />
          Compare with children
        </label>
        <label className="occ-check">
          <input
            type="checkbox"
            checked={view.fill}
            onChange={(e) => view.set({ fill: e.target.checked })}
          />
          fill=zero (every bin, 0 where nobody was)
        </label>
        <button type="button" onClick={() => chart?.pan(-0.25)} disabled={!chart}>
          ← Earlier
        </button>
        <button type="button" onClick={() => chart?.pan(0.25)} disabled={!chart}>
          Later →
        </button>
        <button type="button" onClick={() => chart?.resetZoom()} disabled={!chart}>
          Reset zoom
        </button>
        <Downloads
          datasetId={dataset.dataset_id}
          spaceId={view.spaceId}
          fill={view.fill}
          ready={shownReady}
        />
      </div>
      <p className="muted occ-small">
        Drag across the chart to zoom in on a time span; “← Earlier” and “Later →” (or the arrow
        keys on the chart) pan a zoomed chart; double-click or “Reset zoom” to see all of it. Times
        are UTC.{' '}
        {view.fill
          ? 'Every bin of the range is drawn, 0 where nobody was (the API fills them).'
          : 'The API leaves out bins where nobody was: they show as gaps.'}
        {view.compare && childCount > MAX_CHILDREN
          ? ` Showing the first ${MAX_CHILDREN} of ${childCount} children.`
          : ''}
        {view.compare && childCount === 0 && specs ? ' This space has no children.' : ''}
      </p>
      {choices.error && <ErrorBox error={`Spaces: ${choices.error}`} retry={choices.reload} />}
      {kidsError && <ErrorBox error={`Children: ${kidsError}`} />}
      {results.error && <ErrorBox error={results.error} retry={results.reload} />}
      {!results.data && !results.error && <Loading what="the results" />}
      {results.data && <WaitingList waiting={results.data.waiting} />}
      {series && series.length > 0 && (
        <figure className="occ-figure" aria-busy={results.loading}>
          <figcaption>{title}</figcaption>
          <SeriesChart series={series} grid={grid} title={title} onReady={onReady} />
          {series.every((s) => s.points.length === 0) && (
            <Empty>No rows: nobody was seen in this range.</Empty>
          )}
          <SeriesTable series={series} />
        </figure>
      )}
    </section>
  );
}

function SpaceSelect({
  value,
  spaces,
  more,
  onChange,
}: {
  value: number;
  spaces: Space[] | null;
  more: boolean;
  onChange: (id: number) => void;
}) {
  const listed = spaces?.some((s) => s.space_id === value);
  return (
    <Field
      className="occ-field"
      label="Space"
      hint={more ? 'Only the first 5,000 children are listed.' : undefined}
    >
      {({ id, hintId }) => (
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
          disabled={!spaces}
          aria-describedby={hintId}
        >
          {!listed && <option value={value}>Space {value}</option>}
          {spaces?.map((s, i) => (
            <option key={s.space_id} value={s.space_id}>
              {i === 0 ? `${spaceLabel(s)} (root)` : `— ${spaceLabel(s)}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Spaces whose results are not complete: progress of their subtree, or the error. */
function WaitingList({ waiting }: { waiting: Waiting[] }) {
  if (!waiting.length) return null;
  return (
    <ul className="occ-waiting" aria-live="polite">
      {waiting.map((w) => (
        <li key={w.space_id}>
          <strong>{w.label}</strong>:{' '}
          {w.answer.status === 'RUNNING' ? (
            <>
              being computed — {w.answer.completed_chunks}/{w.answer.total_chunks} chunks of its
              subtree done; the chart appears when they all are.
            </>
          ) : (
            <span className="error">
              FAILED ({w.answer.failed_chunks} chunks): {w.answer.error ?? 'no error given'}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
