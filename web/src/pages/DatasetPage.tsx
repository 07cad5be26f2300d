import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get } from '../api';
import { useLoad } from '../hooks';
import { ErrorBox, Loading, Page } from '../ui';
import { DatasetDetails } from './occupancy/DatasetDetails';
import { useEtas } from './occupancy/eta';
import { ResultsPanel } from './occupancy/ResultsPanel';
import { isFinished, type Dataset } from './occupancy/types';
import './occupancy/occupancy.css';

const POLL_MS = 2000;

/** /occupancy/:datasetId: details and live progress (polled while unfinished), then the chart. */
export default function DatasetPage() {
  const { datasetId } = useParams();
  const id = Number(datasetId);
  const valid = Number.isInteger(id) && id > 0;
  const ds = useLoad(
    () => (valid ? get<Dataset>(`/occupancy/datasets/${id}`) : Promise.reject(new Error('Bad id'))),
    [id],
    // polled until finished; a 404 is not polled
    (got, error) => (valid && (got ? !isFinished(got.status) : !error) ? POLL_MS : undefined),
  );
  const d = ds.data;
  const list = useMemo(() => (d ? [d] : null), [d]);
  const etas = useEtas(list);

  return (
    <Page title={d ? `Dataset: ${d.name}` : `Dataset ${datasetId ?? ''}`}>
      <p>
        <Link to="/occupancy">← All datasets</Link>
      </p>
      {!valid && <ErrorBox error={`“${datasetId ?? ''}” is not a dataset id.`} />}
      {valid && ds.error && <ErrorBox error={ds.error} retry={ds.reload} />}
      {valid && !d && ds.loading && <Loading what="the dataset" />}
      {d && (
        <>
          <DatasetDetails dataset={d} eta={etas.get(d.dataset_id)} onChanged={ds.reload} />
          <ResultsPanel dataset={d} />
        </>
      )}
    </Page>
  );
}
