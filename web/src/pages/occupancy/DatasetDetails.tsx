import { useState } from 'react';
import { Link } from 'react-router-dom';
import { post } from '../../api';
import { Status } from '../../ui';
import { useMay } from '../../who';
import type { Eta } from './eta';
import { fmtInterval, fmtUtc } from './format';
import { ChunkProgress, EtaText } from './Progress';
import { Range } from './Range';
import { useSpaceLabels } from './spaces';
import type { Dataset } from './types';

/** The dataset's settings, status and live progress; a retry of failed chunks for editors. */
export function DatasetDetails({
  dataset: d,
  eta,
  onChanged,
}: {
  dataset: Dataset;
  eta: Eta | undefined;
  onChanged: () => void;
}) {
  const labels = useSpaceLabels([d.root_space_id]);
  return (
    <section className="card" aria-labelledby="occ-details-title">
      <h2 id="occ-details-title" className="occ-visually-hidden">
        Details
      </h2>
      {d.description && <p>{d.description}</p>}
      <dl className="occ-details">
        <dt>Status</dt>
        <dd>
          <Status value={d.status} />
        </dd>
        <dt>Progress</dt>
        <dd>
          <ChunkProgress dataset={d} /> <EtaText dataset={d} eta={eta} />
        </dd>
        <dt>Root space</dt>
        <dd>
          <Link to={`/spaces/${d.root_space_id}`}>
            {labels[d.root_space_id] ?? `Space ${d.root_space_id}`}
          </Link>{' '}
          <span className="muted">#{d.root_space_id}</span>
        </dd>
        <dt>Range (UTC)</dt>
        <dd>
          <Range dataset={d} />
          {(!sameInstant(d.start_time, d.effective_start) ||
            !sameInstant(d.end_time, d.effective_end)) && (
            <span className="muted occ-small">
              {' '}
              (asked {fmtUtc(d.start_time)} – {fmtUtc(d.end_time)}; bins are aligned to the
              interval)
            </span>
          )}
        </dd>
        <dt>Interval</dt>
        <dd>
          {fmtInterval(d.interval_seconds)} ({d.interval_seconds} s)
        </dd>
        <dt>Chunk days</dt>
        <dd>{d.chunk_days}</dd>
        <dt>Aggregation</dt>
        <dd>{d.aggregation}</dd>
        <dt>Created</dt>
        <dd>{fmtUtc(d.created_at)}</dd>
        <dt>Completed</dt>
        <dd>{fmtUtc(d.completed_at)}</dd>
      </dl>
      {d.error && (
        <p className="error">
          <strong>Error:</strong> {d.error}
        </p>
      )}
      {d.failed_chunks > 0 && <RetryFailed datasetId={d.dataset_id} onDone={onChanged} />}
    </section>
  );
}

const sameInstant = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));

function RetryFailed({ datasetId, onDone }: { datasetId: number; onDone: () => void }) {
  const may = useMay('editor');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (!may) return null;
  const retry = async () => {
    setBusy(true);
    try {
      const r = await post<{ reset: number }>(`/occupancy/datasets/${datasetId}/retry`);
      setNote(`${r.reset} failed chunk${r.reset === 1 ? '' : 's'} planned again.`);
      onDone();
    } catch (e: unknown) {
      setNote(`Retry failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="row">
      <button type="button" onClick={() => void retry()} disabled={busy}>
        {busy ? 'Retrying…' : 'Retry failed chunks'}
      </button>
      {note && <span role="status">{note}</span>}
    </p>
  );
}
