import type { Schema } from '../../api-types';

/** A space as the API answers it (GET /spaces…). */
export type Space = Schema<'SpaceResponse'>;

/** An occupancy dataset as the API answers it. */
export type Dataset = Schema<'DatasetResponse'>;

/** A space's name, or its id when it has none. */
export const spaceLabel = (s: Space): string => s.space_name?.trim() || `Space ${s.space_id}`;

/** A positive integer id from a route parameter, or null. */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 2147483647 ? n : null;
}
