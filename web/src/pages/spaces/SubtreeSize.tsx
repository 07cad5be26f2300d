import { useLoad } from '../../hooks';
import { ErrorBox, Loading } from '../../ui';
import { fetchAll } from '../../paging';
import type { Space } from './types';

/** How many spaces the subtree holds (the space itself included), read page by page. */
export function SubtreeSize({ id }: { id: number }) {
  const { data, error, loading, reload } = useLoad(
    () => fetchAll<Space>(`/spaces/${id}/subtree`, { limit: 1000 }),
    [id],
  );
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (loading || !data) return <Loading what="the subtree" />;
  const n = data.items.length;
  return (
    <p>
      <strong>
        {data.complete ? '' : 'More than '}
        {n.toLocaleString()} {n === 1 ? 'space' : 'spaces'}
      </strong>{' '}
      in its subtree <span className="muted">(the space itself included)</span>.
    </p>
  );
}
