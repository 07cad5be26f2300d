import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { encodeCursor } from '../../libs/page-cursor';
import { parseIsoToUtcSeconds } from '../../libs/occupancy-core';
import { cursorPosition, Page, pageLimit, pageOf } from '../common/paging';
import { RunsService } from '../runs/runs.service';
import { CHUNK_RUN_KINDS, MAX_UNFINISHED_CHUNK_RUNS, runWindowKeys } from './chunk-run.params';
import { DatasetPlanner } from './dataset-planner.service';
import { DatasetsRepository } from './datasets.repository';
import { OccupancyDatasetEntity } from './occupancy-dataset.entity';
import {
  CreateDatasetDto,
  DatasetResponse,
  ListDatasetsQuery,
  toDatasetResponse,
} from './occupancy.dto';
import { OccupancyKicks } from './occupancy-kicks';

/** Parses an optional ISO-8601 field to epoch seconds (UTC), or a 400 naming it. */
export function parseInstant(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const sec = parseIsoToUtcSeconds(value);
  if (sec === null) {
    throw new BadRequestException(
      `${field} must be an ISO-8601 timestamp such as 2025-01-01T00:00:00Z, got "${value}"`,
    );
  }
  return sec;
}

const DATASET_CURSOR = ['int'] as const;

@Injectable()
export class DatasetsService {
  constructor(
    private readonly repo: DatasetsRepository,
    private readonly planner: DatasetPlanner,
    private readonly runs: RunsService,
    private readonly kicks: OccupancyKicks,
  ) {}

  async create(dto: CreateDatasetDto): Promise<DatasetResponse> {
    const dataset = await this.planner.plan({
      name: dto.name,
      description: dto.description,
      rootSpaceId: dto.root_space_id,
      startSec: parseInstant('start_time', dto.start_time),
      endSec: parseInstant('end_time', dto.end_time),
      intervalSec: dto.interval_seconds ?? 3600,
      chunkDays: dto.chunk_days ?? 30,
      aggregation: dto.aggregation ?? 'sum',
      forceOverwrite: dto.force_overwrite ?? false,
    });
    if (dataset.status !== 'COMPLETED') this.kicks.afterPlan();
    return toDatasetResponse(dataset);
  }

  async get(id: number): Promise<DatasetResponse> {
    return toDatasetResponse(await this.find(id));
  }

  /** Newest first, a page at a time (the list convention). */
  async list(q: ListDatasetsQuery): Promise<Page<DatasetResponse>> {
    const limit = pageLimit(q.limit);
    const before = cursorPosition(q.cursor, DATASET_CURSOR)?.[0];
    const rows = await this.repo.list({
      rootSpaceId: q.space_id,
      status: q.status,
      before,
      limit: limit + 1,
    });
    return pageOf(rows, limit, toDatasetResponse, (d) => encodeCursor([d.datasetId]));
  }

  /**
   * Deletes the dataset record and cancels the work no other dataset needs: its PENDING chunks,
   * and the queued runs whose windows are all left without pending chunks. COMPLETED chunks stay
   * for reuse.
   */
  async remove(id: number): Promise<void> {
    const { found, emptied } = await this.repo.deleteWithPendingWork(id);
    if (!found) throw new NotFoundException(`dataset ${id} not found`);
    if (!emptied.size) return;
    const queued = (
      await this.runs.listUnfinished(CHUNK_RUN_KINDS, MAX_UNFINISHED_CHUNK_RUNS)
    ).filter((r) => r.status === 'QUEUED' && runWindowKeys(r.params).every((k) => emptied.has(k)));
    for (const r of queued) await this.runs.cancel(r.run_id).catch(() => undefined);
  }

  /** Puts the dataset's FAILED chunks back to PENDING and starts them again. */
  async retry(id: number): Promise<{ reset: number }> {
    await this.find(id);
    const reset = await this.repo.resetFailed(id);
    if (reset) this.kicks.afterPlan();
    return { reset };
  }

  async find(id: number): Promise<OccupancyDatasetEntity> {
    const d = await this.repo.find(id);
    if (!d) throw new NotFoundException(`dataset ${id} not found`);
    return d;
  }
}
