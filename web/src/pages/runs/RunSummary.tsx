import { Status } from '../../ui';
import { Time } from './Time';
import type { Run } from './types';

/** The run's fields: state, attempts, worker and times. */
export function RunSummary({ run }: { run: Run }) {
  return (
    <dl className="run-facts">
      <dt>Run id</dt>
      <dd className="mono">{run.run_id}</dd>
      <dt>Kind</dt>
      <dd>
        {run.kind}{' '}
        <span className="muted">
          ({run.run_group} group, priority {run.priority})
        </span>
      </dd>
      <dt>Status</dt>
      <dd>
        <Status value={run.status} />
      </dd>
      <dt>Attempt</dt>
      <dd>
        {run.attempt} of {run.max_attempts}
        {run.timeout_seconds !== null && (
          <span className="muted"> (each at most {run.timeout_seconds} s)</span>
        )}
      </dd>
      {run.run_key && (
        <>
          <dt>Run key</dt>
          <dd className="mono">{run.run_key}</dd>
        </>
      )}
      <dt>Worker</dt>
      <dd>{run.worker_id ?? <span className="muted">none yet</span>}</dd>
      <dt>Queued</dt>
      <dd>
        <Time iso={run.queued_at} />
      </dd>
      {run.not_before && (
        <>
          <dt>Not before</dt>
          <dd>
            <Time iso={run.not_before} />
          </dd>
        </>
      )}
      <dt>Started</dt>
      <dd>
        <Time iso={run.started_at} />
      </dd>
      <dt>Last heartbeat</dt>
      <dd>
        <Time iso={run.heartbeat_at} />
      </dd>
      <dt>Ended</dt>
      <dd>
        <Time iso={run.ended_at} />
      </dd>
      {run.error && (
        <>
          <dt>Error</dt>
          <dd>
            <pre className="run-error error">{run.error}</pre>
          </dd>
        </>
      )}
    </dl>
  );
}
