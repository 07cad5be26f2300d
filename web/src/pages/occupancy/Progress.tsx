import { fmtDuration } from './format';
import type { Eta } from './eta';
import type { Dataset } from './types';

/** Chunks done of total as a bar and as text (the bar is never the only sign). */
export function ChunkProgress({ dataset: d }: { dataset: Dataset }) {
  const total = Math.max(d.total_chunks, 1);
  const done = d.total_chunks === 0 && d.status === 'COMPLETED' ? 1 : d.completed_chunks;
  const pct = d.total_chunks ? Math.floor((100 * d.completed_chunks) / d.total_chunks) : 100;
  return (
    <span className="occ-progress">
      <progress max={total} value={done} aria-label={`Chunks of ${d.name} done`} />
      <span>
        {d.completed_chunks}/{d.total_chunks} chunks ({pct}%)
        {d.failed_chunks > 0 && <strong className="occ-failed">, {d.failed_chunks} failed</strong>}
      </span>
    </span>
  );
}

/** The ETA of a running dataset, or how long a finished one took. */
export function EtaText({ dataset: d, eta }: { dataset: Dataset; eta: Eta | undefined }) {
  if (d.status === 'COMPLETED') {
    if (!d.completed_at) return <span>done</span>;
    const took = (Date.parse(d.completed_at) - Date.parse(d.created_at)) / 1000;
    return <span>done (took {took < 1 ? 'under 1 s' : fmtDuration(took)})</span>;
  }
  if (d.status === 'FAILED') return <span>—</span>;
  if (!eta || eta.basis === 'none') return <span className="muted">estimating…</span>;
  if (eta.basis === 'stalled') return <span className="muted">no progress in the last 20 s</span>;
  const title =
    eta.basis === 'polls'
      ? 'From the chunks completed between polls over the last minute'
      : 'From the chunks completed since the dataset was created';
  return <span title={title}>≈ {fmtDuration(eta.seconds ?? 0)} left</span>;
}
