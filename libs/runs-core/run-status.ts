/** Run statuses: Dagster's names, so old clients keep reading them. */
export const RUN_STATUSES = [
  'QUEUED',
  'STARTED',
  'SUCCESS',
  'FAILURE',
  'CANCELING',
  'CANCELED',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINAL_STATUSES: readonly RunStatus[] = ['SUCCESS', 'FAILURE', 'CANCELED'];
/** Statuses that hold one of the MAX_CONCURRENT_RUNS slots. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['STARTED', 'CANCELING'];

export function isFinal(status: RunStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
