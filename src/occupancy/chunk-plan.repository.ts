import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { intArrayText, sqlRows } from '../database/sql-rows';
import type { Aggregation } from '../../libs/occupancy-core';
import type { ChunkStatus, ChunkType } from './occupancy-chunk.entity';

/**
 * The chunk grid of a plan: `spaces` × the windows firstWindowSec..lastWindowSec (step
 * windowSec), at one interval and aggregation.
 */
export interface ChunkGrid {
  intervalSec: number;
  aggregation: Aggregation;
  windowSec: number;
  firstWindowSec: number;
  lastWindowSec: number;
  spaceIds: number[];
}

export interface PlannedChunkRow {
  chunk_id: string;
  space_id: number;
  start_sec: number;
  status: ChunkStatus;
  chunk_type: ChunkType;
  run_id: string | null;
  own_session_count: string | null;
  input_space_ids: number[] | null;
  session_space_ids: number[] | null;
  /** completed_at in microseconds since the epoch (null if never completed). */
  completed_us: number | null;
}

export interface NewChunk {
  spaceId: number;
  startSec: number;
  type: ChunkType;
}

/**
 * What a planned space's chunks are computed from: `inputs` (a derived sum chunk: its planned
 * children) and `sessions` (a distinct chunk: the spaces with sessions in its subtree); null
 * when not used. Sorted.
 */
export interface SpaceMembers {
  spaceId: number;
  inputs: number[] | null;
  sessions: number[] | null;
}

/** `{"<space id>": {"i": [..] | null, "s": [..] | null}}` for the jsonb parameter below. */
const membersJson = (members: SpaceMembers[]) =>
  JSON.stringify(
    Object.fromEntries(members.map((m) => [String(m.spaceId), { i: m.inputs, s: m.sessions }])),
  );
/** The sorted int list in jsonb `value` (NULL when it is no array). */
const INT_LIST = (value: string) =>
  `CASE WHEN jsonb_typeof(${value}) = 'array' THEN
     ARRAY(SELECT v::int FROM jsonb_array_elements_text(${value}) AS v ORDER BY v::int)
   END`;
/** Each space's lists from such a jsonb parameter, once per space: (space_id, inputs, sessions). */
const MEMBERS_OF = (param: string) =>
  `SELECT (e.key)::int AS space_id, ${INT_LIST("e.value -> 'i'")} AS inputs,
          ${INT_LIST("e.value -> 's'")} AS sessions
     FROM jsonb_each(${param}) AS e`;

const ROW_COLUMNS = `chunk_id::text, space_id, extract(epoch FROM chunk_start)::float8 AS start_sec, status,
  chunk_type, run_id, own_session_count::text, input_space_ids, session_space_ids,
  (extract(epoch FROM completed_at) * 1000000)::float8 AS completed_us`;

/** Rows of the grid: its spaces, interval, aggregation, window size and window range. */
const IN_GRID = (
  alias: string,
) => `${alias}.space_id = ANY($1::int[]) AND ${alias}.interval_seconds = $2 AND ${alias}.aggregation = $6
  AND ${alias}.chunk_start >= to_timestamp($3) AND ${alias}.chunk_start <= to_timestamp($4)
  AND ${alias}.chunk_end = ${alias}.chunk_start + make_interval(secs => $5)`;
const gridArgs = (g: ChunkGrid) => [
  g.spaceIds,
  g.intervalSec,
  g.firstWindowSec,
  g.lastWindowSec,
  g.windowSec,
  g.aggregation,
];

/** The SQL of planning a dataset: all of it runs inside the POST's transaction. */
@Injectable()
export class ChunkPlanRepository {
  /** The chunks of the grid that exist already. */
  async findGrid(m: EntityManager, grid: ChunkGrid): Promise<PlannedChunkRow[]> {
    return sqlRows<PlannedChunkRow>(
      m,
      `SELECT ${ROW_COLUMNS} FROM occupancy_chunks c WHERE ${IN_GRID('c')}`,
      gridArgs(grid),
    );
  }

  /**
   * Inserts chunks (with their inputs or session spaces) in one statement and returns how many
   * this call created: they are all PENDING without a run, which is all the planner needs to
   * know of them. A chunk a concurrent POST created first is skipped by the unique key (ON
   * CONFLICT DO NOTHING): the caller reads the grid again when fewer were created than asked.
   */
  async insertChunks(
    m: EntityManager,
    grid: ChunkGrid,
    chunks: NewChunk[],
    members: SpaceMembers[],
  ): Promise<number> {
    if (!chunks.length) return 0;
    return this.insertFrom(
      m,
      grid,
      members,
      'SELECT * FROM unnest($5::int[], $6::float8[], $7::varchar[])',
      [chunks.map((c) => c.spaceId), chunks.map((c) => c.startSec), chunks.map((c) => c.type)],
    );
  }

  /**
   * Inserts every chunk of the grid (`types`: each planned space's chunk type), spaces ×
   * windows built in SQL: a dataset none of whose chunks exist yet sends a space list instead
   * of one array element per chunk. Same conflict rule and count as insertChunks.
   */
  async insertGrid(
    m: EntityManager,
    grid: ChunkGrid,
    types: ReadonlyMap<number, ChunkType>,
    members: SpaceMembers[],
  ): Promise<number> {
    if (!types.size) return 0;
    const spaces = [...types.keys()].sort((a, b) => a - b);
    return this.insertFrom(
      m,
      grid,
      members,
      `SELECT g.id, w::float8, g.t FROM unnest($5::int[], $6::varchar[]) AS g(id, t)
        CROSS JOIN generate_series($7::bigint, $8::bigint, $2::bigint) AS w`,
      [spaces, spaces.map((id) => types.get(id)!), grid.firstWindowSec, grid.lastWindowSec],
    );
  }

  /**
   * The INSERT both take: `source` yields (space id, window start in epoch seconds, chunk
   * type) from parameters $5 on (`sourceArgs`); $1-$4 are the grid's interval, window size,
   * aggregation and the members. Rows go in in key order, so that concurrent POSTs wait on each
   * other instead of deadlocking.
   */
  private async insertFrom(
    m: EntityManager,
    grid: ChunkGrid,
    members: SpaceMembers[],
    source: string,
    sourceArgs: unknown[],
  ): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(
      m,
      `WITH m AS (${MEMBERS_OF('$4::jsonb')}), created AS (
         INSERT INTO occupancy_chunks (space_id, interval_seconds, aggregation, chunk_start, chunk_end,
                                       chunk_type, input_space_ids, session_space_ids)
         SELECT x.id, $1, $3, to_timestamp(x.s), to_timestamp(x.s + $2), x.t, m.inputs, m.sessions
           FROM (${source}) AS x(id, s, t)
           LEFT JOIN m ON m.space_id = x.id
          ORDER BY x.id, x.s
         ON CONFLICT ON CONSTRAINT "UQ_occupancy_chunks_key" DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM created`,
      [grid.intervalSec, grid.windowSec, grid.aggregation, membersJson(members), ...sourceArgs],
    );
    return row.n;
  }

  /** Records new inputs and session spaces on chunks (the planner found them changed). */
  async setMembers(
    m: EntityManager,
    changes: { chunkId: string; inputs: number[] | null; sessions: number[] | null }[],
  ): Promise<void> {
    if (!changes.length) return;
    await m.query(
      `UPDATE occupancy_chunks c SET input_space_ids = x.inputs::int[], session_space_ids = x.sessions::int[]
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(chunk_id, inputs, sessions)
        WHERE c.chunk_id = x.chunk_id`,
      [
        changes.map((c) => c.chunkId),
        changes.map((c) => intArrayText(c.inputs)),
        changes.map((c) => intArrayText(c.sessions)),
      ],
    );
  }

  /** Sets the planned type of chunks whose type changed. */
  async retype(m: EntityManager, ids: string[], type: ChunkType): Promise<void> {
    if (!ids.length) return;
    await m.query(
      `UPDATE occupancy_chunks SET chunk_type = $2 WHERE chunk_id = ANY($1::bigint[])`,
      [ids, type],
    );
  }

  /**
   * Puts chunks back to PENDING so the sensors compute them again; returns those it changed.
   * Chunks a run is working on (submitted or RUNNING) are left alone: their result is on its way.
   */
  async resetToPending(m: EntityManager, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await sqlRows<{ chunk_id: string }>(
      m,
      `UPDATE occupancy_chunks SET status = 'PENDING', run_id = NULL, error = NULL, submitted_at = NULL
        WHERE chunk_id = ANY($1::bigint[]) AND status IN ('COMPLETED', 'FAILED')
        RETURNING chunk_id::text`,
      [ids],
    );
    return rows.map((r) => r.chunk_id);
  }

  async saveSpaces(
    m: EntityManager,
    datasetId: number,
    spaces: { spaceId: number; parentSpaceId: number | null; depth: number; planned: boolean }[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO occupancy_dataset_spaces (dataset_id, space_id, parent_space_id, depth, planned)
       SELECT $1, x.id, x.parent, x.depth, x.planned
         FROM unnest($2::int[], $3::int[], $4::int[], $5::boolean[]) AS x(id, parent, depth, planned)
       ON CONFLICT DO NOTHING`,
      [
        datasetId,
        spaces.map((s) => s.spaceId),
        spaces.map((s) => s.parentSpaceId),
        spaces.map((s) => s.depth),
        spaces.map((s) => s.planned),
      ],
    );
  }
}
