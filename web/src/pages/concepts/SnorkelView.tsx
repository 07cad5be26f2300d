import { Link, useParams } from 'react-router-dom';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading, Status } from '../../ui';
import { RunLink } from './bits';
import { ClassBars } from './ClassBars';
import { int, num, pct, when } from './format';
import { conceptApi, loadJobWithResults, whileJobRuns } from './load';
import { LfSummaryTable } from './LfSummary';
import type { SnorkelJob, SnorkelResults } from './types';

/** /concepts/:cId/snorkel/:jobId — the job, its LF summary, class distribution and gold scores. */
export function SnorkelView({ cId }: { cId: string }) {
  const { jobId = '' } = useParams();
  const { data, error, reload } = useLoad(
    () =>
      loadJobWithResults<SnorkelJob, SnorkelResults>(
        `${conceptApi(cId)}/snorkel/jobs/${encodeURIComponent(jobId)}`,
      ),
    [cId, jobId],
    whileJobRuns,
  );
  const running = whileJobRuns(data) !== undefined;

  if (error && !data) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading what="the Snorkel job" />;
  const { job, results } = data;
  const lfNames = new Map(results?.results.lf_summary.map((l) => [l.lf_id, l.name]));
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Snorkel job {job.job_id}</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Status value={job.status} /> (run <RunLink runId={job.run_id} />)
          {running && <span className="muted"> — refreshing every 3 s</span>}
        </dd>
        <dt>Index</dt>
        <dd>
          <Link to={`/concepts/${cId}/index/${job.index_id}`}>index {job.index_id}</Link>
        </dd>
        <dt>Labeling functions</dt>
        <dd>
          {job.lf_ids.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <Link to={`/concepts/${cId}/lfs/${id}`}>{lfNames.get(id) ?? `LF ${id}`}</Link>
            </span>
          ))}
        </dd>
        {job.gold && (
          <>
            <dt>Gold labels</dt>
            <dd>
              column <code>{job.gold.column}</code> of{' '}
              <Link to={`/concepts/${cId}/rule/${job.gold.rule_id}`}>rule {job.gold.rule_id}</Link>
            </dd>
          </>
        )}
        <dt>Configuration</dt>
        <dd>
          <code>{JSON.stringify(job.config)}</code>
        </dd>
        <dt>Created</dt>
        <dd>{when(job.created_at)}</dd>
      </dl>
      {job.error && <ErrorBox error={`The job failed: ${job.error}`} />}
      {results ? (
        <Results cId={cId} results={results} />
      ) : (
        <Empty>
          {job.status === 'DRAFT'
            ? 'A draft: it has not run yet.'
            : running
              ? 'Results come when the job has succeeded.'
              : 'No results: the job did not succeed.'}
        </Empty>
      )}
    </section>
  );
}

function Results({ cId, results }: { cId: string; results: SnorkelResults }) {
  const r = results.results;
  const names = new Map(r.classes.map((c) => [c.cv_id, c.name]));
  const className = (cv: number) => (cv === -1 ? 'abstain' : (names.get(cv) ?? `value ${cv}`));
  const bars = Object.entries(r.class_distribution)
    .filter(([cv, n]) => cv !== '-1' || n > 0)
    .sort(([a], [b]) => (a === '-1' ? 1 : b === '-1' ? -1 : Number(a) - Number(b)))
    .map(([cv, n]) => ({
      key: cv,
      name: className(Number(cv)),
      value: n,
      note: r.class_balance[cv] != null ? pct(r.class_balance[cv]) : undefined,
    }));
  return (
    <>
      <h3>Results</h3>
      <p>
        {int(r.entities)} entities; LF coverage {pct(r.coverage)}, overlap {pct(r.overlap)}
        {r.seconds != null && `; fitted in ${num(r.seconds, 2)} s`}.
      </p>
      {r.gold && <Gold gold={r.gold} className={className} />}
      <ClassBars
        title="Class distribution of the labels"
        bars={bars}
        noteLabel="Learned class balance"
      />
      <LfSummaryTable cId={cId} rows={r.lf_summary} className={className} />
    </>
  );
}

function Gold({
  gold,
  className,
}: {
  gold: NonNullable<SnorkelResults['results']['gold']>;
  className: (cv: number) => string;
}) {
  const better = gold.accuracy >= gold.majority_vote_accuracy;
  const perClass = Object.entries(gold.per_class ?? {});
  return (
    <div className="row top">
      <table className="compact numeric">
        <caption>Against the gold labels ({int(gold.rows)} entities)</caption>
        <thead>
          <tr>
            <th scope="col">Labeller</th>
            <th scope="col">Accuracy</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Label model{better && ' (better)'}</th>
            <td>{pct(gold.accuracy)}</td>
          </tr>
          <tr>
            <th scope="row">Majority vote{!better && ' (better)'}</th>
            <td>{pct(gold.majority_vote_accuracy)}</td>
          </tr>
        </tbody>
      </table>
      {perClass.length > 0 && (
        <table className="compact numeric">
          <caption>Label model by class (gold)</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Precision</th>
              <th scope="col">Recall</th>
              <th scope="col">Support</th>
            </tr>
          </thead>
          <tbody>
            {perClass.map(([cv, m]) => (
              <tr key={cv}>
                <th scope="row">{className(Number(cv))}</th>
                <td>{pct(m.precision)}</td>
                <td>{pct(m.recall)}</td>
                <td>{int(m.support)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
