import { useState } from 'react';
import { Link } from 'react-router-dom';
import { post } from '../../api';
import { ErrorBox } from '../../ui';
import { useMay } from '../../who';
import type { Run } from './types';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The dataset an occupancy run's params name, if any. */
function datasetOf(run: Run): number | null {
  const v = run.params.dataset_id;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

/** What an editor may do with the run: cancel it while it runs, retry a failed chunk's dataset. */
export function RunActions({ run, onChange }: { run: Run; onChange: () => void }) {
  const may = useMay('editor');
  const occupancy = run.kind.startsWith('occupancy');
  const dataset = datasetOf(run);
  return (
    <div className="run-actions">
      {run.status === 'CANCELING' && (
        <p className="muted">Cancel requested: the run ends once its processor stops.</p>
      )}
      {may && (run.status === 'QUEUED' || run.status === 'STARTED') && (
        <CancelButton run={run} onDone={onChange} />
      )}
      {may && run.status === 'FAILURE' && occupancy && dataset !== null && (
        <RetryButton dataset={dataset} onDone={onChange} />
      )}
      {run.status === 'FAILURE' && occupancy && dataset === null && (
        <p className="muted">
          A chunk run serves every dataset that needs its window, so it names none: retry failed
          chunks from the dataset’s page under <Link to="/occupancy">Occupancy</Link>.
        </p>
      )}
    </div>
  );
}

/** Cancel, after a second click to confirm. */
function CancelButton({ run, onDone }: { run: Run; onDone: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await post<Run>(`/runs/${run.run_id}/cancel`);
      setConfirming(false);
      onDone();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Cancel run
        </button>
      ) : (
        <>
          <span>
            {run.status === 'STARTED'
              ? 'Stop this run? It ends once its processor stops.'
              : 'Cancel this queued run?'}
          </span>
          <button type="button" autoFocus disabled={busy} onClick={cancel}>
            {busy ? 'Canceling…' : 'Yes, cancel it'}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            No, keep it
          </button>
        </>
      )}
      {error && <ErrorBox error={error} />}
    </div>
  );
}

/** POST /occupancy/datasets/{id}/retry: re-plan the dataset's failed chunks. */
function RetryButton({ dataset, onDone }: { dataset: number; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reset, setReset] = useState<number | null>(null);
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ reset: number }>(`/occupancy/datasets/${dataset}/retry`);
      setReset(r.reset);
      onDone();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row">
      <button type="button" disabled={busy} onClick={retry}>
        {busy ? 'Retrying…' : 'Retry failed chunks'}
      </button>
      <span role="status">
        {reset !== null && (
          <>
            {reset} failed {reset === 1 ? 'chunk' : 'chunks'} of{' '}
            <Link to={`/occupancy/${dataset}`}>dataset #{dataset}</Link> planned again.
          </>
        )}
      </span>
      {error && <ErrorBox error={error} />}
    </div>
  );
}
