import { Injectable } from '@nestjs/common';
import { TippersDb } from '../infra/tippers-db/tippers-db.service';

/** A row of the TIPPERS `space` table. */
export interface SpaceRow {
  space_id: number;
  space_name: string | null;
  parent_space_id: number | null;
  building_room: string | null;
}

export interface SpaceTreeRow extends SpaceRow {
  depth: number;
}

const COLUMNS = 's.space_id, s.space_name, s.parent_space_id, s.building_room';

/** After the position (name, id) in `ORDER BY space_name, space_id` (NULL names last). */
export interface NamePosition {
  name: string | null;
  id: number;
}

/** WHERE fragment: rows after position ($n name, $n+1 id) of alias `a`, or all when unset. */
const AFTER_NAME = (a: string, n: number) => `($${n + 1}::int IS NULL OR CASE
    WHEN $${n}::text IS NULL THEN ${a}.space_name IS NULL AND ${a}.space_id > $${n + 1}
    ELSE ${a}.space_name > $${n}::text OR (${a}.space_name = $${n}::text AND ${a}.space_id > $${n + 1})
         OR ${a}.space_name IS NULL END)`;
const afterArgs = (after?: NamePosition) => [after?.name ?? null, after?.id ?? null];

/** Makes `%`, `_` and `\` in user text literal inside a LIKE pattern that uses ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Read-only queries on the TIPPERS `space` table. All SQL of the spaces feature lives here. */
@Injectable()
export class SpacesRepository {
  constructor(private readonly db: TippersDb) {}

  /**
   * Spaces whose name contains `search` (case-insensitive, literal), by name then id, after
   * `after` (a keyset position), skipping `skip`.
   */
  list(
    search: string | undefined,
    skip: number,
    limit: number,
    after?: NamePosition,
  ): Promise<SpaceRow[]> {
    const pattern = search ? `%${escapeLike(search)}%` : null;
    return this.db.query<SpaceRow>(
      `SELECT ${COLUMNS} FROM space s
        WHERE ($1::text IS NULL OR s.space_name ILIKE $1::text ESCAPE '\\') AND ${AFTER_NAME('s', 4)}
        ORDER BY s.space_name, s.space_id
        OFFSET $2 LIMIT $3`,
      [pattern, skip, limit, ...afterArgs(after)],
    );
  }

  /**
   * Top-level spaces: no parent, or a parent id that names no existing space (an orphan is
   * treated as a root so it stays reachable by browsing). Spaces caught in a parent cycle have
   * no root and are not listed here; they are still found by /spaces and their subtree.
   */
  roots(limit: number, after?: NamePosition): Promise<SpaceRow[]> {
    return this.db.query<SpaceRow>(
      `SELECT ${COLUMNS} FROM space s
        WHERE (s.parent_space_id IS NULL
               OR NOT EXISTS (SELECT 1 FROM space p WHERE p.space_id = s.parent_space_id))
          AND ${AFTER_NAME('s', 2)}
        ORDER BY s.space_name, s.space_id LIMIT $1`,
      [limit, ...afterArgs(after)],
    );
  }

  async findById(spaceId: number): Promise<SpaceRow | undefined> {
    const rows = await this.db.query<SpaceRow>(
      `SELECT ${COLUMNS} FROM space s WHERE s.space_id = $1 LIMIT 1`,
      [spaceId],
    );
    return rows[0];
  }

  /** Direct children, by name then id. A space that names itself as parent is not its own child. */
  children(spaceId: number, limit: number, after?: NamePosition): Promise<SpaceRow[]> {
    return this.db.query<SpaceRow>(
      `SELECT ${COLUMNS} FROM space s
        WHERE s.parent_space_id = $1 AND s.space_id <> $1 AND ${AFTER_NAME('s', 3)}
        ORDER BY s.space_name, s.space_id LIMIT $2`,
      [spaceId, limit, ...afterArgs(after)],
    );
  }

  /**
   * The root and all its descendants, root first, then by depth and name. Each row carries the
   * path of ids from the root; a child already on that path is not followed, so parent cycles
   * in bad data (a→b→c→a, or a space that is its own parent) end the walk instead of looping.
   * Since every space has one parent, each space is reached by one path; DISTINCT ON guards
   * against duplicate space_id rows all the same. Empty when the root does not exist.
   */
  subtree(
    rootId: number,
    page?: { limit: number; after?: NamePosition & { depth: number } },
  ): Promise<SpaceTreeRow[]> {
    return this.db.query<SpaceTreeRow>(
      `WITH RECURSIVE tree AS (
         SELECT ${COLUMNS}, 0 AS depth, ARRAY[s.space_id] AS path
           FROM space s WHERE s.space_id = $1
         UNION ALL
         SELECT ${COLUMNS}, t.depth + 1, t.path || s.space_id
           FROM tree t JOIN space s ON s.parent_space_id = t.space_id
          WHERE s.space_id <> ALL (t.path)
       )
       SELECT space_id, space_name, parent_space_id, building_room, depth
         FROM (SELECT DISTINCT ON (space_id) * FROM tree ORDER BY space_id, depth) u
        WHERE $4::int IS NULL OR u.depth > $4 OR (u.depth = $4 AND ${AFTER_NAME('u', 2)})
        ORDER BY depth, space_name, space_id LIMIT $5`,
      [rootId, ...afterArgs(page?.after), page?.after?.depth ?? null, page ? page.limit : null],
    );
  }
}
