import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { utcIsoFormatter, zeroFilledBins } from '../../libs/occupancy-core';
import { ChunkWorkRepository } from './chunk-work.repository';
import { parseInstant } from './datasets.service';
import { LostChunkObjectsError } from './lost-chunk-objects.error';
import type { ResultsQuery } from './occupancy.dto';
import { OccupancyKicks } from './occupancy-kicks';
import { ResultsRepository, SpaceState } from './results.repository';
import { ResultsStateCache } from './results-state.cache';
import { SeriesCache } from './series-cache';
import { encodeSeriesParquet } from './window-object';
import type { SeriesRows } from './window-objects.service';

/** What GET /occupancy/datasets/{id}/results answers. */
export type ResultsAnswer =
  /** Not complete (RUNNING with progress) or FAILED: a small JSON body. */
  | { kind: 'status'; body: Record<string, unknown> }
  /** COMPLETED: the rows, written as the stream yields them. */
  | {
      kind: 'rows';
      contentType: string;
      /** Download file name (CSV, Parquet); null for JSON. */
      filename: string | null;
      body: AsyncIterable<string | Buffer>;
    };

/** Rows formatted per piece of the stream. */
const PAGE = 5000;
/** Results of at most this many rows are formatted whole (and kept while complete). */
const KEEP_ROWS = 20_000;

/**
 * GET /occupancy/datasets/{id}/results: progress of a space's subtree until all its chunks are
 * COMPLETED, then the space's rows (its own chunks already hold its subtree's counts) from its
 * chunks' window objects, as JSON, CSV or Parquet. The rows are gathered first (one space, at
 * most MAX_DATASET_BINS bins, as typed arrays; kept in the SeriesCache), so a lost object is
 * still answered with progress; then the body is formatted page by page as the client reads it
 * — fill=zero included — and stops when the client goes away. Bodies of at most KEEP_ROWS rows
 * are formatted whole instead, and with the states of complete spaces kept in memory
 * (ResultsStateCache) until a chunk or dataset changes: a repeated request then costs no query
 * and no formatting.
 */
@Injectable()
export class ResultsService {
  /** Result bodies being written now (a body ends when its client has it all or went away). */
  activeStreams = 0;

  constructor(
    private readonly repo: ResultsRepository,
    private readonly chunks: ChunkWorkRepository,
    private readonly cache: SeriesCache,
    private readonly states: ResultsStateCache,
    private readonly kicks: OccupancyKicks,
  ) {}

  async answer(datasetId: number, q: ResultsQuery): Promise<ResultsAnswer> {
    const format = q.format ?? 'json';
    const bodyKey = [
      datasetId,
      q.space_id ?? '',
      format,
      q.fill ?? '',
      q.start ?? '',
      q.end ?? '',
    ].join('|');
    const kept = this.states.getBody(bodyKey);
    if (kept) {
      const { bytes, ...meta } = kept;
      return { kind: 'rows', ...meta, body: this.stream([bytes]) };
    }
    const readAt = this.states.now;

    let state = await this.state(datasetId, q.space_id);
    const { dataset: d, space_id: spaceId } = state;
    const base = { dataset_id: datasetId, space_id: spaceId };
    const iv = d.interval_seconds;
    const effStart = d.effective_start ?? 0;
    const effEnd = d.effective_end ?? 0;
    const lo = Math.max(
      effStart,
      Math.ceil((parseInstant('start', q.start) ?? effStart) / iv) * iv,
    );
    const hi = Math.min(effEnd, Math.ceil((parseInstant('end', q.end) ?? effEnd) / iv) * iv);
    let series: SeriesRows[] | null = null;
    if (isComplete(state)) {
      try {
        series = hi > lo ? await this.load(state, spaceId, lo, hi) : [];
      } catch (e) {
        if (!(e instanceof LostChunkObjectsError)) throw e;
        // an object of this space is gone: its chunks are computed again; until then, progress
        await this.chunks.resetLost(e.keys);
        this.states.invalidate();
        this.kicks.afterReset();
        state = await this.state(datasetId, spaceId);
      }
    }
    if (!series || !isComplete(state))
      return { kind: 'status', body: { ...base, ...progressOf(state, d.error) } };

    const rows = new Rows(series, lo, hi, iv, q.fill === 'zero');
    const file = `dataset_${datasetId}_space_${spaceId}`;
    const formatted = (): {
      contentType: string;
      filename: string | null;
      pieces: Iterable<string | Buffer>;
    } => {
      if (format === 'csv')
        return { contentType: 'text/csv', filename: `${file}.csv`, pieces: rows.csv() };
      if (format === 'parquet')
        return {
          contentType: 'application/vnd.apache.parquet',
          filename: `${file}.parquet`,
          pieces: rows.parquet(),
        };
      const head = { ...base, status: 'COMPLETED', interval_seconds: iv, row_count: rows.count };
      return {
        contentType: 'application/json',
        filename: null,
        pieces: rows.json(JSON.stringify({ ...head, rows: [] }).slice(0, -2)),
      };
    };
    const { pieces, ...meta } = formatted();
    if (rows.count > KEEP_ROWS) return { kind: 'rows', ...meta, body: this.stream(pieces) };
    // small: formatted at once and kept for the next request with the same query
    const bytes = Buffer.concat(
      [...pieces].map((p) => (typeof p === 'string' ? Buffer.from(p) : p)),
    );
    this.states.putBody(bodyKey, { ...meta, bytes }, readAt);
    return { kind: 'rows', ...meta, body: this.stream([bytes]) };
  }

  /**
   * The space's state in the dataset: a 404 without the dataset, a 400 outside its subtree. A
   * complete space's state is kept in memory until a chunk or dataset changes.
   */
  private async state(datasetId: number, spaceId: number | undefined): Promise<SpaceState> {
    const kept = this.states.get(datasetId, spaceId);
    if (kept) return kept;
    const readAt = this.states.now;
    const state = await this.repo.spaceState(datasetId, spaceId ?? null);
    if (!state) throw new NotFoundException(`dataset ${datasetId} not found`);
    if (!state.in_tree) {
      throw new BadRequestException(
        `space ${state.space_id} is not in the subtree of dataset ${datasetId} (root ${state.dataset.root_space_id})`,
      );
    }
    if (isComplete(state)) this.states.put(datasetId, spaceId, state, readAt);
    return state;
  }

  /** The space's rows of the windows overlapping [lo, hi), in window order. */
  private async load(state: SpaceState, spaceId: number, lo: number, hi: number) {
    const objects = state.own
      .filter((c) => c.storage_key && c.start_sec < hi && c.end_sec > lo)
      .map((c) => ({ key: c.storage_key!, legacySpaceId: spaceId, rows: c.object_rows }));
    const rows = await this.cache.rowsOf(objects, spaceId);
    return objects.map((o) => rows.get(o.key)!);
  }

  /** Counts the body while it is being written; its end (or its client's) ends the count. */
  private async *stream<T>(body: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
    this.activeStreams++;
    try {
      yield* body;
    } finally {
      this.activeStreams--;
    }
  }
}

function isComplete(s: SpaceState): boolean {
  const p = s.progress;
  return p.failed === 0 && p.completed === p.total && s.own.every((c) => c.status === 'COMPLETED');
}

function progressOf(s: SpaceState, datasetError: string | null): Record<string, unknown> {
  const p = s.progress;
  if (p.failed > 0)
    return { status: 'FAILED', error: p.first_error ?? datasetError, failed_chunks: p.failed };
  return { status: 'RUNNING', completed_chunks: p.completed, total_chunks: p.total };
}

/**
 * A space's rows in [lo, hi) from its windows' series (ascending, windows in order), sparse or
 * with every bin (`fill`), formatted lazily.
 */
class Rows {
  readonly count: number;

  constructor(
    private readonly series: SeriesRows[],
    private readonly lo: number,
    private readonly hi: number,
    private readonly iv: number,
    private readonly fill: boolean,
  ) {
    let n = 0;
    if (fill) n = Math.max(0, (hi - lo) / iv);
    else for (const _ of this.sparse()) n++;
    this.count = n;
  }

  /** [bin start, count] in time order. */
  *each(): Generator<[number, number]> {
    if (!this.fill) return yield* this.sparse();
    const rows = (function* (sparse: Iterable<[number, number]>) {
      for (const [binStartSec, count] of sparse) yield { binStartSec, count };
    })(this.sparse());
    for (const r of zeroFilledBins(rows, this.lo, this.hi, this.iv)) yield [r.binStartSec, r.count];
  }

  *json(prefix: string): Generator<string> {
    yield prefix;
    let first = true;
    const iso = utcIsoFormatter();
    for (const page of this.pages()) {
      const text = page
        .map(([t, n]) => `{"interval_begin_time":"${iso(t)}","number_connections":${n}}`)
        .join(',');
      yield first ? text : `,${text}`;
      first = false;
    }
    yield ']}';
  }

  *csv(): Generator<string> {
    yield 'interval_begin_time,number_connections\n';
    const iso = utcIsoFormatter();
    for (const page of this.pages()) yield page.map(([t, n]) => `${iso(t)},${n}\n`).join('');
  }

  *parquet(): Generator<Buffer> {
    const t = new Float64Array(this.count);
    const n = new Int32Array(this.count);
    let i = 0;
    for (const [bin, value] of this.each()) {
      t[i] = bin;
      n[i++] = value;
    }
    yield encodeSeriesParquet(t, n);
  }

  private *pages(): Generator<[number, number][]> {
    let page: [number, number][] = [];
    for (const row of this.each()) {
      page.push(row);
      if (page.length === PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }

  private *sparse(): Generator<[number, number]> {
    for (const s of this.series) {
      for (let i = 0; i < s.binStarts.length; i++) {
        const t = s.binStarts[i];
        if (t >= this.lo && t < this.hi && s.counts[i] > 0) yield [t, s.counts[i]];
      }
    }
  }
}
