import { useState } from 'react';
import { STATUSES } from './types';

const OTHER = '__other__';

export interface Filters {
  status: string;
  kind: string;
}

/** Status and kind filters; the kinds offered are those seen so far, "Other…" takes any name. */
export function RunFilters({
  value,
  kinds,
  onChange,
}: {
  value: Filters;
  kinds: string[];
  onChange: (f: Filters) => void;
}) {
  const [other, setOther] = useState(false);
  const [otherText, setOtherText] = useState('');
  const options = [...new Set([...kinds, value.kind].filter(Boolean))].sort();
  return (
    <form
      className="inline"
      aria-label="Filter runs"
      onSubmit={(e) => {
        e.preventDefault();
        if (!other || !otherText.trim()) return;
        setOther(false);
        onChange({ ...value, kind: otherText.trim() });
      }}
    >
      <label>
        Status
        <select
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.target.value })}
        >
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kind
        <select
          value={other ? OTHER : value.kind}
          onChange={(e) => {
            const v = e.target.value;
            setOther(v === OTHER);
            if (v !== OTHER) onChange({ ...value, kind: v });
          }}
        >
          <option value="">All kinds</option>
          {options.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
      </label>
      {other && (
        <>
          <label>
            Other kind
            <input
              autoFocus
              value={otherText}
              maxLength={100}
              placeholder="e.g. diagnostic"
              onChange={(e) => setOtherText(e.target.value)}
            />
          </label>
          <button type="submit">Apply kind</button>
        </>
      )}
      {(value.status || value.kind) && (
        <button type="button" onClick={() => onChange({ status: '', kind: '' })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
