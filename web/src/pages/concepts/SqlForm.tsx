import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { ErrorBox } from '../../ui';
import { useMay } from '../../who';
import { Field } from '../../Field';
import { errorText } from './format';
import { SQL_KINDS, type SqlKind } from './load';
import type { SqlAsset } from './types';

/**
 * An index, rule or feature's definition: name, key column and SQL. Editors save it (PATCH with
 * the fields changed; the service checks the SQL and answers 400 naming the problem); others
 * read it.
 */
export function SqlForm({
  kind,
  path,
  asset,
  onSaved,
}: {
  kind: SqlKind;
  path: string;
  asset: SqlAsset;
  onSaved: () => void;
}) {
  const may = useMay('editor');
  const columnField = SQL_KINDS[kind].column as 'key_column' | 'index_column';
  const initial = {
    name: asset.name,
    sql: asset.sql_query ?? '',
    column: asset[columnField] ?? '',
  };
  const [name, setName] = useState(initial.name);
  const [sql, setSql] = useState(initial.sql);
  const [column, setColumn] = useState(initial.column);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const changes: Record<string, string> = {};
  if (name.trim() !== initial.name) changes.name = name.trim();
  if (sql !== initial.sql) changes.sql_query = sql;
  if (column.trim() !== initial.column) changes[columnField] = column.trim();
  const dirty = Object.keys(changes).length > 0;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      await call('PATCH', path, changes);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const ids = `sql-${kind}`;
  return (
    <form className="sql-form" onSubmit={save} aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Definition</h3>
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
        <Field className="field" label={kind === 'index' ? 'Key column' : 'Index column (the key)'}>
          {({ id }) => (
            <input
              id={id}
              value={column}
              onChange={(e) => setColumn(e.target.value)}
              readOnly={!may}
              required
            />
          )}
        </Field>
      </div>
      <Field label="SQL" className="field wide">
        {({ id }) => (
          <textarea
            id={id}
            value={sql}
            onChange={(e) => setSql(e.target.value)}
            readOnly={!may}
            rows={Math.min(20, Math.max(6, sql.split('\n').length + 1))}
            spellCheck={false}
            aria-describedby={`${ids}-help`}
          />
        )}
      </Field>
      <p id={`${ids}-help`} className="muted small">
        One read-only query.
        {kind !== 'index' && (
          <>
            {' '}
            <code>:index_values</code> stands for the index&apos;s keys (
            <code>WHERE mac IN :index_values</code>).
          </>
        )}{' '}
        Changing the SQL or the key column makes the built data stale.
      </p>
      {error && <ErrorBox error={error} />}
      {may ? (
        <div className="row">
          <button type="submit" disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            disabled={!dirty || saving}
            onClick={() => {
              setName(initial.name);
              setSql(initial.sql);
              setColumn(initial.column);
              setError(null);
            }}
          >
            Undo changes
          </button>
          <span role="status" className="muted">
            {saved && !dirty ? 'Saved.' : dirty ? 'Unsaved changes.' : ''}
          </span>
        </div>
      ) : (
        <p className="muted">Read only: saving needs the editor role.</p>
      )}
    </form>
  );
}
