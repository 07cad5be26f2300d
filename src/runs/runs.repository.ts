import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RunStatus } from '../../libs/runs-core';
import { sqlRows } from '../database/sql-rows';
import type { RunGroup } from './run-kind';
import type { Run, RunEvent } from './run.types';

/** A run row to insert, every default already applied. */
export interface NewRun {
  kind: string;
  params: Record<string, unknown>;
  runKey: string | null;
  group: RunGroup;
  priority: number;
  maxAttempts: number;
  timeoutSeconds: number | null;
}

/** A listed run with its position for the next page (queued_at with microseconds). */
export type ListedRun = Run & { cursor_at: string };

export interface ListFilter {
  status?: RunStatus;
  kind?: string;
  limit: number;
  /** After this (queued_at, run_id) position, newest first. */
  after?: { at: string; runId: string };
}

const LIVE = `status IN ('STARTED', 'CANCELING')`;
const UNFINISHED = `status IN ('QUEUED', 'STARTED', 'CANCELING')`;
/** SQL: the run's kind has run-ended subscribers ($n: their kinds, or '*' for every kind). */
const SUBSCRIBED = (n: number) => `('*' = ANY($${n}::varchar[]) OR kind = ANY($${n}::varchar[]))`;
const FINAL = `status IN ('SUCCESS', 'FAILURE', 'CANCELED')`;

/**
 * Every SQL statement on `runs` and `run_events` (no other module queries them). Each state
 * change is one conditional UPDATE guarded by the attempt number, so a worker that lost its run
 * (declared dead, timed out) cannot overwrite what happened since.
 */
/** What a row showing its run's status needs of the run. */
export interface RunState {
  run_id: string;
  status: RunStatus;
  error: string | null;
  queued_at: Date;
  ended_at: Date | null;
}

@Injectable()
export class RunsRepository {
  /**
   * The kinds someone subscribed to the run-ended event of, `['*']` for every kind (set by
   * RunEndedEvents): the event of other runs is handled by the statement that ends them.
   */
  subscribedKinds: () => string[] = () => ['*'];

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts runs in one statement, through `m` when given (the caller's transaction). A
   * run_key that exists already yields the existing run when it names the same kind and
   * params, and a ConflictException (409) when it names other ones.
   */
  async insert(runs: NewRun[], m?: EntityManager): Promise<{ run: Run; created: boolean }[]> {
    if (runs.length === 0) return [];
    const db = m ?? this.db;
    const ids = runs.map(() => randomUUID());
    const created: Run[] = await sqlRows<Run>(
      db,
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
           run_id uuid, ord int, kind varchar, params jsonb, run_key varchar, run_group varchar,
           priority smallint, max_attempts int, timeout_seconds int)
       ), ins AS (
         INSERT INTO runs (run_id, kind, params, run_key, run_group, priority, max_attempts, timeout_seconds, enqueue_count)
         SELECT run_id, kind, params, run_key, run_group, priority, max_attempts, timeout_seconds, 1
           FROM input ORDER BY ord
         ON CONFLICT (run_key) WHERE run_key IS NOT NULL DO NOTHING
         RETURNING *
       ), ev AS (
         INSERT INTO run_events (run_id, attempt, level, message)
         SELECT run_id, 0, 'info', 'queued' FROM ins
       )
       SELECT * FROM ins`,
      [
        JSON.stringify(
          runs.map((r, ord) => ({
            run_id: ids[ord],
            ord,
            kind: r.kind,
            params: r.params,
            run_key: r.runKey,
            run_group: r.group,
            priority: r.priority,
            max_attempts: r.maxAttempts,
            timeout_seconds: r.timeoutSeconds,
          })),
        ),
      ],
    );
    const byId = new Map(created.map((r) => [r.run_id, r]));
    const byKey = new Map<string, Run>(
      created.filter((r) => r.run_key).map((r) => [r.run_key!, r]),
    );
    const keysToFetch = runs
      .filter((r, k) => r.runKey && !byId.has(ids[k]))
      .map((r) => r.runKey as string);
    if (keysToFetch.length > 0) {
      const existing = await sqlRows<Run>(db, `SELECT * FROM runs WHERE run_key = ANY($1)`, [
        keysToFetch,
      ]);
      for (const r of existing) if (!byKey.has(r.run_key!)) byKey.set(r.run_key!, r);
    }
    return runs.map((r, k) => {
      const mine = byId.get(ids[k]);
      if (mine) return { run: mine, created: true };
      const other = byKey.get(r.runKey!)!;
      if (other.kind !== r.kind || !isDeepStrictEqual(other.params, r.params)) {
        throw new ConflictException(
          `run_key ${JSON.stringify(r.runKey)} already names run ${other.run_id} (kind ` +
            `${other.kind}) with other params: reuse its params to get that run, or pick another run_key`,
        );
      }
      return { run: other, created: false };
    });
  }

  async get(runId: string): Promise<Run | null> {
    const rows = await this.rows(`SELECT * FROM runs WHERE run_id = $1`, [runId]);
    return rows[0] ?? null;
  }

  /** Status and error of each of the runs (those that exist). */
  async states(runIds: string[]): Promise<RunState[]> {
    if (!runIds.length) return [];
    return sqlRows(
      this.db,
      'SELECT run_id, status, error, queued_at, ended_at FROM runs WHERE run_id = ANY($1::uuid[])',
      [runIds],
    );
  }

  async events(runId: string): Promise<RunEvent[]> {
    // ordered by the bigint column, not by its text form (9 < 10)
    return sqlRows<RunEvent>(
      this.db,
      `SELECT e.event_id::text AS event_id, e.run_id, e.at, e.attempt, e.level, e.message, e.data
         FROM run_events e WHERE e.run_id = $1 ORDER BY e.event_id`,
      [runId],
    );
  }

  async list(f: ListFilter): Promise<ListedRun[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.status) where.push(`status = $${args.push(f.status)}`);
    if (f.kind) where.push(`kind = $${args.push(f.kind)}`);
    if (f.after) {
      where.push(
        `(queued_at, run_id) < ($${args.push(f.after.at)}::timestamptz, $${args.push(f.after.runId)}::uuid)`,
      );
    }
    return sqlRows<ListedRun>(
      this.db,
      `SELECT *, to_char(queued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY queued_at DESC, run_id DESC LIMIT $${args.push(f.limit)}`,
      args,
    );
  }

  /**
   * QUEUED → STARTED if the run waits on this delivery and a slot is free: fewer than
   * `maxActive` live runs in all, and fewer than its group's cap (`groupCaps`) in its group.
   */
  async claim(
    runId: string,
    seq: number,
    workerId: string,
    maxActive: number,
    groupCaps: Record<string, number>,
  ): Promise<Run | null> {
    const rows = await this.rows(`SELECT * FROM claim_run($1, $2, $3, $4, $5::jsonb)`, [
      runId,
      seq,
      workerId,
      maxActive,
      JSON.stringify(groupCaps),
    ]);
    return rows[0] ?? null;
  }

  /** Records a heartbeat; returns the run's status, or null if the attempt is no longer live. */
  async heartbeat(runId: string, attempt: number): Promise<RunStatus | null> {
    const rows = await sqlRows<{ status: RunStatus }>(
      this.db,
      `UPDATE runs SET heartbeat_at = now()
        WHERE run_id = $1 AND attempt = $2 AND ${LIVE} RETURNING status`,
      [runId, attempt],
    );
    return rows[0]?.status ?? null;
  }

  async succeed(
    runId: string,
    attempt: number,
    metadata: Record<string, unknown>,
    message: string,
  ): Promise<Run | null> {
    return this.transition(
      `status = 'SUCCESS', ended_at = now(), error = NULL, metadata = metadata || $3::jsonb`,
      `${LIVE}`,
      [runId, attempt, JSON.stringify(metadata)],
      'info',
      message,
      'true',
    );
  }

  /**
   * Ends a failed attempt: CANCELED if a cancel was requested, QUEUED again after
   * `retryDelaySeconds` while attempts remain, else FAILURE.
   */
  async failAttempt(
    runId: string,
    attempt: number,
    error: string,
    retryDelaySeconds: number,
    onlyIf = LIVE,
  ): Promise<Run | null> {
    return this.transition(
      `status = CASE WHEN status = 'CANCELING' THEN 'CANCELED'
                     WHEN attempt < max_attempts THEN 'QUEUED' ELSE 'FAILURE' END,
       ended_at = CASE WHEN status = 'CANCELING' OR attempt >= max_attempts THEN now() END,
       not_before = CASE WHEN status = 'STARTED' AND attempt < max_attempts
                         THEN now() + make_interval(secs => $4) END,
       enqueue_count = enqueue_count + CASE WHEN status = 'STARTED' AND attempt < max_attempts THEN 1 ELSE 0 END,
       enqueued_at = now(), error = $3`,
      onlyIf,
      [runId, attempt, error, retryDelaySeconds],
      'error',
      `attempt ${attempt} failed: ${error}`,
      `status = 'CANCELING' OR attempt >= max_attempts`,
    );
  }

  /** Shutdown: gives a STARTED attempt back to the queue without counting it. */
  async handBack(runId: string, attempt: number, reason: string): Promise<Run | null> {
    return this.transition(
      `status = CASE WHEN status = 'CANCELING' THEN 'CANCELED' ELSE 'QUEUED' END,
       ended_at = CASE WHEN status = 'CANCELING' THEN now() END,
       attempt = CASE WHEN status = 'CANCELING' THEN attempt ELSE attempt - 1 END,
       enqueue_count = enqueue_count + 1, enqueued_at = now(),
       started_at = NULL, heartbeat_at = NULL, worker_id = NULL`,
      LIVE,
      [runId, attempt],
      'warn',
      `attempt ${attempt} handed back: ${reason}`,
      `status = 'CANCELING'`,
    );
  }

  async markCanceled(runId: string, attempt: number, message: string): Promise<Run | null> {
    return this.transition(
      `status = 'CANCELED', ended_at = now()`,
      `status = 'CANCELING'`,
      [runId, attempt],
      'info',
      message,
      'true',
    );
  }

  /** QUEUED → CANCELED at once; STARTED → CANCELING (the worker sees it at its next heartbeat). */
  async requestCancel(runId: string): Promise<Run | null> {
    const rows = await this.rows(
      `WITH u AS (
         UPDATE runs SET status = CASE WHEN status = 'QUEUED' THEN 'CANCELED' ELSE 'CANCELING' END,
                         ended_at = CASE WHEN status = 'QUEUED' THEN now() END,
                         cancel_requested_at = now(),
                         end_notified_at = CASE WHEN status = 'QUEUED' AND NOT ${SUBSCRIBED(2)}
                                                THEN now() END
          WHERE run_id = $1 AND status IN ('QUEUED', 'STARTED') RETURNING *
       ), ev AS (
         INSERT INTO run_events (run_id, attempt, level, message)
         SELECT run_id, attempt, 'info', 'cancel requested: ' || lower(status) FROM u
       ) SELECT * FROM u`,
      [runId, this.subscribedKinds()],
    );
    return rows[0] ?? null;
  }

  async addEvent(
    runId: string,
    attempt: number,
    level: RunEvent['level'],
    message: string,
    data?: Record<string, unknown>,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO run_events (run_id, attempt, level, message, data) VALUES ($1, $2, $3, $4, $5)`,
      [runId, attempt, level, message, data ? JSON.stringify(data) : null],
    );
  }

  // --- run-ended events (outbox) --------------------------------------------------------

  /** Marks the run's run-ended event as handled by every subscriber. */
  async markEndNotified(runId: string): Promise<void> {
    await this.db.query(`UPDATE runs SET end_notified_at = now() WHERE run_id = $1 AND ${FINAL}`, [
      runId,
    ]);
  }

  /**
   * Final runs whose run-ended event is not handled yet, ended more than `seconds` ago, but
   * those in `except`.
   */
  async endedUnnotified(seconds: number, limit: number, except: string[] = []): Promise<Run[]> {
    return this.rows(
      `SELECT * FROM runs WHERE end_notified_at IS NULL AND ${FINAL}
          AND ended_at < now() - make_interval(secs => $1)
          AND run_id <> ALL($3::uuid[])
        ORDER BY ended_at LIMIT $2`,
      [seconds, limit, except],
    );
  }

  // --- what features may ask about runs --------------------------------------------------

  /** Runs of these kinds that have not ended (QUEUED, STARTED or CANCELING), oldest first. */
  async unfinished(kinds: string[], limit: number): Promise<Run[]> {
    return this.rows(
      `SELECT * FROM runs WHERE kind = ANY($1::varchar[]) AND ${UNFINISHED}
        ORDER BY queued_at LIMIT $2`,
      [kinds, limit],
    );
  }

  /** Runs of these kinds that have not ended (QUEUED, STARTED or CANCELING). */
  async countUnfinished(kinds: string[]): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM runs WHERE kind = ANY($1::varchar[]) AND ${UNFINISHED}`,
      [kinds],
    );
    return row.n;
  }

  /**
   * Mean started→ended seconds of the SUCCESS runs of `kind` whose params contain `params`
   * (jsonb containment), ended in the last `lookbackDays`; null without any.
   */
  async meanRunSeconds(
    kind: string,
    params: Record<string, unknown>,
    lookbackDays: number,
  ): Promise<number | null> {
    const [row] = await sqlRows<{ mean: number | null }>(
      this.db,
      `SELECT avg(extract(epoch FROM ended_at - started_at))::float8 AS mean FROM runs
        WHERE kind = $1 AND status = 'SUCCESS' AND params @> $2::jsonb
          AND ended_at > now() - make_interval(days => $3)`,
      [kind, JSON.stringify(params), lookbackDays],
    );
    return row.mean;
  }

  // --- run monitor queries -------------------------------------------------------------

  /** Live runs whose heartbeat is older than `seconds`. */
  async staleHeartbeats(seconds: number): Promise<Run[]> {
    return this.rows(
      `SELECT * FROM runs WHERE ${LIVE} AND heartbeat_at < now() - make_interval(secs => $1) LIMIT 1000`,
      [seconds],
    );
  }

  /** STARTED runs running longer than their timeout_seconds. */
  async timedOut(): Promise<Run[]> {
    return this.rows(
      `SELECT * FROM runs WHERE status = 'STARTED' AND timeout_seconds IS NOT NULL
          AND started_at < now() - make_interval(secs => timeout_seconds) LIMIT 1000`,
    );
  }

  /** CANCELING runs whose cancel was asked for more than `seconds` ago. */
  async stuckCanceling(seconds: number): Promise<Run[]> {
    return this.rows(
      `SELECT * FROM runs WHERE status = 'CANCELING'
          AND cancel_requested_at < now() - make_interval(secs => $1) LIMIT 1000`,
      [seconds],
    );
  }

  /**
   * QUEUED runs last handed to the queue more than `seconds` ago, oldest first; marks them
   * as checked now so successive ticks walk through all of them.
   */
  async queuedForCheck(seconds: number, limit: number): Promise<Run[]> {
    return this.rows(
      `UPDATE runs SET enqueued_at = now() WHERE run_id IN (
         SELECT run_id FROM runs WHERE status = 'QUEUED' AND enqueued_at < now() - make_interval(secs => $1)
          ORDER BY enqueued_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [seconds, limit],
    );
  }

  private rows(sql: string, params: unknown[] = []): Promise<Run[]> {
    return sqlRows<Run>(this.db, sql, params);
  }

  /**
   * One state change: `set` applies where `onlyIf` holds for the attempt. `endsWhen` (on the row
   * before the change) says when the new status is final: a run of a kind nobody subscribed to
   * then has its run-ended event handled in the same statement.
   */
  private async transition(
    set: string,
    onlyIf: string,
    args: unknown[],
    level: RunEvent['level'],
    message: string,
    endsWhen: string,
  ): Promise<Run | null> {
    const msgParam = args.length + 1;
    const levelParam = args.length + 2;
    const kindsParam = args.length + 3;
    const rows = await this.rows(
      `WITH u AS (
         UPDATE runs SET ${set},
                end_notified_at = CASE WHEN (${endsWhen}) AND NOT ${SUBSCRIBED(kindsParam)}
                                       THEN now() ELSE end_notified_at END
          WHERE run_id = $1 AND attempt = $2 AND ${onlyIf} RETURNING *
       ), ev AS (
         INSERT INTO run_events (run_id, attempt, level, message)
         SELECT run_id, $2, $${levelParam}, $${msgParam} FROM u
       ) SELECT * FROM u`,
      [...args, message, level, this.subscribedKinds()],
    );
    return rows[0] ?? null;
  }
}
