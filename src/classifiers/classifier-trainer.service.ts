import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { quoteIdentifier } from '../../libs/lf-conditions';
import type { PortableModel } from '../../libs/classifiers/portable';
import { trainClassifierJob } from '../../libs/classifiers/train-job';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { withLocalFile } from '../infra/object-store/local-file';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { MaterializationsService } from '../materializations/materializations.service';
import { featureFiles, featureInputs, scanFeatures } from '../models/feature-matrix';
import { ModelPredictions } from '../models/model-predictions.service';
import { ModelsService } from '../models/models.service';
import { SnorkelService } from '../snorkel/snorkel.service';
import type { RunContext } from '../runs/run-processor';
import { SnorkelJobEntity } from '../snorkel/snorkel-job.entity';
import { AssetInputs } from '../sql-assets/asset-inputs';
import type { FeatureEntity } from '../sql-assets/feature.entity';
import type { RuleEntity } from '../sql-assets/rule.entity';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { ClassifierJobEntity } from './classifier-job.entity';

/** How often a job waiting for its Snorkel job looks again. */
const SNORKEL_POLL_MS = 1_000;

/** Params of a `classifier` run. */
export class ClassifierParams {
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  job_id: number;
}

/**
 * A classifier job's work: the Snorkel job's labels and probabilities joined with the features
 * by entity key (features built first when missing), gold labels when the Snorkel job had them,
 * every family trained and scored (libs/classifiers trainClassifierJob), and the best registered
 * as a new version of the job's model, with the results, in one transaction. A redelivered run
 * finds the version it registered instead of adding another.
 */
@Injectable()
export class ClassifierTrainer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assets: SqlAssetsService,
    private readonly materializations: MaterializationsService,
    private readonly models: ModelsService,
    private readonly predictions: ModelPredictions,
    private readonly snorkelJobs: SnorkelService,
    private readonly duck: DuckDb,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async train(ctx: RunContext<ClassifierParams>): Promise<Record<string, unknown>> {
    const started = performance.now();
    const job = await this.db
      .getRepository(ClassifierJobEntity)
      .findOneByOrFail({ jobId: ctx.params.job_id });
    await this.snorkelDone(job.cId, job.snorkelJobId, ctx);
    const snorkel = await this.db
      .getRepository(SnorkelJobEntity)
      .findOneBy({ jobId: job.snorkelJobId, cId: job.cId });
    const sr = snorkel?.results as
      | { run_id: string; key_column: string; classes: { cv_id: number; name: string | null }[] }
      | undefined;
    if (!snorkel?.storageKey || !sr)
      throw new Error(`Snorkel job ${job.snorkelJobId} has no results to learn from`);
    if (!(await this.store.head(snorkel.storageKey)))
      throw new Error(
        `the output of Snorkel job ${snorkel.jobId} (${snorkel.storageKey}) is missing from the object store: execute that job again`,
      );
    const classes = sr.classes;
    const k = classes.length;
    const features: FeatureEntity[] = [];
    for (const id of job.featureIds)
      features.push((await this.assets.get('feature', job.cId, id)) as FeatureEntity);
    const reads = new AssetInputs(this.assets, this.materializations, ctx);
    for (const id of job.featureIds) await reads.ensure('feature', job.cId, id);
    if (snorkel.gold) await reads.ensure('rule', job.cId, snorkel.gold.rule_id);
    const { inputs, skipped } = featureInputs(
      features.map((f) => ({
        featureId: f.featureId,
        name: f.name,
        indexColumn: f.indexColumn,
        columns:
          (reads.buildOf('feature', f.featureId).columns as
            { name: string; type: string }[] | null) ?? f.outputColumns,
      })),
    );
    if (!inputs.length)
      throw new Error(
        `features ${job.featureIds.join(', ')} have no numeric or boolean column to learn from${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}`,
      );
    await ctx.log.info(`inputs: ${inputs.map((i) => i.name).join(', ')}`);

    // the entities: the Snorkel job's rows, with their inputs joined by key
    const d = inputs.length;
    const keys: string[] = [];
    const labels: number[] = [];
    const proba: number[] = [];
    const xs: Float64Array[] = [];
    const pCols = classes.map((c) => `p_${c.cv_id}`);
    const classOf = new Map(classes.map((c, i) => [c.cv_id, i]));
    await withLocalFile(this.store, snorkel.storageKey, (labelsFile) =>
      reads.readMany('feature', job.cId, job.featureIds, (paths) =>
        this.duck.withConnection(
          (conn) =>
            scanFeatures(
              conn,
              { file: labelsFile, keyColumn: sr.key_column, extra: ['label', ...pCols] },
              inputs,
              featureFiles(features, paths),
              (chunk) => {
                for (let i = 0; i < chunk.n; i++) {
                  keys.push(chunk.keys[i]);
                  const cv = chunk.extra.label[i];
                  labels.push(cv === null ? -1 : (classOf.get(Number(cv)) ?? -1));
                  for (const p of pCols) proba.push(Number(chunk.extra[p][i] ?? 0));
                }
                xs.push(chunk.x);
              },
            ),
          ctx.signal,
        ),
      ),
    );
    const n = keys.length;
    const x = new Float64Array(n * d);
    let at = 0;
    for (const part of xs) {
      x.set(part, at);
      at += part.length;
    }
    let gold: Int32Array | undefined;
    if (snorkel.gold) {
      const g = snorkel.gold;
      const rule = (await this.assets.get('rule', job.cId, g.rule_id)) as RuleEntity;
      const goldOf = await reads.read('rule', job.cId, g.rule_id, (file) =>
        this.goldByKey(file, rule.indexColumn, g.column, ctx.signal),
      );
      gold = Int32Array.from(keys, (key) => {
        const cv = goldOf.get(key);
        return cv === undefined ? -1 : (classOf.get(cv) ?? -1);
      });
    }
    await ctx.heartbeat();

    const cfg = job.config;
    const out = trainClassifierJob(
      { x, n, d, k, label: Int32Array.from(labels), proba: Float64Array.from(proba), gold },
      cfg,
    );
    for (const f of out.families)
      await ctx.log.info(
        f.error
          ? `${f.family}: failed: ${f.error}`
          : `${f.family}: ${cfg.selection_metric} ${f.metrics![cfg.selection_metric].toFixed(4)} in ${f.train_seconds} s`,
      );
    const modelClasses = out.classes.map((c, index) => ({
      index,
      cv_id: classes[c].cv_id,
      name: classes[c].name ?? String(classes[c].cv_id),
    }));
    const named = (c: number) => classes[c].name ?? String(classes[c].cv_id);
    const results: Record<string, unknown> = {
      run_id: ctx.run.run_id,
      snorkel_job_id: job.snorkelJobId,
      selection_metric: cfg.selection_metric,
      best: out.best,
      inputs: inputs.map((i) => i.name),
      skipped_columns: skipped,
      classes: modelClasses,
      rows: out.rows,
      dropped_classes: out.dropped_classes.map((dc) => ({
        cv_id: classes[dc.class].cv_id,
        name: named(dc.class),
        count: dc.count,
      })),
      warnings: out.warnings,
      gold: !!gold,
      // what it read: the Snorkel job's run and the feature builds (the catalog's staleness)
      read: {
        snorkel_run: sr.run_id,
        features: Object.fromEntries(
          job.featureIds.map((id) => [String(id), reads.buildOf('feature', id).runId]),
        ),
      },
      families: out.families.map((f) => ({
        ...f,
        ...(f.metrics
          ? {
              metrics: {
                ...f.metrics,
                per_class: f.metrics.per_class.map((pc) => ({
                  ...pc,
                  cv_id: modelClasses[pc.class].cv_id,
                  name: modelClasses[pc.class].name,
                })),
              },
            }
          : {}),
      })),
      seconds: 0,
    };
    if (!out.artifact || !out.best)
      throw new Error(
        `no model could be trained: ${out.warnings.join('; ') || 'every family failed'}`,
      );
    const best = out.families.find((f) => f.family === out.best)!;
    const portable: PortableModel = {
      format: 'tippers-classifier',
      format_version: 1,
      features: inputs,
      impute: out.artifact.impute,
      scaler: out.artifact.scaler,
      classes: modelClasses,
      model: out.artifact.model,
    };
    results.seconds = Math.round(performance.now() - started) / 1000;
    const registered = await this.db.transaction(async (m) => {
      const model =
        (await this.models.byName(cfg.model_name, m)) ??
        (await this.models.create({ name: cfg.model_name, c_id: job.cId }, m));
      const version = await this.models.addVersion(
        model.modelId,
        {
          format: 'tippers',
          bytes: Buffer.from(JSON.stringify(portable)),
          features: inputs,
          classes: modelClasses,
          metrics: { ...best.metrics, gold_accuracy: best.gold_accuracy ?? null },
          source: { classifier_job_id: job.jobId, run_id: ctx.run.run_id, family: best.family },
          description: `${best.family}, classifier job ${job.jobId}`,
          sourceRunId: ctx.run.run_id,
        },
        m,
      );
      await m
        .getRepository(ClassifierJobEntity)
        .update(
          { jobId: job.jobId },
          { results: results as never, modelId: model.modelId, modelVersion: version.version },
        );
      return { model_id: model.modelId, version: version.version };
    });
    // a redelivered run keeps the prediction it started before
    const prior = job.results as { run_id?: string; prediction_id?: number } | null;
    let predictionId = prior?.run_id === ctx.run.run_id ? prior.prediction_id : undefined;
    if (cfg.predict_index && predictionId === undefined) {
      predictionId = (
        await this.predictions.startIndex(
          registered.model_id,
          { version: registered.version },
          { index_id: snorkel.indexId, feature_ids: job.featureIds, c_id: job.cId },
        )
      ).predictionId;
      await ctx.log.info(`predicting index ${snorkel.indexId}: prediction ${predictionId}`);
    }
    if (predictionId !== undefined)
      await this.db.getRepository(ClassifierJobEntity).update({ jobId: job.jobId }, {
        results: { ...results, prediction_id: predictionId },
      } as never);
    return { entities: n, best: out.best, ...registered, prediction_id: predictionId };
  }

  /** Waits while the Snorkel job trains; fails unless it succeeded. */
  private async snorkelDone(
    cId: number,
    jobId: number,
    ctx: RunContext<ClassifierParams>,
  ): Promise<void> {
    for (let logged = false; ;) {
      ctx.signal.throwIfAborted();
      const s = await this.snorkelJobs.view(cId, jobId);
      if (s.status === 'SUCCESS') return;
      if (!['QUEUED', 'STARTED'].includes(s.status))
        throw new Error(
          `Snorkel job ${jobId} ended ${s.status}${s.error ? ` (${s.error})` : ''}: there are no labels to learn from`,
        );
      if (!logged) await ctx.log.info(`waiting for Snorkel job ${jobId} (${s.status})`);
      logged = true;
      await ctx.heartbeat();
      await new Promise((r) => setTimeout(r, SNORKEL_POLL_MS));
    }
  }

  /** The gold rule's value (a cv_id) per entity key: the most frequent of its rows. */
  private goldByKey(
    file: string,
    keyColumn: string,
    column: string,
    signal: AbortSignal,
  ): Promise<Map<string, number>> {
    return this.duck.withConnection(async (conn) => {
      const r = await conn.runAndReadAll(
        `SELECT CAST(${quoteIdentifier(keyColumn)} AS VARCHAR), mode(TRY_CAST(${quoteIdentifier(column)} AS BIGINT))
           FROM read_parquet(${sqlString(file)}) GROUP BY 1`,
      );
      const out = new Map<string, number>();
      for (const [key, cv] of r.getRows()) if (cv !== null) out.set(String(key), Number(cv));
      return out;
    }, signal);
  }
}
