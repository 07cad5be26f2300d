import { MigrationInterface, QueryRunner } from 'typeorm';

const CLAIM_V1 = `
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
  $$`;

/**
 * Run groups and run-ended events.
 * - `run_group`: each kind's group; `claim_run` now also keeps the run's group below its cap
 *   (`p_group_caps`, e.g. {"bulk": 12, "interactive": 8, "diagnostic": 2}), inside the global
 *   `p_max_active`, under the same advisory lock.
 * - `end_notified_at`: the outbox mark of the run-ended event. Runs that ended more than a day
 *   ago count as handled; more recent ones are published again by the run monitor.
 */
export class RunGroupsAndEndEvents1795800000000 implements MigrationInterface {
  name = 'RunGroupsAndEndEvents1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "runs" ADD "run_group" character varying(16) NOT NULL DEFAULT 'bulk'`,
    );
    await queryRunner.query(
      `UPDATE "runs" SET "run_group" = 'diagnostic' WHERE "kind" = 'diagnostic'`,
    );
    await queryRunner.query(`ALTER TABLE "runs" ADD "end_notified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "runs" SET "end_notified_at" = "ended_at"
        WHERE "status" IN ('SUCCESS','FAILURE','CANCELED') AND "ended_at" < now() - interval '1 day'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_runs_end_unnotified" ON "runs" ("ended_at") WHERE end_notified_at IS NULL AND status IN ('SUCCESS','FAILURE','CANCELED')`,
    );
    await queryRunner.query(`DROP FUNCTION claim_run(uuid, integer, varchar, integer)`);
    await queryRunner.query(`
      CREATE FUNCTION claim_run(p_run_id uuid, p_seq integer, p_worker varchar, p_max_active integer,
                                p_group_caps jsonb)
      RETURNS SETOF runs
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        claimed runs%ROWTYPE;
        v_group varchar;
        v_live integer;
        v_group_live integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(7301003);
        SELECT run_group INTO v_group FROM runs WHERE run_id = p_run_id;
        SELECT count(*), count(*) FILTER (WHERE run_group = v_group) INTO v_live, v_group_live
          FROM runs WHERE status IN ('STARTED', 'CANCELING');
        IF v_live >= p_max_active OR v_group_live >= coalesce((p_group_caps ->> v_group)::integer, p_max_active) THEN
          RETURN;
        END IF;
        UPDATE runs
           SET status = 'STARTED', attempt = attempt + 1, started_at = now(), heartbeat_at = now(),
               worker_id = p_worker, not_before = NULL, ended_at = NULL
         WHERE run_id = p_run_id AND status = 'QUEUED' AND enqueue_count = p_seq
           AND (not_before IS NULL OR not_before <= now())
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
    await queryRunner.query(`DROP FUNCTION claim_run(uuid, integer, varchar, integer, jsonb)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_runs_end_unnotified"`);
    await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "end_notified_at"`);
    await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "run_group"`);
    await queryRunner.query(CLAIM_V1);
  }
}
