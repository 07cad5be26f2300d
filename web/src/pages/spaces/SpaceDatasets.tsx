import { Link } from 'react-router-dom';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading, Status } from '../../ui';
import { Time } from '../runs/Time';
import { fetchAll } from '../../paging';
import type { Dataset } from './types';

/** The occupancy datasets whose root is this space. */
export function SpaceDatasets({ id }: { id: number }) {
  const { data, error, loading, reload } = useLoad(
    () =>
      fetchAll<Dataset>('/occupancy/datasets', { space_id: id, limit: 1000 }).then((r) =>
        r.items.filter((d) => d.root_space_id === id),
      ),
    [id],
  );
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (loading || !data) return <Loading what="occupancy datasets" />;
  if (data.length === 0) return <Empty>No occupancy dataset is rooted at this space.</Empty>;
  return (
    <div className="space-table">
      <table>
        <caption className="muted">Occupancy datasets rooted here, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">Status</th>
            <th scope="col">Chunks done</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.dataset_id}>
              <td>
                <Link to={`/occupancy/${d.dataset_id}`}>{d.name}</Link>{' '}
                <span className="muted">#{d.dataset_id}</span>
              </td>
              <td>
                <Status value={d.status} />
              </td>
              <td>
                {d.completed_chunks} of {d.total_chunks}
                {d.failed_chunks > 0 && (
                  <span className="failed-note"> ({d.failed_chunks} failed)</span>
                )}
              </td>
              <td>
                <Time iso={d.created_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
