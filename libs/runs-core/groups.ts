/**
 * Groups of run kinds. Each group has its own cap on STARTED runs inside the global
 * MAX_CONCURRENT_RUNS (so 2,000 queued chunk runs cannot keep a preview waiting, and long
 * diagnostic runs cannot hold every slot), its own queue, and a worker process may take only
 * some groups (WORKER_GROUPS).
 */
export const RUN_GROUPS = ['interactive', 'diagnostic', 'bulk'] as const;
export type RunGroup = (typeof RUN_GROUPS)[number];

export type GroupCaps = Record<RunGroup, number>;

/** Queue priority of a group: 0 serves first. */
export function groupPriority(group: RunGroup): number {
  return group === 'interactive' ? 0 : group === 'diagnostic' ? 5 : 10;
}

/**
 * Default caps for a global limit `max`: bulk work leaves a quarter of the slots (at least one)
 * to the others, interactive work may take half, diagnostics an eighth (each at least 1, at
 * most `max`). 16 → bulk 12, interactive 8, diagnostic 2.
 */
export function defaultGroupCaps(max: number): GroupCaps {
  const clamp = (n: number) => Math.min(max, Math.max(1, n));
  return {
    bulk: clamp(max - Math.max(1, Math.floor(max / 4))),
    interactive: clamp(Math.ceil(max / 2)),
    diagnostic: clamp(Math.floor(max / 8)),
  };
}
