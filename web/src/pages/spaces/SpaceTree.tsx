import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { Empty, ErrorBox } from '../../ui';
import { spaceLabel, type Space } from './types';
import { usePagedList, type PagedList } from './usePagedList';

/** The space tree: the roots, each node's children loaded when it is first expanded. */
export function SpaceTree() {
  const roots = usePagedList<Space>('/spaces/roots');
  return (
    <div className="tree space-tree">
      <SpaceList list={roots} label="Top-level spaces" empty="There are no spaces yet." />
    </div>
  );
}

/** One level of the tree: its nodes, loading/empty/error states, and "Show more". */
function SpaceList({
  list,
  label,
  empty,
  id,
}: {
  list: PagedList<Space>;
  label: string;
  empty: string;
  id?: string;
}) {
  const { items, loading, error, hasMore } = list;
  return (
    <ul id={id} aria-label={label} aria-busy={loading}>
      {items.map((s) => (
        <SpaceNode key={s.space_id} space={s} />
      ))}
      {loading && (
        <li className="muted" role="status">
          Loading…
        </li>
      )}
      {!loading && error && (
        <li>
          <ErrorBox error={error} retry={list.retry} />
        </li>
      )}
      {!loading && !error && items.length === 0 && (
        <li>
          <Empty>{empty}</Empty>
        </li>
      )}
      {!loading && !error && hasMore && (
        <li>
          <button type="button" className="link-button" onClick={list.more}>
            Show more
          </button>
        </li>
      )}
    </ul>
  );
}

/** A space with a disclosure button for its children (fetched on first expand, then kept). */
function SpaceNode({ space }: { space: Space }) {
  const [expanded, setExpanded] = useState(false);
  const [opened, setOpened] = useState(false);
  const childrenId = useId();
  const label = spaceLabel(space);
  return (
    <li>
      <div className="space-row">
        <button
          type="button"
          className="toggle"
          aria-expanded={expanded}
          aria-controls={opened ? childrenId : undefined}
          aria-label={`${label}: child spaces`}
          onClick={() => {
            setExpanded((e) => !e);
            setOpened(true);
          }}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
        </button>
        <Link to={`/spaces/${space.space_id}`}>{label}</Link>
        {space.building_room && <span className="muted">{space.building_room}</span>}
      </div>
      {opened && (
        <div hidden={!expanded}>
          <SpaceChildren id={childrenId} space={space} />
        </div>
      )}
    </li>
  );
}

function SpaceChildren({ id, space }: { id: string; space: Space }) {
  const list = usePagedList<Space>(`/spaces/${space.space_id}/children`);
  return (
    <SpaceList
      id={id}
      list={list}
      label={`Child spaces of ${spaceLabel(space)}`}
      empty="No child spaces."
    />
  );
}
