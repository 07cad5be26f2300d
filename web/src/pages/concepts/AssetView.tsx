import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get, post } from '../../api';
import { useLoad } from '../../hooks';
import { ErrorBox, Loading, Status } from '../../ui';
import { useMay } from '../../who';
import { RunLink, StaleReasons } from './bits';
import { errorText, int, when } from './format';
import { conceptApi, IN_FLIGHT, SQL_KINDS, sqlKind } from './load';
import { PreviewTable } from './PreviewTable';
import { SqlForm } from './SqlForm';
import type { SqlAsset } from './types';

/** /concepts/:cId/{index,rule,feature}/:id — definition, build state, materialize, preview. */
/** Its last build is still running (the page polls meanwhile). */
const isBuilding = (a: SqlAsset | null) => IN_FLIGHT.has(a?.last_materialization?.status ?? '');

export function AssetView({ cId }: { cId: string }) {
  const { type, id = '' } = useParams();
  const kind = sqlKind(type);
  const path = kind ? `${conceptApi(cId)}/${SQL_KINDS[kind].api}/${encodeURIComponent(id)}` : '';
  const { data, error, reload } = useLoad(
    () => (path ? get<SqlAsset>(path) : Promise.reject(new Error('No such asset type'))),
    [path],
    (a) => (isBuilding(a) ? 2000 : undefined),
  );
  const building = isBuilding(data);

  if (!kind) return <p>No such page in this concept.</p>;
  if (error && !data) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading what={`the ${kind}`} />;

  const last = data.last_materialization;
  const current = data.current_materialization;
  // the preview is read again when the definition or the current build changes
  const version = `${data.definition_version}:${current?.run_id ?? ''}:${data.stale}`;
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">
        {SQL_KINDS[kind].label}: {data.name}
      </h2>
      {data.description && <p>{data.description}</p>}
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Status value={data.status} /> {data.stale && <strong>stale</strong>}
        </dd>
        <dt>Rows</dt>
        <dd>{int(data.row_count)}</dd>
        <dt>Built</dt>
        <dd>
          {when(current?.materialized_at)} (build <RunLink runId={current?.run_id} />)
        </dd>
        {last && last.run_id !== current?.run_id && (
          <>
            <dt>Last build</dt>
            <dd>
              <Status value={last.status} /> requested {when(last.requested_at)} (
              <RunLink runId={last.run_id} />)
            </dd>
          </>
        )}
        <dt>Definition version</dt>
        <dd>{data.definition_version}</dd>
        {kind === 'index' ? (
          data.conn_id != null && (
            <>
              <dt>Connection</dt>
              <dd>
                <Link to={`/concepts/${cId}/connection/${data.conn_id}`}>
                  connection {data.conn_id}
                </Link>
              </dd>
            </>
          )
        ) : (
          <>
            <dt>Index</dt>
            <dd>
              <Link to={`/concepts/${cId}/index/${data.index_id}`}>index {data.index_id}</Link>
            </dd>
          </>
        )}
      </dl>
      {last?.error && <ErrorBox error={`The last build failed: ${last.error}`} />}
      <StaleReasons stale={data.stale} reasons={data.stale_reasons} />
      <Materialize path={path} building={building} onDone={reload} />
      {data.derived_from ? (
        <p>
          Derived from{' '}
          <Link to={`/concepts/${cId}/snorkel/${data.derived_from.job_id}`}>
            Snorkel job {data.derived_from.job_id}
          </Link>
          : <code>{JSON.stringify(data.derived_from.label_filter ?? {})}</code>
        </p>
      ) : (
        <SqlForm key={path} kind={kind} path={path} asset={data} onSaved={reload} />
      )}
      <PreviewTable path={path} version={version} />
    </section>
  );
}

/** Build it now (editors): 202 with the run, then the view follows the build. */
function Materialize({
  path,
  building,
  onDone,
}: {
  path: string;
  building: boolean;
  onDone: () => void;
}) {
  const may = useMay('editor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<{ run_id: string; status: string } | null>(null);
  if (!may) return null;
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      setRun(await post<{ run_id: string; status: string }>(`${path}/materialize`));
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row action-row">
      <button type="button" onClick={go} disabled={busy || building}>
        {building ? 'Building…' : busy ? 'Requesting…' : 'Materialize'}
      </button>
      <span role="status" className="muted">
        {run && (
          <>
            Build requested: run <RunLink runId={run.run_id} />
            {building ? ' — running, this page follows it.' : '.'}
          </>
        )}
      </span>
      {error && <ErrorBox error={error} />}
    </div>
  );
}
