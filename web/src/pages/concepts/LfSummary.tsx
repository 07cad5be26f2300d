import { Link } from 'react-router-dom';
import { num, pct, int } from './format';
import type { LfSummaryRow } from './types';

/** The Snorkel job's LF summary: one row per labeling function. */
export function LfSummaryTable({
  cId,
  rows,
  className,
}: {
  cId: string;
  rows: LfSummaryRow[];
  className: (cvId: number) => string;
}) {
  const gold = rows.some((r) => r.correct != null || r.empirical_accuracy != null);
  return (
    <div className="scroll-x" tabIndex={0} role="group" aria-labelledby="lf-summary-title">
      <table data-testid="lf-summary" className="numeric">
        <caption id="lf-summary-title">
          Labeling functions: what each voted and how the label model weighed it
        </caption>
        <thead>
          <tr>
            <th scope="col">Labeling function</th>
            <th scope="col">Type</th>
            <th scope="col">Polarity</th>
            <th scope="col">Coverage</th>
            <th scope="col">Overlaps</th>
            <th scope="col">Conflicts</th>
            {gold && (
              <>
                <th scope="col">Correct</th>
                <th scope="col">Incorrect</th>
                <th scope="col">Empirical accuracy</th>
              </>
            )}
            <th scope="col">Learned weight</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.lf_id}>
              <th scope="row">
                <Link to={`/concepts/${cId}/lfs/${r.lf_id}`}>{r.name}</Link>
                {r.version != null && r.version > 1 && <span className="muted"> v{r.version}</span>}
              </th>
              <td>{r.lf_type}</td>
              <td>{r.polarity.map(className).join(', ') || '—'}</td>
              <td>{pct(r.coverage)}</td>
              <td>{pct(r.overlaps)}</td>
              <td>{pct(r.conflicts)}</td>
              {gold && (
                <>
                  <td>{int(r.correct)}</td>
                  <td>{int(r.incorrect)}</td>
                  <td>{pct(r.empirical_accuracy)}</td>
                </>
              )}
              <td>{num(r.learned_weight)}</td>
              <td>
                <Errors row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Errors and invalid answers, with the first messages behind a disclosure. */
function Errors({ row }: { row: LfSummaryRow }) {
  const invalid = row.invalid ?? 0;
  const text = `${int(row.errors)}${invalid ? ` (+${int(invalid)} invalid)` : ''}`;
  if (!row.messages?.length) return <>{text}</>;
  return (
    <details>
      <summary className="error-text">{text}</summary>
      <ul className="small">
        {row.messages.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
    </details>
  );
}
