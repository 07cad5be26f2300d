import { useEffect, useId, useState } from 'react';
import { Field } from '../../Field';
import { getPages } from './paging';
import { spaceLabel, type Space } from './types';

const SHOWN = 20;

interface Found {
  query: string;
  spaces: Space[];
  more: boolean;
  error: string | null;
}

/** Spaces whose name holds the query (GET /spaces?search=), asked 250 ms after typing stops. */
function useSpaceSearch(query: string): Found | null {
  const [found, setFound] = useState<Found | null>(null);
  useEffect(() => {
    let live = true;
    const q = query.trim();
    const t = setTimeout(() => {
      const path = `/spaces?limit=${SHOWN}${q ? `&search=${encodeURIComponent(q)}` : ''}`;
      getPages<Space>(path).then(
        ({ items, more }) => live && setFound({ query: q, spaces: items, more, error: null }),
        (e: unknown) => live && setFound({ query: q, spaces: [], more: false, error: String(e) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);
  return found;
}

/** Picks one space: a search box and the matching spaces as radio buttons. */
export function SpacePicker({
  value,
  onChange,
  legend,
}: {
  value: Space | null;
  onChange: (s: Space) => void;
  legend: string;
}) {
  const [query, setQuery] = useState('');
  const found = useSpaceSearch(query);
  const name = useId();
  const waiting = !found || found.query !== query.trim();
  return (
    <fieldset className="occ-space-picker">
      <legend>{legend}</legend>
      <Field className="occ-field" label="Search spaces by name">
        {({ id }) => (
          <input
            id={id}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="e.g. Engineering"
            maxLength={200}
          />
        )}
      </Field>
      <p className="occ-picked" aria-live="polite">
        {value ? (
          <>
            Picked: <strong>{spaceLabel(value)}</strong>{' '}
            <span className="muted">#{value.space_id}</span>
          </>
        ) : (
          <span className="muted">No space picked yet.</span>
        )}
      </p>
      {found?.error && <p className="error">Could not search spaces: {found.error}</p>}
      <ul className="occ-choices" aria-busy={waiting}>
        {found?.spaces.map((s) => (
          <li key={s.space_id}>
            <label className="occ-choice">
              <input
                type="radio"
                name={name}
                checked={value?.space_id === s.space_id}
                onChange={() => onChange(s)}
              />
              {spaceLabel(s)} <span className="muted">#{s.space_id}</span>
            </label>
          </li>
        ))}
      </ul>
      {found && !found.error && found.spaces.length === 0 && (
        <p className="muted">No space name holds “{found.query}”.</p>
      )}
      {found?.more && <p className="muted occ-small">More spaces match: type more of the name.</p>}
    </fieldset>
  );
}
