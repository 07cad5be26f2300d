import { useState, type FormEvent } from 'react';
import { call, get } from '../../api';
import { ErrorBox } from '../../ui';
import { useMay } from '../../who';
import { Field } from '../../Field';
import { errorText } from './format';
import { conceptApi } from './load';
import type { ConceptValue, LabelingFunction, LfType } from './types';

const LF_TYPES: { value: LfType; label: string }[] = [
  { value: 'conditions', label: 'conditions (column tests)' },
  { value: 'sql', label: 'sql (a DuckDB expression)' },
  { value: 'code', label: 'code (JavaScript labelingFunction(row))' },
];

interface Template {
  lf_config: Record<string, unknown>;
  constants: Record<string, number>;
}

/** Parses the configuration text: a JSON object, or the reason it is not one. */
function parseConfig(text: string): { config?: Record<string, unknown>; problem?: string } {
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v))
      return { problem: 'The configuration must be a JSON object.' };
    return { config: v as Record<string, unknown> };
  } catch (e) {
    return { problem: `The configuration is not valid JSON: ${errorText(e)}` };
  }
}

/**
 * A labeling function's definition: name, type, the values it may vote and its configuration as
 * JSON. Editors save it (PATCH; checked by the service, 400 naming the problem).
 */
export function LfForm({
  cId,
  path,
  lf,
  values,
  onSaved,
}: {
  cId: string;
  path: string;
  lf: LabelingFunction;
  values: ConceptValue[];
  onSaved: () => void;
}) {
  const may = useMay('editor');
  const [name, setName] = useState(lf.name);
  const [lfType, setLfType] = useState<LfType>(lf.lf_type);
  const [cvIds, setCvIds] = useState<number[]>(lf.applicable_cv_ids);
  const [configText, setConfigText] = useState(JSON.stringify(lf.lf_config, null, 2));
  const [constants, setConstants] = useState<Record<string, number> | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parsed = parseConfig(configText);

  const toggle = (cv: number, on: boolean) =>
    setCvIds((ids) => (on ? [...ids, cv].sort((a, b) => a - b) : ids.filter((x) => x !== cv)));

  const template = async () => {
    setError(null);
    try {
      const q = `lf_type=${lfType}&rule_id=${lf.rule_id}`;
      const t = await get<Template>(`${conceptApi(cId)}/labeling-functions/template?${q}`);
      setConfigText(JSON.stringify(t.lf_config, null, 2));
      setConstants(t.constants);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.config) return;
    setSaving(true);
    setError(null);
    try {
      await call('PATCH', path, {
        name: name.trim(),
        lf_type: lfType,
        applicable_cv_ids: cvIds,
        lf_config: parsed.config,
      });
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="lf-form" onSubmit={save} aria-labelledby="lf-def-title">
      <h3 id="lf-def-title">Definition</h3>
      <div className="row">
        <Field className="field" label="Name">
          {({ id }) => (
            <input
              id={id}
              value={name}
              onChange={(e) => setName(e.target.value)}
              readOnly={!may}
              required
            />
          )}
        </Field>
        <Field className="field" label="Type (lf_type)">
          {({ id }) => (
            <select
              id={id}
              value={lfType}
              onChange={(e) => setLfType(e.target.value as LfType)}
              disabled={!may}
            >
              {LF_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {may && (
          <button type="button" onClick={template}>
            Start from the {lfType} template
          </button>
        )}
      </div>
      <fieldset className="values">
        <legend>Applicable values (what it may vote)</legend>
        {!values.length && <span className="muted">The concept has no values.</span>}
        {values.map((v) => (
          <label key={v.cv_id} className="check">
            <input
              type="checkbox"
              checked={cvIds.includes(v.cv_id)}
              onChange={(e) => toggle(v.cv_id, e.target.checked)}
              disabled={!may}
            />
            {v.name} <span className="muted">({v.cv_id})</span>
          </label>
        ))}
      </fieldset>
      <Field label="Configuration (lf_config, JSON)" className="field wide">
        {({ id }) => (
          <textarea
            id={id}
            value={configText}
            onChange={(e) => setConfigText(e.target.value)}
            readOnly={!may}
            rows={Math.min(24, Math.max(6, configText.split('\n').length + 1))}
            spellCheck={false}
            aria-invalid={!!parsed.problem}
            aria-describedby="lf-config-help"
          />
        )}
      </Field>
      <p id="lf-config-help" className="muted small">
        {parsed.problem ??
          'conditions: {label, match?, conditions: [{column, op, value}]}; sql: {expression}; code: {code}. Votes are value ids (cv_id); -1 abstains.'}
      </p>
      {constants && (
        <p className="muted small">
          Constants:{' '}
          {Object.entries(constants)
            .map(([k, v]) => `${k} = ${v}`)
            .join(', ')}
        </p>
      )}
      {error && <ErrorBox error={error} />}
      {may ? (
        <button type="submit" disabled={saving || !!parsed.problem || !cvIds.length}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      ) : (
        <p className="muted">Read only: saving needs the editor role.</p>
      )}
    </form>
  );
}
