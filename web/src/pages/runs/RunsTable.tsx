import { Link } from 'react-router-dom';
import { Status } from '../../ui';
import { Time } from './Time';
import type { Run } from './types';

/** One page of runs: id, kind, status, attempts, times, error (cut short; full text on hover). */
export function RunsTable({ runs }: { runs: Run[] }) {
  return (
    <div className="runs-scroll" role="region" aria-label="Runs table" tabIndex={0}>
      <table className="runs-table">
        <caption className="muted">Runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Attempt</th>
            <th scope="col">Queued</th>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <RunRow key={r.run_id} run={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunRow({ run }: { run: Run }) {
  return (
    <tr>
      <td>
        <Link to={`/runs/${run.run_id}`} className="mono" title={run.run_id}>
          {run.run_id.slice(0, 8)}
        </Link>
      </td>
      <td>{run.kind}</td>
      <td>
        <Status value={run.status} />
      </td>
      <td>
        {run.attempt} of {run.max_attempts}
      </td>
      <td>
        <Time iso={run.queued_at} />
      </td>
      <td>
        <Time iso={run.started_at} />
      </td>
      <td>
        <Time iso={run.ended_at} />
      </td>
      <td>
        {run.error ? (
          <span className="truncate" title={run.error}>
            {run.error}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
