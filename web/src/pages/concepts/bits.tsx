import { Link } from 'react-router-dom';
import { Status } from '../../ui';
import type { PipeNode } from './graph';

/** A node's status as text: a run or LF status, a connection's type, a model's stage. */
export function NodeStatus({ node }: { node: PipeNode }) {
  if (!node.status) return <span className="muted">no status</span>;
  if (node.type === 'model' || node.type === 'connection')
    return <span className="pipe-note">{node.status}</span>;
  return <Status value={node.status} />;
}

/** "stale", with the reasons as a tooltip and for screen readers. */
export function StaleMark({ reasons }: { reasons: string[] }) {
  const text = reasons.length ? reasons.join('\n') : 'its inputs changed after it was built';
  return (
    <span className="stale-mark" title={text}>
      <span aria-hidden="true">⚠ </span>stale
      <span className="sr-only">: {reasons.join('; ') || text}</span>
    </span>
  );
}

/** The reasons an asset is stale, spelled out (detail views). */
export function StaleReasons({ stale, reasons }: { stale: boolean; reasons: string[] }) {
  if (!stale) return null;
  return (
    <div className="stale-box" role="note">
      <strong>Stale:</strong>{' '}
      {reasons.length ? (
        <ul>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        'its inputs changed after it was built.'
      )}
    </div>
  );
}

/** A link to the run that built (or is building) something. */
export function RunLink({ runId }: { runId: string | null | undefined }) {
  if (!runId) return <span className="muted">none</span>;
  return (
    <Link to={`/runs/${runId}`}>
      <code>{runId.slice(0, 8)}</code>
    </Link>
  );
}
