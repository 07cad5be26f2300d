import { useEffect } from 'react';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading } from '../../ui';
import { fetchPage } from '../../paging';
import { Pager } from './Pager';
import { RunsTable } from './RunsTable';
import { isLive, type Run } from './types';

const LIMIT = 25;
const POLL_MS = 3000;

export interface Paging {
  hasPrevious: boolean;
  onPrevious: () => void;
  onFirst: () => void;
  onNext: (cursor: string) => void;
}

const anyLive = (page: { items: Run[] } | null) => !!page?.items.some((r) => isLive(r.status));

/** One page of runs for the filters and cursor; polls while any shown run is still live. */
export function RunsList({
  status,
  kind,
  cursor,
  paging,
  onKinds,
}: {
  status: string;
  kind: string;
  cursor: string;
  paging: Paging;
  onKinds: (kinds: string[]) => void;
}) {
  const { data, error, reload } = useLoad(
    () => fetchPage<Run>('/runs', { status, kind, cursor, limit: LIMIT }),
    [status, kind, cursor],
    (page) => (anyLive(page) ? POLL_MS : undefined),
  );
  const live = anyLive(data);
  useEffect(() => {
    if (data) onKinds(data.items.map((r) => r.kind));
  }, [data, onKinds]);

  const onPage = cursor !== '';
  if (!data) {
    if (!error) return <Loading what="runs" />;
    return (
      <>
        <ErrorBox error={error} retry={reload} />
        <Pager {...paging} onPage={onPage} next={null} />
      </>
    );
  }
  return (
    <>
      {error && <ErrorBox error={`Could not refresh: ${error}`} retry={reload} />}
      {live && (
        <p className="muted" role="status">
          Refreshing every 3 s while a run on this page is queued, started or canceling.
        </p>
      )}
      {data.items.length === 0 ? (
        <Empty>
          {onPage
            ? 'No more runs.'
            : status || kind
              ? 'No runs match these filters.'
              : 'No runs yet.'}
        </Empty>
      ) : (
        <RunsTable runs={data.items} />
      )}
      <Pager {...paging} onPage={onPage} next={data.next} />
    </>
  );
}
