import { memo, useId, useMemo, useState } from 'react';
import { align } from './align';
import { fmtUtc } from './format';
import type { Series } from './types';

/** The plotted points as a table, behind a toggle (the chart's accessible twin). */
export const SeriesTable = memo(function SeriesTable({ series }: { series: Series[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="occ-table-toggle">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? 'Hide table' : 'Show as table'}
      </button>
      <div id={id} hidden={!open}>
        {open && <PointsTable series={series} />}
      </div>
    </div>
  );
});

function PointsTable({ series }: { series: Series[] }) {
  const { xs, ys } = useMemo(() => align(series), [series]);
  if (!xs.length) return <p className="muted">No rows to list.</p>;
  return (
    <div className="occ-scroll occ-points">
      <table>
        <caption className="occ-caption">
          Devices per bin; bins start at the time shown (UTC). — : no row from the API.
        </caption>
        <thead>
          <tr>
            <th scope="col">Bin start (UTC)</th>
            {series.map((s) => (
              <th scope="col" key={s.space_id}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xs.map((t, i) => (
            <tr key={t}>
              <th scope="row">
                <time dateTime={new Date(t * 1000).toISOString()}>{fmtUtc(t)}</time>
              </th>
              {ys.map((y, j) => (
                <td key={series[j].space_id}>{y[i] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
