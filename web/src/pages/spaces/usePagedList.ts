import { useEffect, useState } from 'react';
import { fetchPage } from '../../paging';

export interface PagedList<T> {
  items: T[];
  /** More items follow (call `more`). */
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  more: () => void;
  retry: () => void;
}

/** A paged list read page by page: the first page at once, the next ones on `more()`. */
export function usePagedList<T>(path: string, limit = 100): PagedList<T> {
  const [forPath, setForPath] = useState(path);
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  if (forPath !== path) {
    setForPath(path);
    setItems([]);
    setCursor(null);
    setNext(null);
  }

  useEffect(() => {
    let live = true;
    setLoading(true);
    fetchPage<T>(path, { limit, cursor }).then(
      (page) => {
        if (!live) return;
        setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
        setNext(page.next);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [path, limit, cursor, attempt]);

  return {
    items,
    hasMore: !!next,
    loading,
    error,
    more: () => {
      if (next) setCursor(next);
    },
    retry: () => setAttempt((n) => n + 1),
  };
}
