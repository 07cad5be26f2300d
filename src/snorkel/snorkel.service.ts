import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { ConceptsService } from '../concepts/concepts.service';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { withLocalFile } from '../infra/object-store/local-file';
import { DownloadTarget, sendParquetOrCsv } from '../infra/object-store/parquet-download';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { LabelingFunctionEntity } from '../labeling-functions/labeling-function.entity';
import { RunsService } from '../runs/runs.service';
import { DerivedIndexSources } from '../sql-assets/derived-index.sources';
import type { RuleEntity } from '../sql-assets/rule.entity';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { SnorkelConfig, SnorkelJobEntity } from './snorkel-job.entity';
import type { CreateSnorkelJobDto, SnorkelJobResponse } from './snorkel.dto';
import { toJobResponse } from './snorkel.dto';

export const SNORKEL_KIND = 'snorkel';

/**
 * Snorkel jobs: checked when requested (400 naming the problem), saved with their run in one
 * transaction (or as a DRAFT), executed again on request, canceled through their run; results
 * and predictions read from the job row and its Parquet.
 */
@Injectable()
export class SnorkelService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly concepts: ConceptsService,
    private readonly assets: SqlAssetsService,
    private readonly runs: RunsService,
    private readonly duck: DuckDb,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    private readonly derived: DerivedIndexSources,
  ) {}

  onModuleInit(): void {
    this.derived.register(async (cId, jobId) => {
      const job = await this.repo().findOneBy({ cId, jobId });
      if (!job) return null;
      const results = job.results as { run_id?: string; key_column?: string } | null;
      return {
        indexId: job.indexId,
        runId: results?.run_id ?? null,
        storageKey: results ? job.storageKey : null,
        keyColumn: results?.key_column ?? null,
      };
    });
    this.concepts.registerDependents({
      list: async (m, cId) =>
        (await this.repo(m).find({ where: { cId } })).map((j) => ({
          type: 'snorkel_job',
          id: j.jobId,
          name: `job ${j.jobId}`,
        })),
      deleteAll: async (m, cId) => {
        const jobs = await this.repo(m).find({ where: { cId } });
        if (jobs.length) await this.repo(m).delete({ cId });
        return async () => {
          for (const j of jobs)
            if (j.storageKey) await this.store.delete(j.storageKey).catch(() => undefined);
        };
      },
    });
  }

  async create(cId: number, dto: CreateSnorkelJobDto): Promise<SnorkelJobResponse> {
    await this.concepts.get(cId);
    const { config, ruleIds } = await this.check(cId, dto);
    const jobId = await this.runs.transaction(async (tx) => {
      const { identifiers } = await this.repo(tx.manager).insert({
        cId,
        indexId: dto.index_id,
        ruleIds,
        lfIds: dto.lf_ids,
        config: config as never,
        gold: (dto.gold ? { rule_id: dto.gold.rule_id, column: dto.gold.column } : null) as never,
      });
      const id = (identifiers[0] as { jobId: number }).jobId;
      if (!dto.draft) await this.startRun(tx, id);
      return id;
    });
    return this.view(cId, jobId);
  }

  async execute(cId: number, jobId: number): Promise<SnorkelJobResponse> {
    const job = await this.get(cId, jobId);
    if (job.runId) {
      const { run } = await this.runs.get(job.runId);
      if (!['SUCCESS', 'FAILURE', 'CANCELED'].includes(run.status))
        throw new ConflictException(
          `job ${jobId} is already running (run ${run.run_id}, ${run.status})`,
        );
    }
    // the definition may have aged: check it again
    await this.check(cId, {
      index_id: job.indexId,
      rule_ids: job.ruleIds,
      lf_ids: job.lfIds,
      gold: job.gold ?? undefined,
      config: job.config,
    });
    await this.runs.transaction(async (tx) => {
      await tx.manager
        .getRepository(SnorkelJobEntity)
        .findOne({ where: { jobId }, lock: { mode: 'pessimistic_write' } });
      await this.startRun(tx, jobId);
    });
    return this.view(cId, jobId);
  }

  async cancel(cId: number, jobId: number): Promise<SnorkelJobResponse> {
    const job = await this.get(cId, jobId);
    if (!job.runId) throw new ConflictException(`job ${jobId} is a draft: nothing runs`);
    await this.runs.cancel(job.runId);
    return this.view(cId, jobId);
  }

  async list(cId: number, query: PageQuery): Promise<Page<SnorkelJobResponse>> {
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
      (r) => toJobResponse(r, r.runId ? runs.get(r.runId) : undefined),
      (r) => encodeCursor([r.jobId]),
    );
  }

  async view(cId: number, jobId: number): Promise<SnorkelJobResponse> {
    const job = await this.get(cId, jobId);
    const runs = await this.runs.states(job.runId ? [job.runId] : []);
    return toJobResponse(job, job.runId ? runs.get(job.runId) : undefined);
  }

  /** The results, and a page of the predictions when asked (409 until the job succeeded). */
  async results(cId: number, jobId: number, predictions: { limit: number; offset: number } | null) {
    const job = await this.get(cId, jobId);
    const view = await this.view(cId, jobId);
    if (view.status !== 'SUCCESS' || !job.results || !job.storageKey)
      throw new ConflictException(
        `job ${jobId} has no results (${view.status}${view.error ? `: ${view.error}` : ''})`,
      );
    const out: {
      job_id: number;
      results: Record<string, unknown>;
      predictions?: Record<string, unknown>[];
    } = {
      job_id: jobId,
      results: job.results,
    };
    if (predictions) out.predictions = await this.predictions(job.storageKey, predictions);
    return out;
  }

  /**
   * All predictions as a file: the job's Parquet as stored, or CSV (with a header) converted by
   * DuckDB. Streamed to `out`; 409 until the job succeeded.
   */
  async download(
    cId: number,
    jobId: number,
    format: 'csv' | 'parquet',
    out: DownloadTarget,
  ): Promise<void> {
    const job = await this.get(cId, jobId);
    const view = await this.view(cId, jobId);
    if (view.status !== 'SUCCESS' || !job.storageKey)
      throw new ConflictException(`job ${jobId} has no predictions (${view.status})`);
    await sendParquetOrCsv(
      this.store,
      this.duck,
      job.storageKey,
      `snorkel_job_${jobId}`,
      format,
      out,
    );
  }

  async get(cId: number, jobId: number, m?: EntityManager): Promise<SnorkelJobEntity> {
    const job = await this.repo(m).findOneBy({ cId, jobId });
    if (!job) throw new NotFoundException(`concept ${cId} has no Snorkel job ${jobId}`);
    return job;
  }

  private async startRun(
    tx: Parameters<Parameters<RunsService['transaction']>[0]>[0],
    jobId: number,
  ) {
    const executions = await tx.manager
      .getRepository(SnorkelJobEntity)
      .findOneByOrFail({ jobId })
      .then((j) => (j.runId ? 1 : 0));
    const [{ run }] = await tx.create([
      {
        kind: SNORKEL_KIND,
        params: { job_id: jobId },
        runKey: `snorkel:${jobId}:${Date.now()}:${executions}`,
      },
    ]);
    await tx.manager.getRepository(SnorkelJobEntity).update({ jobId }, { runId: run.run_id });
  }

  /** 400 naming what cannot run; the config with its defaults and the rules used. */
  private async check(
    cId: number,
    dto: Pick<CreateSnorkelJobDto, 'index_id' | 'rule_ids' | 'lf_ids' | 'gold'> & {
      config?: Partial<SnorkelConfig>;
    },
  ): Promise<{ config: SnorkelConfig; ruleIds: number[] }> {
    await this.assets.get('index', cId, dto.index_id).catch((e: unknown) => {
      if (e instanceof NotFoundException)
        throw new BadRequestException(`index_id: concept ${cId} has no index ${dto.index_id}`);
      throw e;
    });
    const lfs = await this.db
      .getRepository(LabelingFunctionEntity)
      .findBy({ cId, lfId: In(dto.lf_ids) });
    const unknown = dto.lf_ids.filter((id) => !lfs.some((lf) => lf.lfId === id));
    if (unknown.length)
      throw new BadRequestException(
        `lf_ids: concept ${cId} has no labeling function ${unknown.join(', ')}`,
      );
    const unusable = lfs.filter((lf) => !lf.isActive || (lf.requiresApproval && !lf.approvedAt));
    if (unusable.length)
      throw new BadRequestException(
        `lf_ids: ${unusable.map((lf) => `${lf.lfId} (${!lf.isActive ? 'inactive' : 'not approved'})`).join(', ')} cannot be used: activate or approve ${unusable.length === 1 ? 'it' : 'them'} first`,
      );
    if (lfs.length < 3)
      throw new BadRequestException(
        `lf_ids: the label model needs at least 3 labeling functions, not ${lfs.length}`,
      );
    const ruleIds = [...new Set([...(dto.rule_ids ?? []), ...lfs.map((lf) => lf.ruleId)])];
    for (const id of [...ruleIds, ...(dto.gold ? [dto.gold.rule_id] : [])]) {
      const rule = (await this.assets.get('rule', cId, id).catch((e: unknown) => {
        if (e instanceof NotFoundException)
          throw new BadRequestException(`rule ${id}: concept ${cId} has no such rule`);
        throw e;
      })) as RuleEntity;
      if (rule.indexId !== dto.index_id)
        throw new BadRequestException(
          `rule ${id} reads index ${rule.indexId}, not index ${dto.index_id}`,
        );
      if (
        dto.gold &&
        id === dto.gold.rule_id &&
        !rule.outputColumns.some((c) => c.name === dto.gold!.column)
      )
        throw new BadRequestException(`gold.column: rule ${id} has no column "${dto.gold.column}"`);
    }
    const classes = [...new Set(lfs.flatMap((lf) => lf.applicableCvIds))].sort((a, b) => a - b);
    if (classes.length < 2)
      throw new BadRequestException(
        'the LFs can vote only one value: the label model needs at least two',
      );
    if (classes.length > 127)
      throw new BadRequestException('the LFs can vote more than 127 values');
    const c = dto.config ?? {};
    if (c.class_balance) {
      const keys = Object.keys(c.class_balance);
      const want = classes.map(String);
      const values = Object.values(c.class_balance);
      if (keys.length !== want.length || !want.every((k) => keys.includes(k)))
        throw new BadRequestException(
          `config.class_balance must give exactly the values ${want.join(', ')}`,
        );
      if (
        values.some((v) => typeof v !== 'number' || !(v > 0) || v > 1) ||
        Math.abs(values.reduce((a, b) => a + b, 0) - 1) > 1e-6
      )
        throw new BadRequestException(
          'config.class_balance must hold probabilities above 0 that sum to 1',
        );
    }
    const config: SnorkelConfig = {
      epochs: c.epochs ?? 100,
      lr: c.lr ?? 0.01,
      l2: c.l2 ?? 0,
      seed: c.seed ?? 0,
      output_type: c.output_type ?? 'softmax',
      tie_policy: c.tie_policy ?? 'abstain',
      ...(c.class_balance ? { class_balance: c.class_balance } : {}),
    };
    return { config, ruleIds };
  }

  private predictions(key: string, page: { limit: number; offset: number }) {
    return withLocalFile(this.store, key, (file) =>
      this.duck.withConnection(async (conn) => {
        const r = await conn.runAndReadAll(
          `SELECT * FROM read_parquet(${sqlString(file)}) LIMIT ${Math.floor(page.limit)} OFFSET ${Math.floor(page.offset)}`,
        );
        return r.getRowObjectsJson() as Record<string, unknown>[];
      }),
    );
  }

  private repo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(SnorkelJobEntity);
  }
}
