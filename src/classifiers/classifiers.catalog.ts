import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { catalogRun, CatalogSources } from '../catalog/catalog-sources';
import type { CatalogEntry } from '../catalog/catalog.dto';
import { MaterializationsService } from '../materializations/materializations.service';
import { RunsService } from '../runs/runs.service';
import { SnorkelJobEntity } from '../snorkel/snorkel-job.entity';
import { ClassifierJobEntity } from './classifier-job.entity';

/** What a classifier job's results say it read. */
interface JobInputs {
  snorkel_run?: string;
  features?: Record<string, string>;
}

/**
 * Classifier jobs in the concept's catalog: status (their run's), rows trained and tested, the
 * model version registered, and stale when the Snorkel job ran again or a feature was
 * re-materialized after the job read them.
 */
@Injectable()
export class ClassifiersCatalog implements OnModuleInit {
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
      .getRepository(ClassifierJobEntity)
      .find({ where: { cId }, order: { jobId: 'ASC' } });
    if (!jobs.length) return [];
    const runs = await this.runs.states(jobs.map((j) => j.runId).filter((r): r is string => !!r));
    const snorkel = new Map(
      (
        await this.db
          .getRepository(SnorkelJobEntity)
          .findBy({ jobId: In([...new Set(jobs.map((j) => j.snorkelJobId))]) })
      ).map((s) => [s.jobId, s]),
    );
    const summaries = await this.materializations.summaries('feature', [
      ...new Set(jobs.flatMap((j) => j.featureIds)),
    ]);
    return jobs.map((j) => {
      const run = j.runId ? runs.get(j.runId) : undefined;
      const results = j.results as {
        read?: JobInputs;
        rows?: { used: number };
      } | null;
      const reasons: string[] = [];
      const read = results?.read;
      if (read) {
        const s = snorkel.get(j.snorkelJobId);
        const now = (s?.results as { run_id?: string } | null)?.run_id;
        if (read.snorkel_run && now && now !== read.snorkel_run)
          reasons.push(`Snorkel job ${j.snorkelJobId} ran again after the job read its labels`);
        for (const [id, runId] of Object.entries(read.features ?? {})) {
          const cur = summaries.get(Number(id))?.current?.runId;
          if (cur && cur !== runId)
            reasons.push(`feature ${id} was re-materialized after the job ran`);
        }
      }
      return {
        asset_type: 'classifier_job',
        asset_id: j.jobId,
        name: `classifier job ${j.jobId}`,
        index_id: snorkel.get(j.snorkelJobId)?.indexId ?? null,
        status: run?.status ?? 'QUEUED',
        row_count: results?.rows?.used ?? null,
        storage_key: null,
        materialized_at: results ? j.updatedAt.toISOString() : null,
        last_run: catalogRun(run),
        stale: reasons.length > 0,
        stale_reasons: reasons,
      };
    });
  }
}
