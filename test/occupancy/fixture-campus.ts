import { createEmptyDatabase, dropDatabase, execSql } from '../helpers/test-db';

/** A `space` row: [space_id, space_name, parent_space_id, building_room]. */
export type SpaceRow = [number, string, number | null, string | null];

/**
 * A `user_ap_trajectory` row: [mac_address, space_id, start_time, end_time]; times are naive
 * UTC text ('2025-03-10 09:00:00', fractions allowed). sensor_id is derived from the space.
 */
export type SessionRow = [string, number, string, string];

export interface TippersFixture {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh TIPPERS database with the two tables (and the index the service relies on). */
export async function createTippersDb(
  spaces: readonly SpaceRow[],
  sessions: readonly SessionRow[],
): Promise<TippersFixture> {
  const db = await createEmptyDatabase('test_occ_tippers');
  try {
    await execSql(
      db.url,
      `CREATE TABLE space (
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
       CREATE INDEX user_ap_trajectory_space_start_idx ON user_ap_trajectory (space_id, start_time);`,
    );
    await execSql(
      db.url,
      `INSERT INTO space (space_id, space_name, parent_space_id, building_room)
       SELECT * FROM unnest($1::int[], $2::varchar[], $3::int[], $4::varchar[])`,
      [
        spaces.map((s) => s[0]),
        spaces.map((s) => s[1]),
        spaces.map((s) => s[2]),
        spaces.map((s) => s[3]),
      ],
    );
    await insertSessions(db.url, sessions);
  } catch (e) {
    await dropDatabase(db.name);
    throw e;
  }
  return { ...db, drop: () => dropDatabase(db.name) };
}

/** Appends sessions (e.g. late data arriving after a dataset was computed). */
export async function insertSessions(url: string, sessions: readonly SessionRow[]): Promise<void> {
  if (sessions.length === 0) return;
  await execSql(
    url,
    `INSERT INTO user_ap_trajectory (mac_address, sensor_id, space_id, start_time, end_time)
     SELECT mac, 'ap-' || sid, sid, st, et
     FROM unnest($1::varchar[], $2::int[], $3::timestamp[], $4::timestamp[]) AS t(mac, sid, st, et)`,
    [
      sessions.map((s) => s[0]),
      sessions.map((s) => s[1]),
      sessions.map((s) => s[2]),
      sessions.map((s) => s[3]),
    ],
  );
}

/**
 *   1 Campus
 *   ├─ 10 Building A
 *   │   ├─ 100 Floor A1 (own sessions AND children)
 *   │   │   ├─ 1001 Room A1-01   1002 Room A1-02   1003 Room A1-03 (never any session)
 *   │   └─ 110 Floor A2
 *   │       ├─ 1101 Room A2-01 (a 3-day session)   1102 Room A2-02 (before/after the range)
 *   │       └─ 1103 Room A2-03 (fractional seconds)
 *   └─ 20 Building B (own lobby sessions)
 *       ├─ 200 Floor B1 ── 2001, 2002, 2003
 *       └─ 210 Floor B2 ── 2101, 2102
 *   50 Other Campus ── 5001 Other Room (sessions in range: never counted under 1)
 *   900 Cycle X ⇄ 901 Cycle Y (parents form a cycle) ── 902 Cycle Room; 950 Self Loop
 */
export const CAMPUS_SPACES: SpaceRow[] = [
  [1, 'Campus', null, null],
  [10, 'Building A', 1, null],
  [100, 'Floor A1', 10, null],
  [1001, 'Room A1-01', 100, 'A-101'],
  [1002, 'Room A1-02', 100, 'A-102'],
  [1003, 'Room A1-03', 100, 'A-103'],
  [110, 'Floor A2', 10, null],
  [1101, 'Room A2-01', 110, 'A-201'],
  [1102, 'Room A2-02', 110, 'A-202'],
  [1103, 'Room A2-03', 110, 'A-203'],
  [20, 'Building B', 1, null],
  [200, 'Floor B1', 20, null],
  [2001, 'Room B1-01', 200, 'B-101'],
  [2002, 'Room B1-02', 200, 'B-102'],
  [2003, 'Room B1-03', 200, 'B-103'],
  [210, 'Floor B2', 20, null],
  [2101, 'Room B2-01', 210, 'B-201'],
  [2102, 'Room B2-02', 210, 'B-202'],
  [50, 'Other Campus', null, null],
  [5001, 'Other Room', 50, 'O-001'],
  [900, 'Cycle X', 901, null],
  [901, 'Cycle Y', 900, null],
  [902, 'Cycle Room', 900, 'C-001'],
  [950, 'Self Loop', 950, null],
];

export const ROOT = 1;
export const BUILDING_A = 10;
export const FLOOR_A1 = 100;
export const EMPTY_ROOM = 1003;
export const OUTSIDE_SPACES = [50, 5001, 900, 902, 950];

/** The main computed range: four whole UTC days. */
export const DAY0 = '2025-03-10';
export const RANGE = { start: '2025-03-10T00:00:00Z', end: '2025-03-14T00:00:00Z' };

const DAY_MS = 86_400_000;

/** Naive UTC text of day `d` (0 = DAY0, may be negative) at hh:mm:ss. */
export function at(d: number, hh: number, mm = 0, ss = 0): string {
  const ms = Date.parse(`${DAY0}T00:00:00Z`) + d * DAY_MS + ((hh * 60 + mm) * 60 + ss) * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const mac = (n: number) => `aa:bb:cc:00:00:${n.toString(16).padStart(2, '0')}`;
const M = mac(0x10);

/** The edge cases, written out; each line says what it exercises. */
const HAND_WRITTEN: SessionRow[] = [
  [mac(1), 100, at(0, 9), at(0, 9)], // zero-length exactly on a bin edge: in no bin
  [mac(2), 100, at(0, 12, 20), at(0, 12, 20)], // zero-length inside a bin: in that bin
  [mac(3), 100, at(0, 13), at(0, 14)], // starts and ends exactly on bin edges
  [M, 100, at(0, 9, 10), at(0, 9, 50)], // M on the floor itself ...
  [M, 1001, at(0, 9), at(0, 10, 30)], // ... and in two of its rooms at once: floor sums to 3
  [M, 1001, at(0, 10), at(0, 11)], // same mac twice in one room, overlapping: counts once
  [mac(4), 1001, at(0, 9, 15), at(0, 9, 45)],
  [M, 1002, at(0, 9, 30), at(0, 10, 15)],
  [mac(5), 1002, at(0, 23, 30), at(1, 0, 30)], // crosses midnight (a 1-day chunk edge)
  [mac(6), 1101, at(0, 18), at(3, 18)], // a 3-day session
  [mac(7), 1102, at(-1, 10), at(-1, 11)], // before the range
  [mac(8), 1102, at(-1, 23), at(0, 1)], // straddles the range start
  [mac(8), 1102, at(3, 23), at(4, 2)], // straddles the range end
  [mac(7), 1102, at(5, 10), at(5, 11)], // after the range
  [mac(9), 1103, `${at(1, 14, 30)}.5`, `${at(1, 15)}.25`], // fractional seconds
  [mac(10), 20, at(2, 8), at(2, 8, 45)], // building lobby: own sessions on a building
  [M, 5001, at(0, 9), at(0, 10)], // another campus: never under space 1
  [mac(11), 900, at(1, 9), at(1, 10)], // parent cycle
  [mac(12), 902, at(1, 9), at(1, 12)],
  [mac(13), 950, at(1, 9), at(1, 12)],
];

/** Deterministic filler sessions (minute-aligned, 0–5 h, pooled macs) for several rooms. */
function generated(): SessionRow[] {
  let state = 20250310;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const rows: SessionRow[] = [];
  for (const room of [1101, 1102, 2001, 2002, 2003, 2101, 2102]) {
    for (let i = 0; i < 60; i++) {
      const startMin = next(4 * 24 * 60);
      const lengthMin = next(4) === 0 ? 0 : next(300);
      const d = Math.floor(startMin / 1440);
      const m = startMin % 1440;
      rows.push([mac(0x40 + next(12)), room, at(d, 0, m), at(d, 0, m + lengthMin)]);
    }
  }
  return rows;
}

export const CAMPUS_SESSIONS: SessionRow[] = [...HAND_WRITTEN, ...generated()];

/** The hand-written campus above, in a fresh database. */
export function createCampusFixture(): Promise<TippersFixture> {
  return createTippersDb(CAMPUS_SPACES, CAMPUS_SESSIONS);
}
