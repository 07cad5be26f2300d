import { get } from '../../api';
import { fetchAll } from '../../paging';
import type { Model } from './types';

/** The concept's models (every page). */
export const getModels = (cId: string) => getAll<Model>(`/models?c_id=${encodeURIComponent(cId)}`);

/** Every page of a list (the API pages with X-Next-Cursor), a few large pages at most. */
export async function getAll<T>(path: string, maxPages = 20): Promise<T[]> {
  return (await fetchAll<T>(path, { limit: 1000 }, maxPages)).items;
}

/** The three SQL assets: their URL segment in the dashboard, in the API, and their id field. */
export type SqlKind = 'index' | 'rule' | 'feature';

export const SQL_KINDS: Record<
  SqlKind,
  { api: string; idField: 'index_id' | 'r_id' | 'feature_id'; label: string; column: string }
> = {
  index: { api: 'indexes', idField: 'index_id', label: 'Index', column: 'key_column' },
  rule: { api: 'rules', idField: 'r_id', label: 'Rule', column: 'index_column' },
  feature: { api: 'features', idField: 'feature_id', label: 'Feature', column: 'index_column' },
};

/** `index`, `indexes`, `rule`, `rules`, … → the kind (plural URLs are accepted too). */
export function sqlKind(segment: string | undefined): SqlKind | null {
  switch (segment) {
    case 'index':
    case 'indexes':
      return 'index';
    case 'rule':
    case 'rules':
      return 'rule';
    case 'feature':
    case 'features':
      return 'feature';
    default:
      return null;
  }
}

export const conceptApi = (cId: string | number) => `/concepts/${encodeURIComponent(cId)}`;

/** Run states in which something is still to happen (poll while they last). */
export const IN_FLIGHT = new Set(['QUEUED', 'PENDING', 'STARTED', 'RUNNING', 'CANCELING']);

export interface JobWithResults<J, R> {
  job: J;
  results: R | null;
}

/** A job (Snorkel or classifier) at `path` and, once it succeeded, its results (409 before). */
export async function loadJobWithResults<J extends { status: string }, R>(
  path: string,
): Promise<JobWithResults<J, R>> {
  const job = await get<J>(path);
  const results = job.status === 'SUCCESS' ? await get<R>(`${path}/results`) : null;
  return { job, results };
}

/** Poll a job page every 3 s while its job is in flight. */
export const whileJobRuns = (got: { job: { status: string } } | null) =>
  IN_FLIGHT.has(got?.job.status ?? '') ? 3000 : undefined;
