import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading } from '../../ui';
import { fetchPage } from '../../paging';
import { spaceLabel, type Space } from './types';

const DEBOUNCE_MS = 300;
const LIMIT = 50;

/** The search box; its text lives in the URL (?search=), written after a pause in typing. */
export function SpaceSearch() {
  const [params, setParams] = useSearchParams();
  const committed = params.get('search') ?? '';
  const [text, setText] = useState(committed);

  // the URL changed elsewhere (back, forward, a shared link): show its text
  useEffect(() => setText(committed), [committed]);

  useEffect(() => {
    if (text === committed) return;
    const t = setTimeout(() => {
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          if (text) n.set('search', text);
          else n.delete('search');
          return n;
        },
        { replace: true },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, committed, setParams]);

  const query = committed.trim();
  return (
    <section aria-labelledby="space-search-title" className="card">
      <h2 id="space-search-title">Find a space</h2>
      <form role="search" className="inline" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search spaces
          <input
            type="search"
            value={text}
            maxLength={200}
            placeholder="Part of a name"
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </form>
      {query && <SearchResults key={query} query={query} />}
    </section>
  );
}

function SearchResults({ query }: { query: string }) {
  const { data, error, loading, reload } = useLoad(
    () => fetchPage<Space>('/spaces', { search: query, limit: LIMIT }),
    [query],
  );
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (loading || !data) return <Loading what="matching spaces" />;
  if (data.items.length === 0) return <Empty>No space name contains “{query}”.</Empty>;
  return (
    <>
      <p role="status" className="muted">
        {data.next
          ? `The first ${data.items.length} matches for “${query}”; type more to narrow them.`
          : `${data.items.length} ${data.items.length === 1 ? 'match' : 'matches'} for “${query}”.`}
      </p>
      <ul className="space-results">
        {data.items.map((s) => (
          <li key={s.space_id}>
            <Link to={`/spaces/${s.space_id}`}>{spaceLabel(s)}</Link>{' '}
            <span className="muted">
              {s.building_room ? `${s.building_room} · ` : ''}#{s.space_id}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
