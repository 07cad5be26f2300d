import { int, pct } from './format';

export interface Bar {
  key: string;
  name: string;
  value: number;
  note?: string;
}

/**
 * A horizontal bar chart as a table: each bar carries its class name and its value as text
 * (never colour alone), the bar's length is its share of the total.
 */
export function ClassBars({
  title,
  bars,
  noteLabel,
}: {
  title: string;
  bars: Bar[];
  noteLabel?: string;
}) {
  const total = bars.reduce((a, b) => a + b.value, 0);
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="bars">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Entities (share of {int(total)})</th>
            {noteLabel && <th scope="col">{noteLabel}</th>}
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key}>
              <th scope="row">{b.name}</th>
              <td className="bar-cell">
                <span className="bar-track" aria-hidden="true">
                  <span className="bar" style={{ width: `${(b.value / max) * 100}%` }} />
                </span>
                <span className="bar-label">
                  {b.name}: {int(b.value)} ({pct(total ? b.value / total : 0)})
                </span>
              </td>
              {noteLabel && <td>{b.note ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
