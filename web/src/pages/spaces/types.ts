/** A space as the API answers it (GET /spaces…). */
export interface Space {
  space_id: number;
  space_name: string | null;
  parent_space_id: number | null;
  building_room: string | null;
}

/** An occupancy dataset, the fields the space page shows. */
export interface Dataset {
  dataset_id: number;
  name: string;
  root_space_id: number;
  status: string;
  total_chunks: number;
  completed_chunks: number;
  failed_chunks: number;
  created_at: string;
}

/** A space's name, or its id when it has none. */
export const spaceLabel = (s: Space): string => s.space_name?.trim() || `Space ${s.space_id}`;

/** A positive integer id from a route parameter, or null. */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 2147483647 ? n : null;
}
