import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { call } from '../../api';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading } from '../../ui';
import { useMay } from '../../who';
import { errorText, num, pct, when } from './format';
import { getModels } from './load';
import { STAGES, type Model, type ModelVersion, type Stage } from './types';

const metric = (v: ModelVersion, k: string): number | null => {
  const x = v.metrics?.[k];
  return typeof x === 'number' ? x : null;
};

/** /concepts/:cId/models — the concept's models, their versions, stages and metrics. */
export function ModelsView({ cId }: { cId: string }) {
  const { hash } = useLocation();
  const { data, error, reload } = useLoad(() => getModels(cId), [cId]);
  // /models#model-1 (from the graph): bring that model into view
  useEffect(() => {
    if (data && hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [data, hash]);

  if (error && !data) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading what="the models" />;
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Models</h2>
      {!data.length ? (
        <Empty>
          No models for this concept yet: a classifier job registers its best family as one.
        </Empty>
      ) : (
        data.map((m) => (
          <article
            key={m.model_id}
            id={`model-${m.model_id}`}
            className={`card${hash === `#model-${m.model_id}` ? ' targeted' : ''}`}
            aria-labelledby={`model-${m.model_id}-title`}
          >
            <h3 id={`model-${m.model_id}-title`}>
              {m.name} <span className="muted">(model {m.model_id})</span>
            </h3>
            {m.description && <p>{m.description}</p>}
            <Versions model={m} cId={cId} onChanged={reload} />
          </article>
        ))
      )}
    </section>
  );
}

function Versions({ model, cId, onChanged }: { model: Model; cId: string; onChanged: () => void }) {
  if (!model.versions.length) return <Empty>No versions.</Empty>;
  const versions = [...model.versions].sort((a, b) => b.version - a.version);
  return (
    <div className="scroll-x" tabIndex={0} role="group" aria-label={`Versions of ${model.name}`}>
      <table className="numeric">
        <caption className="sr-only">Versions of {model.name}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Stage</th>
            <th scope="col">Source</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Balanced accuracy</th>
            <th scope="col">Weighted F1</th>
            <th scope="col">Gold accuracy</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">
                v{v.version}
                {v.version === model.latest_version && <span className="muted"> (latest)</span>}
              </th>
              <td>
                <StageSelect model={model} version={v} onChanged={onChanged} />
              </td>
              <td>
                {v.source?.family ?? v.format}
                {v.source?.classifier_job_id != null && (
                  <>
                    {', '}
                    <Link to={`/concepts/${cId}/classifiers/${v.source.classifier_job_id}`}>
                      classifier job {v.source.classifier_job_id}
                    </Link>
                  </>
                )}
              </td>
              <td>{pct(metric(v, 'accuracy'))}</td>
              <td>{pct(metric(v, 'balanced_accuracy'))}</td>
              <td>{num(metric(v, 'weighted_f1'))}</td>
              <td>{pct(metric(v, 'gold_accuracy'))}</td>
              <td>{when(v.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Editors move a version between stages (PATCH …/versions/{v} {stage}); others see the stage. */
function StageSelect({
  model,
  version,
  onChanged,
}: {
  model: Model;
  version: ModelVersion;
  onChanged: () => void;
}) {
  const may = useMay('editor');
  const [stage, setStage] = useState<Stage>(version.stage);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setStage(version.stage), [version.stage]);
  if (!may) return <>{version.stage}</>;

  const change = async (next: Stage) => {
    const before = stage;
    setStage(next);
    setBusy(true);
    setError(null);
    try {
      await call('PATCH', `/models/${model.model_id}/versions/${version.version}`, {
        stage: next,
      });
      onChanged();
    } catch (e) {
      setStage(before);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <label className="sr-only" htmlFor={`stage-${model.model_id}-${version.version}`}>
        Stage of {model.name} version {version.version}
      </label>
      <select
        id={`stage-${model.model_id}-${version.version}`}
        value={stage}
        disabled={busy}
        onChange={(e) => void change(e.target.value as Stage)}
      >
        {STAGES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {busy && <span className="muted"> saving…</span>}
      {error && (
        <span role="alert" className="error-text">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
