import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt, Max, Min } from 'class-validator';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { argmaxRows } from '../../libs/classifiers/model';
import { quoteIdentifier } from '../../libs/lf-conditions';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { MaterializationsService } from '../materializations/materializations.service';
import { RunKind } from '../runs/run-kind';
import type { RunContext, RunProcessor } from '../runs/run-processor';
import { AssetInputs } from '../sql-assets/asset-inputs';
import type { IndexEntity } from '../sql-assets/index.entity';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { featureFiles, scanFeatures } from './feature-matrix';
import { ModelArtifacts } from './model-artifacts.service';
import { ModelPredictionEntity } from './model-prediction.entity';
import { MODEL_PREDICT_KIND, ModelPredictions } from './model-predictions.service';
import { ModelsService } from './models.service';

export class ModelPredictParams {
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  prediction_id: number;
}

/**
 * A whole-index prediction (run kind `model_predict`): the index's and features' builds (made
 * when missing), the model's inputs joined to the index's keys by key, predicted chunk by chunk,
 * written as Parquet: the key (its own type), label (class name), cv_id, confidence and a
 * probability per class (`p_<cv_id>`, or `p_<class index>` for classes without one). An entity
 * missing an input an ONNX model cannot do without gets NULLs. Idempotent.
 */
@Injectable()
@RunKind({
  kind: MODEL_PREDICT_KIND,
  group: 'interactive',
  maxAttempts: 2,
  timeoutSeconds: 3600,
  params: ModelPredictParams,
})
export class ModelPredictProcessor implements RunProcessor<ModelPredictParams> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ModelsService,
    private readonly predictions: ModelPredictions,
    private readonly artifacts: ModelArtifacts,
    private readonly assets: SqlAssetsService,
    private readonly materializations: MaterializationsService,
    private readonly duck: DuckDb,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async process(ctx: RunContext<ModelPredictParams>): Promise<Record<string, unknown>> {
    const repo = this.db.getRepository(ModelPredictionEntity);
    const job = await repo.findOneByOrFail({ predictionId: ctx.params.prediction_id });
    const v = await this.registry.version(job.modelId, job.version);
    const model = await this.artifacts.load(v);
    const { inputs, features } = await this.predictions.plan(job.cId, v, job.featureIds);
    const index = (await this.assets.get('index', job.cId, job.indexId)) as IndexEntity;
    const reads = new AssetInputs(this.assets, this.materializations, ctx);
    await reads.ensure('index', job.cId, index.indexId);
    for (const id of job.featureIds) await reads.ensure('feature', job.cId, id);
    await ctx.log.info(
      `inputs built: index ${index.indexId}, features ${job.featureIds.join(', ')}`,
    );

    const k = v.classes.length;
    const d = inputs.length;
    const probCol = (c: number) => `p_${v.classes[c].cv_id ?? c}`;
    const storageKey = `predictions/model_${job.modelId}/${ctx.run.run_id}.parquet`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-predict-'));
    let rows = 0;
    let unpredicted = 0;
    try {
      const out = path.join(dir, 'out.parquet');
      await reads.read('index', job.cId, index.indexId, (indexFile) =>
        reads.readMany('feature', job.cId, job.featureIds, (paths) =>
          this.duck.withConnection(async (conn) => {
            const table = `predict_out_${process.pid}_${Date.now()}`;
            await conn.run(
              `CREATE TEMP TABLE ${table} (row_number BIGINT, label VARCHAR, cv_id INTEGER, confidence DOUBLE${v.classes.map((_, c) => `, ${quoteIdentifier(probCol(c))} DOUBLE`).join('')})`,
            );
            try {
              const appender = await conn.createAppender(table);
              await scanFeatures(
                conn,
                { file: indexFile, keyColumn: index.keyColumn, extra: [] },
                inputs,
                featureFiles(features, paths),
                async (chunk) => {
                  const usable: number[] = [];
                  for (let i = 0; i < chunk.n; i++) {
                    let ok = model.imputes;
                    if (!ok) {
                      ok = true;
                      for (let j = 0; j < d; j++) if (Number.isNaN(chunk.x[i * d + j])) ok = false;
                    }
                    if (ok) usable.push(i);
                  }
                  const x = new Float64Array(usable.length * d);
                  usable.forEach((i, r) => x.set(chunk.x.subarray(i * d, (i + 1) * d), r * d));
                  const proba = await model.predict(x, usable.length);
                  const labels = argmaxRows(proba, usable.length, k);
                  let u = 0;
                  for (let i = 0; i < chunk.n; i++, rows++) {
                    appender.appendBigInt(BigInt(rows));
                    if (usable[u] !== i) {
                      unpredicted++;
                      for (let c = 0; c < k + 3; c++) appender.appendNull();
                    } else {
                      const p = proba.subarray(u * k, (u + 1) * k);
                      const best = labels[u];
                      appender.appendVarchar(v.classes[best].name);
                      const cv = v.classes[best].cv_id;
                      if (cv === undefined) appender.appendNull();
                      else appender.appendInteger(cv);
                      appender.appendDouble(p[best]);
                      for (let c = 0; c < k; c++) appender.appendDouble(p[c]);
                      u++;
                    }
                    appender.endRow();
                  }
                  await ctx.heartbeat();
                },
              );
              appender.closeSync();
              const key = quoteIdentifier(index.keyColumn);
              await conn.run(
                `COPY (SELECT idx.${key}, o.* EXCLUDE (row_number)
                         FROM read_parquet(${sqlString(indexFile)}, file_row_number = true) idx
                         JOIN ${table} o ON o.row_number = idx.file_row_number ORDER BY o.row_number)
                   TO ${sqlString(out)} (FORMAT parquet, COMPRESSION zstd)`,
              );
            } finally {
              await conn.run(`DROP TABLE IF EXISTS ${table}`);
            }
          }, ctx.signal),
        ),
      );
      await this.store.put(storageKey, createReadStream(out), {
        contentType: 'application/vnd.apache.parquet',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const results = { rows, unpredicted, model_version: v.version, key_column: index.keyColumn };
    const before = job.storageKey;
    await repo.update(
      { predictionId: job.predictionId },
      { storageKey, results: results as never },
    );
    if (before && before !== storageKey) await this.store.delete(before).catch(() => undefined);
    return { ...results, storage_key: storageKey };
  }
}
