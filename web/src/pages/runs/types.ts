import type { Schema } from '../../api-types';

export const STATUSES = [
  'QUEUED',
  'STARTED',
  'SUCCESS',
  'FAILURE',
  'CANCELING',
  'CANCELED',
] as const;
export type RunStatus = (typeof STATUSES)[number];

/** A run as GET /runs answers it. */
export type Run = Schema<'RunResponse'>;

export type RunEvent = Schema<'RunEventResponse'>;

/** GET /runs/{run_id}: the run and its event log. */
export type RunDetail = Schema<'RunDetailResponse'>;

export const isStatus = (s: string): s is RunStatus => (STATUSES as readonly string[]).includes(s);

/** Not ended yet: the run may still change (pages poll while any shown run is so). */
export const isLive = (s: RunStatus): boolean =>
  s === 'QUEUED' || s === 'STARTED' || s === 'CANCELING';
