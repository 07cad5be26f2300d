import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `claim_run`: moves a QUEUED run to STARTED only while fewer than `max_active` runs are
 * STARTED or CANCELING, across every worker. The count and the update happen under one
 * transaction-scoped advisory lock, so two workers can never both take the last slot; one
 * round trip per claim. Also records the "started" event.
 */
export class ClaimRunFunction1795742200000 implements MigrationInterface {
  name = 'ClaimRunFunction1795742200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION claim_run(p_run_id uuid, p_seq integer, p_worker varchar, p_max_active integer)
      RETURNS SETOF runs
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        claimed runs%ROWTYPE;
      BEGIN
        PERFORM pg_advisory_xact_lock(7301003);
        UPDATE runs
           SET status = 'STARTED', attempt = attempt + 1, started_at = now(), heartbeat_at = now(),
               worker_id = p_worker, not_before = NULL, ended_at = NULL
         WHERE run_id = p_run_id AND status = 'QUEUED' AND enqueue_count = p_seq
           AND (not_before IS NULL OR not_before <= now())
           AND (SELECT count(*) FROM runs WHERE status IN ('STARTED', 'CANCELING')) < p_max_active
        RETURNING * INTO claimed;
        IF FOUND THEN
          INSERT INTO run_events (run_id, attempt, level, message, data)
          VALUES (claimed.run_id, claimed.attempt, 'info',
                  'attempt ' || claimed.attempt || ' of ' || claimed.max_attempts || ' started on ' || p_worker,
                  NULL);
          RETURN NEXT claimed;
        END IF;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION claim_run(uuid, integer, varchar, integer)`);
  }
}
