import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseIsoToUtcSeconds } from '../../libs/occupancy-core';
import { sqlRows } from '../database/sql-rows';
import { DatasetPlanner } from './dataset-planner.service';
import { DATASET_CHUNKS_FROM } from './dataset-chunks.sql';
import { OccupancyDatasetEntity } from './occupancy-dataset.entity';
import {
  CreateDatasetDto,
  DatasetResponse,
  ListDatasetsQuery,
  toDatasetResponse,
} from './occupancy.dto';
import { OccupancySensors } from './occupancy.sensors';

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

@Injectable()
export class DatasetsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly planner: DatasetPlanner,
    private readonly sensors: OccupancySensors,
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
      forceOverwrite: dto.force_overwrite ?? false,
    });
    if (dataset.status !== 'COMPLETED') this.sensors.kickSource();
    return toDatasetResponse(dataset);
  }

  async get(id: number): Promise<DatasetResponse> {
    return toDatasetResponse(await this.find(id));
  }

  async list(q: ListDatasetsQuery): Promise<DatasetResponse[]> {
    const where: Record<string, unknown> = {};
    if (q.space_id !== undefined) where.rootSpaceId = q.space_id;
    if (q.status !== undefined) where.status = q.status;
    const datasets = await this.db
      .getRepository(OccupancyDatasetEntity)
      .find({ where, order: { datasetId: 'DESC' }, take: 1000 });
    return datasets.map((d) => toDatasetResponse(d));
  }

  /** Deletes the dataset record only: its chunks stay for reuse by other datasets. */
  async remove(id: number): Promise<void> {
    const { affected } = await this.db
      .getRepository(OccupancyDatasetEntity)
      .delete({ datasetId: id });
    if (!affected) throw new NotFoundException(`dataset ${id} not found`);
  }

  /** Puts the dataset's FAILED chunks back to PENDING and starts them again. */
  async retry(id: number): Promise<{ reset: number }> {
    await this.find(id);
    const rows = await sqlRows<{ chunk_id: string }>(
      this.db,
      `UPDATE occupancy_chunks x SET status = 'PENDING', run_id = NULL, error = NULL, submitted_at = NULL
        WHERE x.status = 'FAILED'
          AND x.chunk_id IN (SELECT c.chunk_id FROM ${DATASET_CHUNKS_FROM} WHERE d.dataset_id = $1)
        RETURNING x.chunk_id`,
      [id],
    );
    if (rows.length) {
      await this.db.query(
        `UPDATE occupancy_datasets SET status = 'RUNNING', error = NULL, completed_at = NULL, failed_chunks = 0
          WHERE dataset_id = $1`,
        [id],
      );
      this.sensors.kickSource();
    }
    return { reset: rows.length };
  }

  async find(id: number): Promise<OccupancyDatasetEntity> {
    const d = await this.db.getRepository(OccupancyDatasetEntity).findOneBy({ datasetId: id });
    if (!d) throw new NotFoundException(`dataset ${id} not found`);
    return d;
  }
}
