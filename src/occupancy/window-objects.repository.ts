import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql-rows';

const REFERENCED = `EXISTS (SELECT 1 FROM occupancy_chunks c WHERE c.storage_key = o.storage_key)`;

/** SQL on `occupancy_objects`: registering objects and collecting those no chunk references. */
@Injectable()
export class WindowObjectsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Registers objects before they are put (so one whose run dies is still known and collected). */
  async register(objects: { key: string; bytes: number; rows: number }[]): Promise<void> {
    if (!objects.length) return;
    await this.db.query(
      `INSERT INTO occupancy_objects (storage_key, bytes, row_count)
       SELECT * FROM unnest($1::varchar[], $2::int[], $3::int[])`,
      [objects.map((o) => o.key), objects.map((o) => o.bytes), objects.map((o) => o.rows)],
    );
  }

  /**
   * Stamps objects no chunk references with the time that was first seen, and clears the stamp
   * of objects referenced again (a new object is unreferenced until its run records it).
   */
  async markUnreferenced(): Promise<void> {
    await this.db.query(
      `UPDATE occupancy_objects o SET unreferenced_since = now()
        WHERE o.unreferenced_since IS NULL AND NOT ${REFERENCED}`,
    );
    await this.db.query(
      `UPDATE occupancy_objects o SET unreferenced_since = NULL
        WHERE o.unreferenced_since IS NOT NULL AND ${REFERENCED}`,
    );
  }

  /**
   * In one transaction: deletes the rows of up to `limit` objects unreferenced for longer than
   * `graceSeconds` (rows locked, none referenced: the foreign key from chunks refuses to delete
   * a referenced one, and a chunk cannot start referencing a deleted one), then calls
   * `deleteObjects` with their keys before committing. If that throws, the rows stay and the
   * next pass tries again. Returns the keys collected.
   */
  async collect(
    graceSeconds: number,
    limit: number,
    deleteObjects: (keys: string[]) => Promise<void>,
  ): Promise<string[]> {
    return this.db.transaction(async (m: EntityManager) => {
      const rows = await sqlRows<{ storage_key: string }>(
        m,
        `DELETE FROM occupancy_objects o
          WHERE o.storage_key IN (
                  SELECT storage_key FROM occupancy_objects
                   WHERE unreferenced_since < now() - make_interval(secs => $1)
                   ORDER BY unreferenced_since LIMIT $2 FOR UPDATE SKIP LOCKED)
            AND NOT ${REFERENCED}
          RETURNING o.storage_key`,
        [graceSeconds, limit],
      );
      const keys = rows.map((r) => r.storage_key);
      if (keys.length) await deleteObjects(keys);
      return keys;
    });
  }
}
