import { useState, type FormEvent } from 'react';
import { post } from '../../api';
import { Empty, ErrorBox } from '../../ui';
import { useMay } from '../../who';
import { Field } from '../../Field';
import { cell, errorText, int } from './format';
import type { ConceptValue, LfTestAnswer } from './types';

/** A vote as a value's name ("abstain" for -1). */
export function voteName(values: ConceptValue[], vote: number | string): string {
  const n = Number(vote);
  if (n === -1) return 'abstain';
  const v = values.find((x) => x.cv_id === n);
  return v ? `${v.name} (${n})` : String(vote);
}

/**
 * "Test on sample": the LF's votes on the first rows of its rule's build (POST …/test, editors),
 * with the counts per value and the failures.
 */
export function LfTest({ path, values }: { path: string; values: ConceptValue[] }) {
  const may = useMay('editor');
  const [limit, setLimit] = useState('100');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<LfTestAnswer | null>(null);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setAnswer(
        await post<LfTestAnswer>(`${path}/test`, {
          limit: Math.max(1, Math.min(1000, Math.round(Number(limit)) || 100)),
        }),
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="lf-test-title" className="card">
      <h3 id="lf-test-title">Test on sample</h3>
      {may ? (
        <form className="inline" onSubmit={run}>
          <Field className="field" label="Rows to test (1–1000)">
            {({ id }) => (
              <input
                id={id}
                type="number"
                min={1}
                max={1000}
                required
                value={limit}
                onChange={(e) => setLimit(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {busy ? 'Testing…' : 'Test on sample'}
          </button>
        </form>
      ) : (
        <p className="muted">Testing needs the editor role.</p>
      )}
      <p className="muted small">Tests the saved definition on the rule&apos;s first built rows.</p>
      {error && <ErrorBox error={error} />}
      {answer && <TestAnswer answer={answer} values={values} />}
    </section>
  );
}

function TestAnswer({ answer, values }: { answer: LfTestAnswer; values: ConceptValue[] }) {
  const columns = [...new Set(answer.results.flatMap((r) => Object.keys(r.row)))];
  const counts = Object.entries(answer.counts).sort(([a], [b]) => Number(a) - Number(b));
  return (
    <div>
      <p role="status">
        {int(answer.rows_tested)} rows tested: {int(answer.errors)} errors, {int(answer.invalid)}{' '}
        invalid answers.
      </p>
      <table className="compact">
        <caption>Votes per value</caption>
        <thead>
          <tr>
            <th scope="col">Vote</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {counts.map(([cv, n]) => (
            <tr key={cv}>
              <td>{voteName(values, cv)}</td>
              <td>{int(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer.messages.length > 0 && (
        <table className="compact">
          <caption>Errors and invalid answers (the first ones)</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {answer.messages.map((m, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td className="error-text">{m}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!answer.results.length ? (
        <Empty>No rows were tested.</Empty>
      ) : (
        <div className="scroll-x" tabIndex={0} role="group" aria-label="Votes by row">
          <table>
            <caption>Votes by row</caption>
            <thead>
              <tr>
                <th scope="col">Vote</th>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {answer.results.map((r, i) => (
                <tr key={i}>
                  <td className={r.vote === -1 ? 'muted' : undefined}>
                    {voteName(values, r.vote)}
                  </td>
                  {columns.map((c) => (
                    <td key={c}>{cell(r.row[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
