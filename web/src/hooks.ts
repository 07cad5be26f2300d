import { useCallback, useEffect, useRef, useState } from 'react';

/** How often to load again, in ms (undefined: not again), or that interval from the last answer. */
export type Every<T> =
  number | undefined | ((data: T | null, error: string | null) => number | undefined);

/**
 * Loading, error and data of one request, with reload; `every` ms polls while mounted. Given as
 * a function of the last answer, polling follows it (e.g. while a run is live, and then stops).
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
  every?: Every<T>,
): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setLoading(true);
    loadRef.current().then(
      (d) => {
        if (!live) return;
        setData(d);
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
  }, [...deps, tick]);
  const interval = typeof every === 'function' ? every(data, error) : every;
  useEffect(() => {
    if (!interval) return;
    const t = setInterval(() => setTick((n) => n + 1), interval);
    return () => clearInterval(t);
  }, [interval]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
