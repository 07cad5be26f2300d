import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get } from '../../api';
import { useLoad } from '../../hooks';
import { ErrorBox, Loading, Status } from '../../ui';
import { when } from './format';
import { conceptApi, getAll } from './load';
import { LfForm } from './LfForm';
import { LfTest } from './LfTest';
import type { ConceptValue, LabelingFunction, SqlAsset } from './types';

interface LfBundle {
  lf: LabelingFunction;
  values: ConceptValue[];
  rule: SqlAsset | null;
}

async function loadLf(cId: string, lfId: string): Promise<LfBundle> {
  const base = conceptApi(cId);
  const [lf, values] = await Promise.all([
    get<LabelingFunction>(`${base}/labeling-functions/${encodeURIComponent(lfId)}`),
    getAll<ConceptValue>(`${base}/values`),
  ]);
  // the rule's name and columns; the LF is shown without them if the rule cannot be read
  const rule = await get<SqlAsset>(`${base}/rules/${lf.rule_id}`).catch(() => null);
  return { lf, values, rule };
}

export function lfStatus(lf: LabelingFunction): string {
  if (!lf.is_active) return 'INACTIVE';
  return lf.usable ? 'ACTIVE' : 'AWAITING_APPROVAL';
}

/** /concepts/:cId/lfs/:lfId — the labeling function: its definition, and a test on sample rows. */
export function LfView({ cId }: { cId: string }) {
  const { lfId = '' } = useParams();
  const { data, error, reload } = useLoad(() => loadLf(cId, lfId), [cId, lfId]);
  const [notice, setNotice] = useState('');
  useEffect(() => setNotice(''), [lfId]);
  if (error && !data) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading what="the labeling function" />;
  const { lf, values, rule } = data;
  const path = `${conceptApi(cId)}/labeling-functions/${lf.lf_id}`;
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Labeling function: {lf.name}</h2>
      {lf.description && <p>{lf.description}</p>}
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Status value={lfStatus(lf)} />{' '}
          {lf.requires_approval &&
            (lf.approved_at ? `approved ${when(lf.approved_at)}` : 'needs approval (admin)')}
        </dd>
        <dt>Version</dt>
        <dd>{lf.version}</dd>
        <dt>Reads rule</dt>
        <dd>
          <Link to={`/concepts/${cId}/rule/${lf.rule_id}`}>
            {rule ? rule.name : `rule ${lf.rule_id}`}
          </Link>
          {rule?.columns && (
            <span className="muted">
              {' '}
              (columns: {rule.columns.map((c) => `${c.name} ${c.type}`).join(', ')})
            </span>
          )}
        </dd>
        <dt>Updated</dt>
        <dd>{when(lf.updated_at)}</dd>
      </dl>
      <p role="status" className="notice">
        {notice}
      </p>
      <LfForm
        key={`${lf.lf_id}:${lf.updated_at}`}
        cId={cId}
        path={path}
        lf={lf}
        values={values}
        onSaved={() => {
          setNotice(`Saved ${new Date().toLocaleTimeString('en-GB')}.`);
          reload();
        }}
      />
      <LfTest key={lf.lf_id} path={path} values={values} />
    </section>
  );
}
