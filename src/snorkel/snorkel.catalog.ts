import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { catalogRun, CatalogSources } from '../catalog/catalog-sources';
import type { CatalogEntry } from '../catalog/catalog.dto';
import { LabelingFunctionEntity } from '../labeling-functions/labeling-function.entity';
import { MaterializationsService } from '../materializations/materializations.service';
import { RunsService } from '../runs/runs.service';
import { SnorkelJobEntity } from './snorkel-job.entity';

/** What a Snorkel job's results say it read. */
interface JobInputs {
  index?: string;
  rules?: Record<string, string>;
}

/**
 * Snorkel jobs in the concept's catalog: status (DRAFT or the run's), entities labelled, the
 * Parquet, and stale when an input it read has been re-materialized since, or one of its
 * labeling functions changed after its run ended.
 */
@Injectable()
export class SnorkelCatalog implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogSources,
    private readonly materializations: MaterializationsService,
    private readonly runs: RunsService,
  ) {}

  onModuleInit(): void {
    this.catalog.register((cId) => this.entries(cId));
  }

  async entries(cId: number): Promise<CatalogEntry[]> {
    const jobs = await this.db
      .getRepository(SnorkelJobEntity)
      .find({ where: { cId }, order: { jobId: 'ASC' } });
    if (!jobs.length) return [];
    const runs = await this.runs.states(jobs.map((j) => j.runId).filter((r): r is string => !!r));
    const lfs = await this.db
      .getRepository(LabelingFunctionEntity)
      .findBy({ lfId: In([...new Set(jobs.flatMap((j) => j.lfIds))]) });
    const current = async (type: string, ids: number[]) => {
      const s = await this.materializations.summaries(type, ids);
      return new Map([...s].map(([id, v]) => [id, v.current?.runId ?? null]));
    };
    const indexes = await current('index', [...new Set(jobs.map((j) => j.indexId))]);
    const rules = await current('rule', [...new Set(jobs.flatMap((j) => j.ruleIds))]);
    return jobs.map((j) => {
      const run = j.runId ? runs.get(j.runId) : undefined;
      const results = j.results as {
        entities?: number;
        inputs?: JobInputs;
        run_id?: string;
      } | null;
      const reasons: string[] = [];
      const read = results?.inputs;
      if (read) {
        if (read.index && indexes.get(j.indexId) !== read.index)
          reasons.push(`index ${j.indexId} was re-materialized after the job ran`);
        for (const [id, runId] of Object.entries(read.rules ?? {}))
          if (rules.has(Number(id)) && rules.get(Number(id)) !== runId)
            reasons.push(`rule ${id} was re-materialized after the job ran`);
        // when its results were recorded: its run's end, else the row's last change
        const ran = (results?.run_id && runs.get(results.run_id)?.ended_at) || j.updatedAt;
        for (const lf of lfs)
          if (j.lfIds.includes(lf.lfId) && ran && lf.updatedAt > new Date(ran))
            reasons.push(`labeling function ${lf.lfId} (${lf.name}) changed after the job ran`);
      }
      const done = !!results && !!j.storageKey;
      return {
        asset_type: 'snorkel_job',
        asset_id: j.jobId,
        name: `Snorkel job ${j.jobId}`,
        index_id: j.indexId,
        status: run?.status ?? 'DRAFT',
        row_count: done ? (results.entities ?? null) : null,
        storage_key: done ? j.storageKey : null,
        materialized_at: done ? j.updatedAt.toISOString() : null,
        last_run: catalogRun(run),
        stale: reasons.length > 0,
        stale_reasons: reasons,
      };
    });
  }
}
