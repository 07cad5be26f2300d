/**
 * Opaque keyset cursors for list endpoints (docs/api.md, "Lists"): a cursor holds the sort key
 * of the last item of a page, and the next page starts after it. A cursor is base64url JSON; a
 * text the service did not produce, or one of another list, decodes to null (a 400 for the
 * caller), never to a half-valid position.
 */

/** How each position of a cursor is checked when it is decoded. */
export type CursorField =
  /** A safe integer. */
  | 'int'
  /** Any string (at most 1,000 characters, no NUL). */
  | 'text'
  /** A string or null (a nullable sort column). */
  | 'text?'
  /** A UUID. */
  | 'uuid'
  /** An instant with microseconds, as PostgreSQL keeps them: 2026-11-27T01:02:03.456789Z. */
  | 'instant';

type ValueOf<F extends CursorField> = F extends 'int'
  ? number
  : F extends 'text?'
    ? string | null
    : string;

export type CursorValues<F extends readonly CursorField[]> = { [K in keyof F]: ValueOf<F[K]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const MAX_TEXT = 1000;

function fits(field: CursorField, v: unknown): boolean {
  switch (field) {
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'text?':
      return v === null || fits('text', v);
    case 'text':
      return typeof v === 'string' && v.length <= MAX_TEXT && !v.includes('\0');
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
    case 'instant':
      return typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v));
  }
}

/** The cursor text of a position (the values of the last item's sort key, in order). */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The position in `text` if it has exactly the shape `fields`, else null. */
export function decodeCursor<const F extends readonly CursorField[]>(
  text: string,
  fields: F,
): CursorValues<F> | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 4 * MAX_TEXT) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length !== fields.length) return null;
  if (!fields.every((f, i) => fits(f, values[i]))) return null;
  return values as CursorValues<F>;
}
