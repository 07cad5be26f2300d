import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose changes can change a dataset's results, and the events that matter. */
const WATCHED: [table: string, event: 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE'][] = [
  ['occupancy_chunks', 'INSERT'],
  ['occupancy_chunks', 'UPDATE'],
  ['occupancy_chunks', 'DELETE'],
  ['occupancy_chunks', 'TRUNCATE'],
  ['occupancy_datasets', 'UPDATE'],
  ['occupancy_datasets', 'DELETE'],
  ['occupancy_datasets', 'TRUNCATE'],
];

/**
 * `NOTIFY occupancy_changed` after every statement that changed a row of occupancy_chunks or
 * occupancy_datasets (statement triggers with transition tables, and TRUNCATE: a statement that changed no
 * row sends nothing; PostgreSQL sends one notification per transaction and channel). Processes
 * that answer results from memory drop what they keep when it arrives (ResultsStateCache), so no
 * path that changes a chunk — code, another process, an operator's SQL — can leave them stale.
 */
export class OccupancyChangeNotify1796200000000 implements MigrationInterface {
  name = 'OccupancyChangeNotify1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION occupancy_notify_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('occupancy_changed', '');
          RETURN NULL;
        END IF;
        -- only reached by the triggers that define the transition table
        IF EXISTS (SELECT 1 FROM changed) THEN
          PERFORM pg_notify('occupancy_changed', '');
        END IF;
        RETURN NULL;
      END
      $$`);
    for (const [table, event] of WATCHED) {
      const rows =
        event === 'TRUNCATE'
          ? ''
          : `REFERENCING ${event === 'DELETE' ? 'OLD' : 'NEW'} TABLE AS changed`;
      await queryRunner.query(
        `CREATE TRIGGER "${table}_${event.toLowerCase()}_notify" AFTER ${event} ON "${table}"
           ${rows} FOR EACH STATEMENT EXECUTE FUNCTION occupancy_notify_changed()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, event] of WATCHED)
      await queryRunner.query(
        `DROP TRIGGER "${table}_${event.toLowerCase()}_notify" ON "${table}"`,
      );
    await queryRunner.query(`DROP FUNCTION occupancy_notify_changed()`);
  }
}
