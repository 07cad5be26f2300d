import { useCallback, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { Page } from '../ui';
import { RunFilters, type Filters } from './runs/RunFilters';
import { RunsList } from './runs/RunsList';
import { QueueView } from './runs/QueueView';
import { isStatus } from './runs/types';
import './runs/runs.css';

/** The cursors of the pages before this one ('' = the first), kept in the history entry. */
function cursorsOf(state: unknown): string[] {
  if (state && typeof state === 'object' && 'cursors' in state) {
    const c: unknown = state.cursors;
    if (Array.isArray(c) && c.every((x) => typeof x === 'string')) return c;
  }
  return [];
}

/**
 * /runs: runs filtered by status and kind, page by page. Filters and cursor live in the URL
 * (?status=&kind=&cursor=); the way back through earlier pages lives in the history entry.
 */
export default function RunsPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const rawStatus = params.get('status') ?? '';
  const status = isStatus(rawStatus) ? rawStatus : '';
  const kind = params.get('kind') ?? '';
  const cursor = params.get('cursor') ?? '';
  const earlier = cursorsOf(location.state);
  const [kinds, setKinds] = useState<string[]>([]);

  const go = (f: Filters, c: string, cursors: string[]) => {
    const q: Record<string, string> = {};
    if (f.status) q.status = f.status;
    if (f.kind) q.kind = f.kind;
    if (c) q.cursor = c;
    setParams(q, { state: { cursors } });
  };
  const filters = { status, kind };

  const seeKinds = useCallback((seen: string[]) => {
    setKinds((prev) => {
      const fresh = seen.filter((k) => !prev.includes(k));
      return fresh.length ? [...prev, ...new Set(fresh)] : prev;
    });
  }, []);

  return (
    <Page title="Runs">
      <QueueView />
      <RunFilters value={filters} kinds={kinds} onChange={(f) => go(f, '', [])} />
      {cursor && (
        <p className="muted">
          {earlier.length ? `Page ${earlier.length + 1}` : 'A later page'} of the runs
          {status || kind ? ' matching the filters' : ''}.
        </p>
      )}
      <RunsList
        key={`${status}|${kind}|${cursor}`}
        status={status}
        kind={kind}
        cursor={cursor}
        onKinds={seeKinds}
        paging={{
          hasPrevious: earlier.length > 0,
          onPrevious: () => go(filters, earlier[earlier.length - 1] ?? '', earlier.slice(0, -1)),
          onFirst: () => go(filters, '', []),
          onNext: (next) => go(filters, next, [...earlier, cursor]),
        }}
      />
    </Page>
  );
}
