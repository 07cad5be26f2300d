import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { MODEL_FAMILIES } from '../../libs/classifiers/model';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { ConceptsService } from '../concepts/concepts.service';
import { RunsService } from '../runs/runs.service';
import { SnorkelService } from '../snorkel/snorkel.service';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { ClassifierConfig, ClassifierJobEntity } from './classifier-job.entity';
import {
  ClassifierJobResponse,
  CreateClassifierJobDto,
  toClassifierJobResponse,
} from './classifiers.dto';

export const CLASSIFIER_KIND = 'classifier';

/**
 * Classifier jobs: checked when requested (400 naming the problem: an unknown or unfinished
 * Snorkel job, a feature of another concept), saved with their run in one transaction; results
 * read from the job row.
 */
@Injectable()
export class ClassifiersService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly concepts: ConceptsService,
    private readonly assets: SqlAssetsService,
    private readonly snorkel: SnorkelService,
    private readonly runs: RunsService,
  ) {}

  onModuleInit(): void {
    this.concepts.registerDependents({
      list: async (m, cId) =>
        (await this.repo(m).find({ where: { cId } })).map((j) => ({
          type: 'classifier_job',
          id: j.jobId,
          name: `classifier job ${j.jobId}`,
        })),
      // the models they registered stay in the registry
      deleteAll: async (m, cId) => {
        await this.repo(m).delete({ cId });
        return async () => undefined;
      },
    });
  }

  async create(cId: number, dto: CreateClassifierJobDto): Promise<ClassifierJobResponse> {
    const concept = await this.concepts.get(cId);
    const snorkel = await this.snorkel.view(cId, dto.snorkel_job_id).catch((e: unknown) => {
      if (e instanceof NotFoundException)
        throw new BadRequestException(
          `snorkel_job_id: concept ${cId} has no Snorkel job ${dto.snorkel_job_id}`,
        );
      throw e;
    });
    // a job still training is waited for by the classifier run; one that will not succeed is refused
    if (!['QUEUED', 'STARTED', 'SUCCESS'].includes(snorkel.status))
      throw new BadRequestException(
        `snorkel_job_id: Snorkel job ${dto.snorkel_job_id} is ${snorkel.status}${snorkel.error ? ` (${snorkel.error})` : ''}: execute it first, its labels are what the classifiers learn`,
      );
    for (const id of dto.feature_ids)
      await this.assets.get('feature', cId, id).catch((e: unknown) => {
        if (e instanceof NotFoundException)
          throw new BadRequestException(`feature_ids: concept ${cId} has no feature ${id}`);
        throw e;
      });
    const c = dto.config ?? {};
    const config: ClassifierConfig = {
      threshold_method: c.threshold_method ?? 'max_confidence',
      threshold_value: c.threshold_value ?? 0.6,
      min_labels_per_class: c.min_labels_per_class ?? 10,
      imbalance_factor: c.imbalance_factor ?? 3,
      test_size: c.test_size ?? 0.2,
      random_state: c.random_state ?? 42,
      models: c.models ?? [...MODEL_FAMILIES],
      scaling: c.scaling ?? 'standard',
      selection_metric: c.selection_metric ?? 'weighted_f1',
      model_name: c.model_name ?? `${concept.name} classifier`.slice(0, 200),
      predict_index: c.predict_index ?? false,
    };
    const jobId = await this.runs.transaction(async (tx) => {
      const repo = tx.manager.getRepository(ClassifierJobEntity);
      const { identifiers } = await repo.insert({
        cId,
        snorkelJobId: dto.snorkel_job_id,
        featureIds: dto.feature_ids,
        config: config as never,
      });
      const id = (identifiers[0] as { jobId: number }).jobId;
      const [{ run }] = await tx.create([
        { kind: CLASSIFIER_KIND, params: { job_id: id }, runKey: `classifier:${id}` },
      ]);
      await repo.update({ jobId: id }, { runId: run.run_id });
      return id;
    });
    return this.view(cId, jobId);
  }

  async list(cId: number, query: PageQuery): Promise<Page<ClassifierJobResponse>> {
    await this.concepts.get(cId);
    const limit = pageLimit(query.limit);
    const [after] = cursorPosition(query.cursor, ['int'] as const) ?? [0];
    const rows = await this.repo().find({
      where: { cId, jobId: MoreThan(after) },
      order: { jobId: 'ASC' },
      take: limit + 1,
    });
    const runs = await this.runs.states(rows.map((r) => r.runId).filter((r): r is string => !!r));
    return pageOf(
      rows,
      limit,
      (r) => toClassifierJobResponse(r, r.runId ? runs.get(r.runId) : undefined),
      (r) => encodeCursor([r.jobId]),
    );
  }

  async view(cId: number, jobId: number): Promise<ClassifierJobResponse> {
    const job = await this.get(cId, jobId);
    const runs = await this.runs.states(job.runId ? [job.runId] : []);
    return toClassifierJobResponse(job, job.runId ? runs.get(job.runId) : undefined);
  }

  async results(cId: number, jobId: number) {
    const job = await this.get(cId, jobId);
    const view = await this.view(cId, jobId);
    if (view.status !== 'SUCCESS' || !job.results)
      throw new ConflictException(
        `classifier job ${jobId} has no results (${view.status}${view.error ? `: ${view.error}` : ''})`,
      );
    return { job_id: jobId, results: job.results };
  }

  async get(cId: number, jobId: number, m?: EntityManager): Promise<ClassifierJobEntity> {
    const job = await this.repo(m).findOneBy({ cId, jobId });
    if (!job) throw new NotFoundException(`concept ${cId} has no classifier job ${jobId}`);
    return job;
  }

  private repo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(ClassifierJobEntity);
  }
}
