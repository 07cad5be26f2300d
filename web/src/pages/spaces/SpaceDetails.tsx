import { Link } from 'react-router-dom';
import { ApiError, get } from '../../api';
import { useLoad } from '../../hooks';
import { spaceLabel, type Space } from './types';

/** The space's own fields, with a link to its parent. */
export function SpaceDetails({ space }: { space: Space }) {
  return (
    <dl className="space-facts">
      <dt>Id</dt>
      <dd>{space.space_id}</dd>
      <dt>Name</dt>
      <dd>{space.space_name ?? <span className="muted">none</span>}</dd>
      <dt>Building room</dt>
      <dd>{space.building_room ?? <span className="muted">none</span>}</dd>
      <dt>Parent</dt>
      <dd>
        {space.parent_space_id === null ? (
          <span className="muted">none (a top-level space)</span>
        ) : (
          <ParentLink id={space.parent_space_id} />
        )}
      </dd>
    </dl>
  );
}

/** The parent by name; a parent id naming no space (the space is then a root) says so. */
function ParentLink({ id }: { id: number }) {
  const { data } = useLoad<Space | 'missing'>(
    () =>
      get<Space>(`/spaces/${id}`).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return 'missing' as const;
        throw e;
      }),
    [id],
  );
  if (data === 'missing') {
    return (
      <>
        #{id} <span className="muted">(no such space, so this one counts as top-level)</span>
      </>
    );
  }
  // while loading or when the name could not be read, the id still links to the parent
  return <Link to={`/spaces/${id}`}>{data ? spaceLabel(data) : `Space #${id}`}</Link>;
}
