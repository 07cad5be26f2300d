import { fmtUtc } from './format';
import type { Dataset } from './types';

/** The dataset's effective range (its bins), else the asked range, in UTC. */
export function Range({ dataset: d }: { dataset: Dataset }) {
  const start = d.effective_start ?? d.start_time;
  const end = d.effective_end ?? d.end_time;
  return (
    <span className="occ-range">
      <time dateTime={start ?? undefined}>{fmtUtc(start)}</time> –{' '}
      <time dateTime={end ?? undefined}>{fmtUtc(end)}</time>
    </span>
  );
}
