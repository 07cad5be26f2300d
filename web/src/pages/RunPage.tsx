import { Link, useParams } from 'react-router-dom';
import { get } from '../api';
import { useLoad } from '../hooks';
import { ErrorBox, Loading, Page } from '../ui';
import { EventLog } from './runs/EventLog';
import { JsonBlock } from './runs/JsonBlock';
import { RunActions } from './runs/RunActions';
import { RunSummary } from './runs/RunSummary';
import { isLive, type RunDetail } from './runs/types';
import './runs/runs.css';

const POLL_MS = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /runs/:runId: the run, its params and event log; polls until it ends. */
export default function RunPage() {
  const { runId = '' } = useParams();
  return (
    <Page title={`Run ${runId.slice(0, 8)}`}>
      <p>
        <Link to="/runs">← All runs</Link>
      </p>
      {UUID.test(runId) ? (
        <RunView key={runId} id={runId} />
      ) : (
        <ErrorBox error={`“${runId}” is not a run id (a UUID).`} />
      )}
    </Page>
  );
}

function RunView({ id }: { id: string }) {
  const {
    data: run,
    error,
    reload,
  } = useLoad(
    () => get<RunDetail>(`/runs/${id}`),
    [id],
    (r) => (r && isLive(r.status) ? POLL_MS : undefined),
  );
  const live = run ? isLive(run.status) : false;

  if (!run) return error ? <ErrorBox error={error} retry={reload} /> : <Loading what="the run" />;
  return (
    <>
      {error && <ErrorBox error={`Could not refresh: ${error}`} retry={reload} />}
      {live && (
        <p className="muted" role="status">
          Refreshing every 2 s until the run ends.
        </p>
      )}
      <RunActions run={run} onChange={reload} />
      <section className="card" aria-labelledby="run-summary">
        <h2 id="run-summary">Summary</h2>
        <RunSummary run={run} />
      </section>
      <section className="card" aria-labelledby="run-params">
        <h2 id="run-params">Params</h2>
        <JsonBlock value={run.params} label="Params" />
      </section>
      <section className="card" aria-labelledby="run-events">
        <h2 id="run-events">Event log</h2>
        <EventLog events={run.events} />
      </section>
      {Object.keys(run.metadata).length > 0 && (
        <section className="card" aria-labelledby="run-metadata">
          <h2 id="run-metadata">Metadata</h2>
          <details>
            <summary>What the run recorded ({Object.keys(run.metadata).length} fields)</summary>
            <JsonBlock value={run.metadata} label="Metadata" />
          </details>
        </section>
      )}
    </>
  );
}
