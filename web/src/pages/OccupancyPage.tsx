import { useState } from 'react';
import { useLoad } from '../hooks';
import { Empty, ErrorBox, Loading, Page } from '../ui';
import { useMay } from '../who';
import { CreateDatasetForm } from './occupancy/CreateDatasetForm';
import { DatasetList } from './occupancy/DatasetList';
import { useEtas } from './occupancy/eta';
import { getPages } from './occupancy/paging';
import { isFinished, type Dataset } from './occupancy/types';
import './occupancy/occupancy.css';

const PAGE = 50;
const POLL_MS = 2000;

/** Not loaded yet, or a dataset is still computing (the list polls meanwhile). */
const unfinished = (got: { items: Dataset[] } | null) =>
  !got || got.items.some((d) => !isFinished(d.status));

/** /occupancy: the datasets with live progress (polled while any is unfinished), and a form. */
export default function OccupancyPage() {
  const mayEdit = useMay('editor');
  const [pages, setPages] = useState(1);
  const list = useLoad(
    () => getPages<Dataset>(`/occupancy/datasets?limit=${PAGE}`, pages),
    [pages],
    (got) => (unfinished(got) ? POLL_MS : undefined),
  );
  const datasets = list.data?.items ?? null;
  const live = unfinished(list.data);
  const etas = useEtas(datasets);

  return (
    <Page title="Occupancy datasets">
      {mayEdit && <CreateDatasetForm />}
      <div className="row occ-list-head">
        <h2>Datasets</h2>
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
        <span className="muted occ-small" aria-live="polite">
          {live && datasets ? 'Updating every 2 s while a dataset is unfinished.' : ''}
        </span>
      </div>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {!datasets && list.loading && <Loading what="the datasets" />}
      {datasets && datasets.length === 0 && (
        <Empty>No datasets yet.{mayEdit ? ' Create one with the form above.' : ''}</Empty>
      )}
      {datasets && datasets.length > 0 && <DatasetList datasets={datasets} etas={etas} />}
      {list.data?.more && (
        <button type="button" onClick={() => setPages((p) => p + 1)} disabled={list.loading}>
          Show more datasets
        </button>
      )}
    </Page>
  );
}
