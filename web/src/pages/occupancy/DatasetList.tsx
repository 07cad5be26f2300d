import { Link } from 'react-router-dom';
import { Status } from '../../ui';
import type { Eta } from './eta';
import { fmtInterval } from './format';
import { ChunkProgress, EtaText } from './Progress';
import { Range } from './Range';
import { useSpaceLabels } from './spaces';
import type { Dataset } from './types';

/** The datasets as a table: one row each, with live progress and ETA. */
export function DatasetList({ datasets, etas }: { datasets: Dataset[]; etas: Map<number, Eta> }) {
  const labels = useSpaceLabels(datasets.map((d) => d.root_space_id));
  return (
    <div className="occ-scroll">
      <table className="occ-datasets">
        <caption className="occ-caption">Occupancy datasets, newest first (times in UTC)</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Root space</th>
            <th scope="col">Range (UTC)</th>
            <th scope="col">Interval</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">ETA</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr key={d.dataset_id}>
              <td>
                <Link to={`/occupancy/${d.dataset_id}`}>{d.name}</Link>
                <div className="muted occ-small">
                  #{d.dataset_id} · {d.aggregation}
                </div>
              </td>
              <td>
                <Link to={`/spaces/${d.root_space_id}`}>
                  {labels[d.root_space_id] ?? `Space ${d.root_space_id}`}
                </Link>
              </td>
              <td>
                <Range dataset={d} />
              </td>
              <td>{fmtInterval(d.interval_seconds)}</td>
              <td>
                <Status value={d.status} />
              </td>
              <td>
                <ChunkProgress dataset={d} />
              </td>
              <td>
                <EtaText dataset={d} eta={etas.get(d.dataset_id)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
