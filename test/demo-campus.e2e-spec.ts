import { buildCampus, DemoCampusOptions, generateSessions } from '../libs/demo-campus';
import { ensureDemoCampus } from '../src/infra/tippers-db/demo-campus.bootstrap';
import {
  DemoCampusExistsError,
  DemoCampusWriteResult,
  SESSION_INDEX,
  writeDemoCampus,
} from '../src/infra/tippers-db/demo-campus.writer';
import { createEmptyDatabase, dropDatabase, execSql } from './helpers/test-db';

const small: DemoCampusOptions = {
  seed: 5,
  buildings: 2,
  floors: 3,
  rooms: 25,
  devices: 60,
  days: 7,
  endTime: new Date('2026-03-02T13:00:00Z'),
};

async function one<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  return (await execSql(url, sql, params))[0] as T;
}

describe('demo campus writer', () => {
  let db: { name: string; url: string };
  let result: DemoCampusWriteResult;

  beforeAll(async () => {
    db = await createEmptyDatabase('test_demo');
    result = await writeDemoCampus(db.url, small);
  });
  afterAll(async () => db && dropDatabase(db.name));

  it('creates the TIPPERS tables, the marker and the (space_id, start_time) index', async () => {
    const t = await one<Record<string, boolean>>(
      db.url,
      `SELECT to_regclass('space') IS NOT NULL AS space,
              to_regclass('user_ap_trajectory') IS NOT NULL AS sessions,
              to_regclass('demo_campus_info') IS NOT NULL AS info`,
    );
    expect(t).toEqual({ space: true, sessions: true, info: true });
    const idx = await one<{ indexdef: string }>(
      db.url,
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'user_ap_trajectory' AND indexname = $1`,
      [SESSION_INDEX],
    );
    expect(idx.indexdef).toMatch(/\(space_id, start_time\)/);
  });

  it('loads exactly the generated rows and reports their counts', async () => {
    const campus = buildCampus(small);
    let n = 0;
    let startSum = 0;
    for (const s of generateSessions(campus, small)) {
      n++;
      startSum += s.start;
    }
    const c = await one<{ spaces: number; sessions: number; start_sum: string }>(
      db.url,
      `SELECT (SELECT count(*) FROM space)::int AS spaces,
              (SELECT count(*) FROM user_ap_trajectory)::int AS sessions,
              (SELECT sum(extract(epoch FROM start_time))::bigint FROM user_ap_trajectory)::text AS start_sum`,
    );
    expect(result.spaceCount).toBe(campus.length);
    expect(result.sessionCount).toBe(n);
    expect(c).toEqual({ spaces: campus.length, sessions: n, start_sum: String(startSum) });
    const info = await one<{
      seed: number;
      options: Record<string, unknown>;
      space_count: number;
      session_count: string;
    }>(db.url, 'SELECT seed, options, space_count, session_count FROM demo_campus_info');
    expect(info).toEqual({
      seed: small.seed,
      options: expect.objectContaining({
        rooms: small.rooms,
        days: small.days,
        endTime: small.endTime.toISOString(),
      }),
      space_count: campus.length,
      session_count: String(n),
    });
  });

  it('stores naive UTC timestamps inside the generated period, never ending before starting', async () => {
    const r = await one<Record<string, unknown>>(
      db.url,
      `SELECT count(*) FILTER (WHERE end_time < start_time)::int AS backwards,
              to_char(min(start_time), 'YYYY-MM-DD HH24:MI:SS') AS first_start,
              to_char(max(end_time), 'YYYY-MM-DD HH24:MI:SS') AS last_end
         FROM user_ap_trajectory`,
    );
    expect(r.backwards).toBe(0);
    expect(String(r.first_start) >= '2026-02-23 13:00:00').toBe(true);
    expect(r.last_end).toBe('2026-03-02 13:00:00'); // always-on devices are cut at the end
  });

  it('links spaces into one tree rooted at the campus, and every session to an existing space', async () => {
    const r = await one<Record<string, number>>(
      db.url,
      `WITH RECURSIVE tree AS (
         SELECT space_id, 0 AS depth FROM space WHERE parent_space_id IS NULL
         UNION ALL
         SELECT s.space_id, t.depth + 1 FROM space s JOIN tree t ON s.parent_space_id = t.space_id
       )
       SELECT (SELECT count(*) FROM space WHERE parent_space_id IS NULL)::int AS roots,
              (SELECT count(*) FROM tree)::int AS reachable,
              (SELECT count(DISTINCT space_id) FROM tree)::int AS distinct_reachable,
              (SELECT count(*) FROM space)::int AS total,
              (SELECT max(depth) FROM tree)::int AS depth,
              (SELECT count(*) FROM user_ap_trajectory u
                 WHERE NOT EXISTS (SELECT 1 FROM space s WHERE s.space_id = u.space_id))::int AS orphans`,
    );
    expect(r).toEqual({
      roots: 1,
      reachable: r.total,
      distinct_reachable: r.total,
      total: r.total,
      depth: 3,
      orphans: 0,
    });
    const root = await one<{ space_name: string }>(
      db.url,
      'SELECT space_name FROM space WHERE parent_space_id IS NULL',
    );
    expect(root.space_name).toMatch(/campus/i);
  });

  it('refuses to overwrite an existing campus unless asked to replace it', async () => {
    await expect(writeDemoCampus(db.url, small)).rejects.toBeInstanceOf(DemoCampusExistsError);
    const before = await one<{ n: number }>(
      db.url,
      'SELECT count(*)::int AS n FROM user_ap_trajectory',
    );
    expect(before.n).toBe(result.sessionCount);

    const other = await createEmptyDatabase('test_demo_replace');
    try {
      await writeDemoCampus(other.url, small);
      const again = await writeDemoCampus(other.url, { ...small, seed: 6, replace: true });
      const r = await one<{ n: number; seed: number; markers: number }>(
        other.url,
        `SELECT (SELECT count(*) FROM user_ap_trajectory)::int AS n,
                (SELECT max(seed) FROM demo_campus_info) AS seed,
                (SELECT count(*) FROM demo_campus_info)::int AS markers`,
      );
      expect(r).toEqual({ n: again.sessionCount, seed: 6, markers: 1 });
    } finally {
      await dropDatabase(other.name);
    }
  });

  it('leaves a database with foreign tables untouched when it refuses', async () => {
    const other = await createEmptyDatabase('test_demo_foreign');
    try {
      await execSql(other.url, `CREATE TABLE space (space_id int); INSERT INTO space VALUES (99)`);
      await expect(writeDemoCampus(other.url, small)).rejects.toThrow(/space.*replace/);
      const r = await execSql(
        other.url,
        `SELECT space_id, to_regclass('user_ap_trajectory') IS NULL AS no_sessions FROM space`,
      );
      expect(r).toEqual([{ space_id: 99, no_sessions: true }]);
    } finally {
      await dropDatabase(other.name);
    }
  });
});

describe('ensureDemoCampus', () => {
  it('fills a fresh database once, even when two processes start at the same time', async () => {
    const db = await createEmptyDatabase('test_demo_ensure');
    try {
      const logs: string[] = [];
      const log = (m: string) => logs.push(m);
      await Promise.all([ensureDemoCampus(db.url, 42, log), ensureDemoCampus(db.url, 42, log)]);
      const first = await execSql(
        db.url,
        'SELECT seed, space_count, session_count, generated_at FROM demo_campus_info',
      );
      expect(first).toHaveLength(1);
      expect(logs.filter((m) => /generated/.test(m))).toHaveLength(1);
      const counts = await one<{ spaces: number; sessions: string }>(
        db.url,
        'SELECT (SELECT count(*) FROM space)::int AS spaces, (SELECT count(*) FROM user_ap_trajectory)::text AS sessions',
      );
      expect(counts.spaces).toBe((first[0] as { space_count: number }).space_count);
      expect(counts.sessions).toBe((first[0] as { session_count: string }).session_count);

      logs.length = 0;
      await ensureDemoCampus(db.url, 42, log);
      expect(logs).toEqual([]);
      expect(
        await execSql(
          db.url,
          'SELECT seed, space_count, session_count, generated_at FROM demo_campus_info',
        ),
      ).toEqual(first);
    } finally {
      await dropDatabase(db.name);
    }
  });

  it('leaves a campus written by the generator CLI/writer alone', async () => {
    const db = await createEmptyDatabase('test_demo_ensure2');
    try {
      const written = await writeDemoCampus(db.url, small);
      const logs: string[] = [];
      await ensureDemoCampus(db.url, 42, (m) => logs.push(m));
      expect(logs).toEqual([]);
      const r = await one<{ n: number; seed: number }>(
        db.url,
        'SELECT (SELECT count(*) FROM user_ap_trajectory)::int AS n, (SELECT seed FROM demo_campus_info) AS seed',
      );
      expect(r).toEqual({ n: written.sessionCount, seed: small.seed });
    } finally {
      await dropDatabase(db.name);
    }
  });
});
