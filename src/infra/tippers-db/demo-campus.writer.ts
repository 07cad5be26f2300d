import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  assertValid,
  buildCampus,
  CampusSpace,
  DemoCampusOptions,
  demoOptionErrors,
  generateSessions,
  Session,
  UtcTextFormatter,
} from '../../../libs/demo-campus';

/**
 * Writes a generated demo campus into a TIPPERS database: `space`, `user_ap_trajectory` (loaded
 * with streaming COPY, index built after the load) and the `demo_campus_info` marker, all in one
 * transaction so that a crash leaves nothing half-written.
 */

export interface WriteDemoCampusOptions extends DemoCampusOptions {
  /** Drop existing `space` / `user_ap_trajectory` / `demo_campus_info` tables first. */
  replace?: boolean;
}

export interface DemoCampusWriteResult {
  spaceCount: number;
  sessionCount: number;
  seconds: number;
}

/** The database already holds TIPPERS tables and `replace` was not asked for. */
export class DemoCampusExistsError extends Error {
  override readonly name = 'DemoCampusExistsError';
}

export const DEMO_CAMPUS_TABLES = ['space', 'user_ap_trajectory', 'demo_campus_info'] as const;
export const SESSION_INDEX = 'user_ap_trajectory_space_id_start_time_idx';

/** Text chunks handed to COPY: big enough to amortise writes, small enough to stay bounded. */
const CHUNK_CHARS = 256 * 1024;

/** COPY text-format field: `\N` for null, backslash escapes for the few special characters. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

function* spaceChunks(spaces: readonly CampusSpace[]): Generator<string> {
  let buf = '';
  for (const s of spaces) {
    buf += `${s.spaceId}\t${copyField(s.name)}\t${copyField(s.parentSpaceId)}\t${copyField(s.buildingRoom)}\n`;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** MACs and sensor ids are generated from [0-9a-zA-Z:-] only, so they need no escaping. */
function* sessionChunks(sessions: Iterable<Session>, counter: { n: number }): Generator<string> {
  const ts = new UtcTextFormatter();
  let buf = '';
  let n = 0;
  for (const s of sessions) {
    buf += `${s.mac}\t${s.sensorId}\t${s.spaceId}\t${ts.format(s.start)}\t${ts.format(s.end)}\n`;
    n++;
    if (buf.length >= CHUNK_CHARS) {
      counter.n = n;
      yield buf;
      buf = '';
    }
  }
  counter.n = n;
  if (buf) yield buf;
}

/** Streams `chunks` into `COPY ... FROM STDIN`; `pipeline` waits for drain (backpressure). */
async function copyIn(client: ClientBase, sql: string, chunks: Iterable<string>): Promise<number> {
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(chunks), stream);
  return stream.rowCount;
}

async function existingTables(client: ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT t.name FROM unnest($1::text[]) AS t(name) WHERE to_regclass('public.' || t.name) IS NOT NULL`,
    [DEMO_CAMPUS_TABLES],
  );
  return rows.map((r) => r.name);
}

async function fill(
  client: ClientBase,
  opts: WriteDemoCampusOptions,
): Promise<{ spaceCount: number; sessionCount: number }> {
  const existing = await existingTables(client);
  if (existing.length && !opts.replace) {
    throw new DemoCampusExistsError(
      `the database already has ${existing.join(', ')}: refusing to overwrite it; pass replace (--replace) to drop and regenerate`,
    );
  }
  // only the demo's own tables are dropped, and only on request
  if (existing.length) await client.query(`DROP TABLE IF EXISTS ${DEMO_CAMPUS_TABLES.join(', ')}`);
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  await client.query(`
    CREATE TABLE space (
      space_id int PRIMARY KEY,
      space_name varchar NOT NULL,
      parent_space_id int NULL,
      building_room varchar NULL
    );
    CREATE TABLE user_ap_trajectory (
      mac_address varchar NOT NULL,
      sensor_id varchar NOT NULL,
      space_id int NOT NULL,
      start_time timestamp NOT NULL,
      end_time timestamp NOT NULL
    );
    CREATE TABLE demo_campus_info (
      seed int NOT NULL,
      options jsonb NOT NULL,
      space_count int NOT NULL,
      session_count bigint NOT NULL,
      generated_at timestamptz NOT NULL DEFAULT now()
    );`);

  const campus = buildCampus(opts);
  // FREEZE is allowed because the tables were created in this transaction
  const spaceCount = await copyIn(
    client,
    'COPY space (space_id, space_name, parent_space_id, building_room) FROM STDIN WITH (FREEZE)',
    spaceChunks(campus),
  );
  const counter = { n: 0 };
  const sessionCount = await copyIn(
    client,
    'COPY user_ap_trajectory (mac_address, sensor_id, space_id, start_time, end_time) FROM STDIN WITH (FREEZE)',
    sessionChunks(generateSessions(campus, opts), counter),
  );
  if (spaceCount !== campus.length || sessionCount !== counter.n) {
    throw new Error(
      `COPY row counts do not match: ${spaceCount}/${campus.length} spaces, ${sessionCount}/${counter.n} sessions`,
    );
  }
  await client.query(`CREATE INDEX ${SESSION_INDEX} ON user_ap_trajectory (space_id, start_time)`);
  const { seed, buildings, floors, rooms, devices, days, endTime } = opts;
  await client.query(
    `INSERT INTO demo_campus_info (seed, options, space_count, session_count) VALUES ($1, $2, $3, $4)`,
    [
      seed,
      JSON.stringify({ buildings, floors, rooms, devices, days, endTime: endTime.toISOString() }),
      spaceCount,
      sessionCount,
    ],
  );
  await client.query('ANALYZE space; ANALYZE user_ap_trajectory');
  return { spaceCount, sessionCount };
}

/**
 * Generates the campus of `opts` into the database of `target` (a connected client, or a URL
 * to connect to) in one transaction. Throws DemoCampusExistsError if any of the tables exists
 * and `replace` is not set. `seconds` covers generation, load, indexing and commit.
 */
export async function writeDemoCampus(
  target: ClientBase | string,
  opts: WriteDemoCampusOptions,
): Promise<DemoCampusWriteResult> {
  assertValid(demoOptionErrors(opts));
  const client = typeof target === 'string' ? new Client({ connectionString: target }) : target;
  if (typeof target === 'string') await (client as Client).connect();
  try {
    const started = process.hrtime.bigint();
    await client.query('BEGIN');
    try {
      const counts = await fill(client, opts);
      await client.query('COMMIT');
      return { ...counts, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    if (typeof target === 'string') await (client as Client).end();
  }
}
