import { Link, useParams } from 'react-router-dom';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading, Status } from '../../ui';
import { RunLink } from './bits';
import { FamilyTable, ConfusionMatrix, PerClass } from './FamilyTables';
import { int, when } from './format';
import { conceptApi, loadJobWithResults, whileJobRuns } from './load';
import type { ClassifierJob, ClassifierResults } from './types';

/** /concepts/:cId/classifiers/:jobId — metrics per family, the best one, its confusion matrix. */
export function ClassifierView({ cId }: { cId: string }) {
  const { jobId = '' } = useParams();
  const { data, error, reload } = useLoad(
    () =>
      loadJobWithResults<ClassifierJob, ClassifierResults>(
        `${conceptApi(cId)}/classifiers/jobs/${encodeURIComponent(jobId)}`,
      ),
    [cId, jobId],
    whileJobRuns,
  );
  const running = whileJobRuns(data) !== undefined;

  if (error && !data) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading what="the classifier job" />;
  const { job, results } = data;
  const r = results?.results;
  const best = r?.families.find((f) => f.family === r.best && f.metrics);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Classifier job {job.job_id}</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Status value={job.status} /> (run <RunLink runId={job.run_id} />)
          {running && <span className="muted"> — refreshing every 3 s</span>}
        </dd>
        <dt>Labels from</dt>
        <dd>
          <Link to={`/concepts/${cId}/snorkel/${job.snorkel_job_id}`}>
            Snorkel job {job.snorkel_job_id}
          </Link>
        </dd>
        <dt>Features</dt>
        <dd>
          {job.feature_ids.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <Link to={`/concepts/${cId}/feature/${id}`}>feature {id}</Link>
            </span>
          ))}
        </dd>
        {job.model_id != null && (
          <>
            <dt>Registered as</dt>
            <dd>
              <Link to={`/concepts/${cId}/models#model-${job.model_id}`}>
                model {job.model_id}, version {job.model_version ?? '?'}
              </Link>
            </dd>
          </>
        )}
        {r?.rows && (
          <>
            <dt>Rows</dt>
            <dd>
              {Object.entries(r.rows)
                .map(([k, v]) => `${k} ${int(v)}`)
                .join(', ')}
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{when(job.created_at)}</dd>
      </dl>
      {job.error && <ErrorBox error={`The job failed: ${job.error}`} />}
      {r?.warnings?.length ? (
        <div className="stale-box" role="note">
          <strong>Warnings:</strong>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {r?.skipped_columns?.length ? (
        <p className="muted">Not used as inputs (not numeric): {r.skipped_columns.join(', ')}</p>
      ) : null}
      {!r ? (
        <Empty>
          {running
            ? 'Results come when the job has succeeded.'
            : 'No results: the job did not succeed.'}
        </Empty>
      ) : !r.families.length ? (
        <Empty>No model family was trained.</Empty>
      ) : (
        <>
          <FamilyTable results={r} />
          {best?.metrics ? (
            <>
              <ConfusionMatrix family={best.family} metrics={best.metrics} classes={r.classes} />
              <PerClass family={best.family} metrics={best.metrics} classes={r.classes} />
            </>
          ) : (
            <Empty>No family succeeded, so there is no best model.</Empty>
          )}
        </>
      )}
    </section>
  );
}
