import { Injectable } from '@nestjs/common';
import type { SubtreeSpace } from '../../libs/occupancy-core';
import { TippersDb } from '../infra/tippers-db/tippers-db.service';
import { SpacesRepository } from '../spaces/spaces.repository';

const ts = (sec: number) => `to_timestamp(${Number(sec)}) AT TIME ZONE 'UTC'`;
const idList = (ids: number[]) => `'{${ids.map((i) => Math.trunc(Number(i))).join(',')}}'::int[]`;

/**
 * Every read occupancy makes from the TIPPERS database (read-only). Session timestamps are
 * naive UTC; this class converts at the boundary and speaks epoch seconds.
 */
@Injectable()
export class SessionSource {
  constructor(
    private readonly tippers: TippersDb,
    private readonly spaces: SpacesRepository,
  ) {}

  /** The root and all its descendants with depth (cycle-safe), or [] if the root is unknown. */
  async subtree(rootId: number): Promise<SubtreeSpace[]> {
    const rows = await this.spaces.subtree(rootId);
    return rows.map((r) => ({
      spaceId: r.space_id,
      parentSpaceId: r.parent_space_id,
      depth: r.depth,
    }));
  }

  /** Spaces among `ids` that have ever had a session (one index probe each). */
  async spacesWithSessions(ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.tippers.query<{ id: number }>(
      `SELECT id FROM unnest($1::int[]) AS id
        WHERE EXISTS (SELECT 1 FROM user_ap_trajectory u WHERE u.space_id = id)`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** First session start and last session end among `ids`, in epoch seconds. */
  async bounds(ids: number[]): Promise<{ start: number | null; end: number | null }> {
    const [row] = await this.tippers.query<{ start: number | null; end: number | null }>(
      `SELECT extract(epoch FROM min(start_time))::float8 AS start,
              extract(epoch FROM max(end_time))::float8 AS "end"
         FROM user_ap_trajectory WHERE space_id = ANY($1::int[])`,
      [ids],
    );
    return { start: row?.start ?? null, end: row?.end ?? null };
  }

  /** Longest session among `ids` in seconds: how far back a window must look for sessions. */
  async longestSessionSeconds(ids: number[]): Promise<number> {
    const [row] = await this.tippers.query<{ s: number | null }>(
      `SELECT extract(epoch FROM max(end_time - start_time))::float8 AS s
         FROM user_ap_trajectory WHERE space_id = ANY($1::int[])`,
      [ids],
    );
    return Math.max(0, Math.ceil(row?.s ?? 0));
  }

  /** Whether any session of `ids` overlaps [start, end). */
  async anySessionIn(
    ids: number[],
    startSec: number,
    endSec: number,
    lookbackSec: number,
  ): Promise<boolean> {
    const rows = await this.tippers.query(
      `SELECT 1 FROM user_ap_trajectory
        WHERE space_id = ANY($1::int[]) AND start_time < ${ts(endSec)}
          AND start_time >= ${ts(startSec - lookbackSec)} AND end_time > ${ts(startSec)} LIMIT 1`,
      [ids],
    );
    return rows.length > 0;
  }

  /**
   * Per (space, window index), the number of own sessions starting in the window. The range is
   * split at a window boundary into two queries that run at once: one query does not use a
   * second core (no parallel plan for this index-only scan), and a POST waits on this.
   */
  async sessionStartsPerWindow(
    ids: number[],
    fromSec: number,
    toSec: number,
    windowSec: number,
  ): Promise<Map<string, number>> {
    const windows = Math.round((toSec - fromSec) / windowSec);
    const mid = fromSec + Math.floor(windows / 2) * windowSec;
    const parts =
      windows >= 2
        ? [
            [fromSec, mid],
            [mid, toSec],
          ]
        : [[fromSec, toSec]];
    const results = await Promise.all(
      parts.map(([lo, hi]) => this.startsPerWindow(ids, lo, hi, windowSec)),
    );
    return new Map(results.flat().map((r) => [`${r.space_id}:${r.w}`, Number(r.n)]));
  }

  private startsPerWindow(ids: number[], fromSec: number, toSec: number, windowSec: number) {
    // date_bin keeps the grouping on the indexed columns (an index-only scan), ~2× faster
    // than grouping on extract(epoch ...)
    return this.tippers.query<{ space_id: number; w: string; n: string }>(
      `SELECT space_id, (extract(epoch FROM b) / $2)::bigint AS w, n
         FROM (SELECT space_id, date_bin(make_interval(secs => $2), start_time, timestamp '1970-01-01') AS b,
                      count(*) AS n
                 FROM user_ap_trajectory
                WHERE space_id = ANY($1::int[]) AND start_time >= ${ts(fromSec)} AND start_time < ${ts(toSec)}
                GROUP BY 1, 2) x`,
      [ids, windowSec],
    );
  }

  /**
   * Writes the sessions of `ids` that can touch [wStart, wEnd) to a CSV file. `end_time >=`
   * (not `>`) keeps zero-length sessions at wStart, so the per-window session counts taken
   * here equal sessionStartsPerWindow's (late-data fingerprints); they overlap no bin.
   * Columns: space_id, mac_address, start and end in epoch seconds. Streamed; `signal` cancels
   * the query.
   */
  async sessionsToCsv(
    ids: number[],
    wStart: number,
    wEnd: number,
    lookbackSec: number,
    file: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.tippers.copyToFile(
      `COPY (SELECT space_id, mac_address,
                    extract(epoch FROM start_time)::float8, extract(epoch FROM end_time)::float8
               FROM user_ap_trajectory
              WHERE space_id = ANY(${idList(ids)})
                AND start_time < ${ts(wEnd)} AND start_time >= ${ts(wStart - lookbackSec)}
                AND end_time >= ${ts(wStart)}) TO STDOUT (FORMAT csv)`,
      file,
      signal,
    );
  }
}
