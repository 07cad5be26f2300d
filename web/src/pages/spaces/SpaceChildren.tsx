import { Link } from 'react-router-dom';
import { Empty, ErrorBox, Loading } from '../../ui';
import { spaceLabel, type Space } from './types';
import { usePagedList } from './usePagedList';

/** The space's direct children as links, page by page. */
export function SpaceChildren({ id }: { id: number }) {
  const list = usePagedList<Space>(`/spaces/${id}/children`);
  const { items, loading, error, hasMore } = list;
  return (
    <>
      {items.length > 0 && (
        <ul className="space-results">
          {items.map((s) => (
            <li key={s.space_id}>
              <Link to={`/spaces/${s.space_id}`}>{spaceLabel(s)}</Link>
              {s.building_room && <span className="muted"> {s.building_room}</span>}
            </li>
          ))}
        </ul>
      )}
      {loading && <Loading what="child spaces" />}
      {!loading && error && <ErrorBox error={error} retry={list.retry} />}
      {!loading && !error && items.length === 0 && <Empty>This space has no children.</Empty>}
      {!loading && !error && hasMore && (
        <button type="button" onClick={list.more}>
          Show more children
        </button>
      )}
    </>
  );
}
