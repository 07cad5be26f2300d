import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  chunkWindows,
  effectiveRange,
  planSpaces,
  sameIdList,
  epochSecondsToDate,
  staleDerivedChunks,
  validateDatasetRequest,
  type Aggregation,
  type PlannedSpace,
  type SecondsRange,
} from '../../libs/occupancy-core';
import {
  ChunkGrid,
  ChunkPlanRepository,
  NewChunk,
  PlannedChunkRow,
  SpaceMembers,
} from './chunk-plan.repository';
import type { ChunkType } from './occupancy-chunk.entity';
import { OccupancyDatasetEntity } from './occupancy-dataset.entity';
import { SessionSource } from './session-source';

export interface PlanRequest {
  name: string;
  description?: string | null;
  rootSpaceId: number;
  startSec?: number;
  endSec?: number;
  intervalSec: number;
  chunkDays: number;
  aggregation: Aggregation;
  forceOverwrite: boolean;
}

/** A planned space's chunk type and members under an aggregation. */
function chunkPlanOf(
  p: PlannedSpace,
  aggregation: Aggregation,
): SpaceMembers & { type: ChunkType } {
  // distinct: every level counts its subtree's sessions itself (no inputs, DESIGN §6)
  if (aggregation === 'distinct')
    return { spaceId: p.spaceId, type: 'source', inputs: null, sessions: p.dataSpaceIds };
  return {
    spaceId: p.spaceId,
    type: p.type,
    inputs: p.type === 'derived' ? p.childIds : null,
    sessions: null,
  };
}

/**
 * POST /occupancy/datasets: reads the subtree and which spaces have data from the tippers
 * database, then plans every chunk in one transaction with bulk SQL. Computing is left to
 * the sensors and runs; this returns in well under a second (MAX_PLANNED_CHUNKS bounds it).
 */
@Injectable()
export class DatasetPlanner {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly source: SessionSource,
    private readonly plans: ChunkPlanRepository,
  ) {}

  async plan(req: PlanRequest): Promise<OccupancyDatasetEntity> {
    const subtree = await this.source.subtree(req.rootSpaceId);
    if (!subtree.length) throw new NotFoundException(`space ${req.rootSpaceId} not found`);
    const dataSpaces = await this.source.spacesWithSessions(subtree.map((s) => s.spaceId));
    const planned = planSpaces(subtree, dataSpaces);

    let { startSec, endSec } = req;
    if ((startSec === undefined || endSec === undefined) && dataSpaces.length) {
      const b = await this.source.bounds(dataSpaces);
      startSec ??= b.start ?? undefined;
      endSec ??= b.end ?? undefined;
    }
    const haveRange = startSec !== undefined && endSec !== undefined;
    const problems = validateDatasetRequest({
      startSec: haveRange ? startSec! : 0,
      endSec: haveRange ? endSec! : 1,
      intervalSec: req.intervalSec,
      chunkDays: req.chunkDays,
      spaceCount: Math.max(planned.length, 1),
    });
    if (problems.length) throw new BadRequestException(problems.join('; '));

    const eff = haveRange ? effectiveRange(startSec!, endSec!, req.intervalSec) : null;
    const windowSec = req.chunkDays * 86_400;
    let windows =
      eff && planned.length ? chunkWindows(eff.startSec, eff.endSec, req.chunkDays) : [];
    if (
      windows.length &&
      !(await this.source.anySessionIn(dataSpaces, eff!.startSec, eff!.endSec, 0))
    ) {
      // no session starts in range: only a long one from before it could reach into it
      const lookback = await this.source.longestSessionSeconds(dataSpaces);
      if (!(await this.source.anySessionIn(dataSpaces, eff!.startSec, eff!.endSec, lookback)))
        windows = [];
    }

    return this.db.transaction(async (m) => {
      const repo = m.getRepository(OccupancyDatasetEntity);
      const values = {
        name: req.name,
        description: req.description ?? null,
        rootSpaceId: req.rootSpaceId,
        startTime: startSec !== undefined ? epochSecondsToDate(startSec) : null,
        endTime: endSec !== undefined ? epochSecondsToDate(endSec) : null,
        effectiveStart: eff ? epochSecondsToDate(eff.startSec) : null,
        effectiveEnd: eff ? epochSecondsToDate(eff.endSec) : null,
        intervalSeconds: req.intervalSec,
        chunkDays: req.chunkDays,
        aggregation: req.aggregation,
        status: 'PENDING' as const,
        totalChunks: 0,
        completedChunks: 0,
        failedChunks: 0,
        error: null,
        completedAt: null,
      };
      // plain INSERT/UPDATE: save() would add a SELECT per call
      const inserted = await repo.insert(values);
      const dataset = {
        ...values,
        ...(inserted.generatedMaps[0] as { datasetId: number; createdAt: Date }),
      };
      const plannedIds = new Set(windows.length ? planned.map((p) => p.spaceId) : []);
      await this.plans.saveSpaces(
        m,
        dataset.datasetId,
        subtree.map((s) => ({ ...s, planned: plannedIds.has(s.spaceId) })),
      );
      const finish = async (
        totalChunks: number,
        completed: number,
      ): Promise<OccupancyDatasetEntity> => {
        const done = completed === totalChunks;
        const changes = {
          totalChunks,
          completedChunks: completed,
          failedChunks: 0, // planning re-plans every FAILED chunk
          status: done ? ('COMPLETED' as const) : ('PENDING' as const),
          completedAt: done ? new Date() : null,
        };
        await repo.update({ datasetId: dataset.datasetId }, changes);
        return Object.assign(new OccupancyDatasetEntity(), dataset, changes);
      };
      if (!windows.length) return finish(0, 0);

      const grid: ChunkGrid = {
        intervalSec: req.intervalSec,
        aggregation: req.aggregation,
        windowSec,
        firstWindowSec: windows[0].startSec,
        lastWindowSec: windows[windows.length - 1].startSec,
        spaceIds: planned.map((p) => p.spaceId),
      };
      const plans = new Map(planned.map((p) => [p.spaceId, chunkPlanOf(p, req.aggregation)]));
      const members = [...plans.values()];
      const { rows, created } = await this.chunkRows(m, grid, plans, windows, members);

      // late-data fingerprints: the sessions starting in the window of the spaces whose sessions
      // a chunk counts (its own for sum; its subtree's for distinct), read only when there are
      // COMPLETED chunks counting sessions to check
      const byId = new Map(planned.map((p) => [p.spaceId, p]));
      const sessionSpaces = (spaceId: number): number[] => {
        const p = plans.get(spaceId)!;
        if (p.sessions) return p.sessions;
        return byId.get(spaceId)!.hasOwnData ? [spaceId] : [];
      };
      const toCheck = rows.filter(
        (r) => r.status === 'COMPLETED' && sessionSpaces(r.space_id).length > 0,
      );
      const starts = toCheck.length
        ? await this.source.sessionStartsPerWindow(
            [...new Set(toCheck.flatMap((r) => sessionSpaces(r.space_id)))],
            Math.min(...toCheck.map((r) => r.start_sec)),
            Math.max(...toCheck.map((r) => r.start_sec)) + windowSec,
            windowSec,
          )
        : new Map<string, number>();

      const retypeSource: string[] = [];
      const retypeDerived: string[] = [];
      const reset: string[] = [];
      for (const r of rows) {
        const p = plans.get(r.space_id)!;
        if (r.chunk_type !== p.type) {
          (p.type === 'source' ? retypeSource : retypeDerived).push(r.chunk_id);
          reset.push(r.chunk_id);
        } else if (r.status === 'FAILED' || req.forceOverwrite) {
          reset.push(r.chunk_id);
        } else if (r.status === 'COMPLETED' && sessionSpaces(r.space_id).length > 0) {
          // late data: the sessions starting in the window changed since it was computed
          const w = Math.round(r.start_sec / windowSec);
          let now = 0;
          for (const s of sessionSpaces(r.space_id)) now += starts.get(`${s}:${w}`) ?? 0;
          if (r.own_session_count !== null && Number(r.own_session_count) !== now)
            reset.push(r.chunk_id);
        }
      }
      await this.plans.retype(m, retypeSource, 'source');
      await this.plans.retype(m, retypeDerived, 'derived');
      // a chunk whose inputs or session spaces changed (a child gained data, a space moved) is
      // recomputed
      const changed = rows
        .filter((r) => {
          const p = plans.get(r.space_id)!;
          return (
            !sameIdList(r.input_space_ids, p.inputs) || !sameIdList(r.session_space_ids, p.sessions)
          );
        })
        .map((r) => ({ chunkId: r.chunk_id, ...plans.get(r.space_id)! }));
      await this.plans.setMembers(m, changed);
      reset.push(...changed.map((c) => c.chunkId));
      const wasReset = new Set(await this.plans.resetToPending(m, reset));
      // a derived chunk whose input is not COMPLETED (any more), or was completed after it, is
      // recomputed too — level by level up to the root
      const stale = staleDerivedChunks(
        rows.map((r) => ({
          id: r.chunk_id,
          spaceId: r.space_id,
          windowStartSec: r.start_sec,
          derived: plans.get(r.space_id)!.type === 'derived',
          status: r.status,
          completedUs: r.completed_us,
          inputSpaceIds: plans.get(r.space_id)!.inputs,
        })),
        wasReset,
      );
      for (const id of await this.plans.resetToPending(m, [...stale])) wasReset.add(id);
      const completed = rows.filter(
        (r) => r.status === 'COMPLETED' && !wasReset.has(r.chunk_id),
      ).length;
      return finish(rows.length + created, completed);
    });
  }

  /**
   * The chunks of the grid that existed (`rows`), after creating the missing ones (`created`:
   * PENDING, nothing to check). When a concurrent POST created some first (fewer were created
   * than missing), the grid is read again and all of it counts as existing.
   */
  private async chunkRows(
    m: EntityManager,
    grid: ChunkGrid,
    plans: ReadonlyMap<number, SpaceMembers & { type: ChunkType }>,
    windows: SecondsRange[],
    members: SpaceMembers[],
  ): Promise<{ rows: PlannedChunkRow[]; created: number }> {
    const rows = await this.plans.findGrid(m, grid);
    if (!rows.length) {
      const types = new Map([...plans.values()].map((p) => [p.spaceId, p.type]));
      const created = await this.plans.insertGrid(m, grid, types, members);
      if (created === plans.size * windows.length) return { rows, created };
      return { rows: await this.plans.findGrid(m, grid), created: 0 };
    }
    const have = new Set(rows.map((r) => `${r.space_id}:${r.start_sec}`));
    const missing: NewChunk[] = [];
    for (const p of plans.values())
      for (const w of windows)
        if (!have.has(`${p.spaceId}:${w.startSec}`))
          missing.push({ spaceId: p.spaceId, startSec: w.startSec, type: p.type });
    const created = await this.plans.insertChunks(m, grid, missing, members);
    if (created === missing.length) return { rows, created };
    return { rows: await this.plans.findGrid(m, grid), created: 0 };
  }
}
