import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { argmaxRows } from '../../libs/classifiers/model';
import { DataSource } from 'typeorm';
import { RunsService } from '../runs/runs.service';
import type { FeatureEntity } from '../sql-assets/feature.entity';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { featureInputs } from './feature-matrix';
import { ModelArtifacts } from './model-artifacts.service';
import { ModelPredictionEntity } from './model-prediction.entity';
import type { ModelStage, ModelVersionEntity } from './model-version.entity';
import { ModelsService } from './models.service';

export const MODEL_PREDICT_KIND = 'model_predict';

export interface RowPredictions {
  model_id: number;
  version: number;
  classes: { index: number; cv_id?: number; name: string }[];
  predictions: { label: string; cv_id: number | null; probabilities: number[] }[];
  /** Row fields the model does not read. */
  ignored_columns: string[];
}

/**
 * Predictions: rows in a request answered at once (inputs checked against the model's feature
 * list, 400 naming what is missing or mistyped), or every entity of an index as a run of kind
 * `model_predict` writing Parquet (see ModelPredictRunner).
 */
@Injectable()
export class ModelPredictions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ModelsService,
    private readonly artifacts: ModelArtifacts,
    private readonly assets: SqlAssetsService,
    private readonly runs: RunsService,
  ) {}

  async rows(
    modelId: number,
    ask: { version?: number; stage?: ModelStage },
    rows: Record<string, unknown>[],
  ): Promise<RowPredictions> {
    const v = await this.registry.servingVersion(modelId, ask);
    const model = await this.artifacts.load(v);
    const names = v.features.map((f) => f.name);
    const d = names.length;
    const seen = new Set<string>();
    for (const r of rows) for (const key of Object.keys(r)) seen.add(key);
    const absent = names.filter((name) => !seen.has(name));
    if (absent.length)
      throw new BadRequestException(
        `rows: no row has ${absent.length === 1 ? 'the input' : 'the inputs'} ${absent.map((a) => `"${a}"`).join(', ')} (model ${modelId} version ${v.version} reads ${names.map((a) => `"${a}"`).join(', ')})`,
      );
    const x = new Float64Array(rows.length * d);
    rows.forEach((r, i) => {
      names.forEach((name, j) => {
        const value = r[name];
        if (value === undefined || value === null) {
          if (!model.imputes)
            throw new BadRequestException(
              `rows[${i}].${name}: missing, and this ONNX model cannot fill in missing inputs`,
            );
          x[i * d + j] = NaN;
        } else if (typeof value === 'boolean') x[i * d + j] = value ? 1 : 0;
        else if (typeof value === 'number' && Number.isFinite(value)) x[i * d + j] = value;
        else
          throw new BadRequestException(
            `rows[${i}].${name} must be a finite number, a boolean or null, not ${JSON.stringify(value)?.slice(0, 40) ?? typeof value}`,
          );
      });
    });
    const proba = await model.predict(x, rows.length);
    const k = v.classes.length;
    const labels = argmaxRows(proba, rows.length, k);
    return {
      model_id: modelId,
      version: v.version,
      classes: v.classes,
      predictions: rows.map((_, i) => {
        const p = Array.from(proba.subarray(i * k, (i + 1) * k));
        const best = labels[i];
        return {
          label: v.classes[best].name,
          cv_id: v.classes[best].cv_id ?? null,
          probabilities: p,
        };
      }),
      ignored_columns: [...seen].filter((key) => !names.includes(key)).sort(),
    };
  }

  /** A whole-index prediction, started as a run (checked first: 400 naming the problem). */
  async startIndex(
    modelId: number,
    ask: { version?: number; stage?: ModelStage },
    req: { index_id: number; feature_ids?: number[]; c_id?: number },
  ): Promise<ModelPredictionEntity> {
    const model = await this.registry.get(modelId);
    const v = await this.registry.servingVersion(modelId, ask);
    const cId = req.c_id ?? model.cId;
    if (cId === null || cId === undefined)
      throw new BadRequestException(`c_id: model ${modelId} has no concept; name the index's`);
    await this.assets.get('index', cId, req.index_id).catch((e: unknown) => {
      if (e instanceof NotFoundException)
        throw new BadRequestException(`index_id: concept ${cId} has no index ${req.index_id}`);
      throw e;
    });
    const featureIds = req.feature_ids ?? [
      ...new Set(v.features.map((f) => f.feature_id).filter((f) => f !== undefined)),
    ];
    if (!featureIds.length)
      throw new BadRequestException(
        `feature_ids: model ${modelId} version ${v.version} does not say which features it reads: name them`,
      );
    await this.plan(cId, v, featureIds);
    return this.runs.transaction(async (tx) => {
      const repo = tx.manager.getRepository(ModelPredictionEntity);
      const { identifiers } = await repo.insert({
        modelId,
        version: v.version,
        cId,
        indexId: req.index_id,
        featureIds,
        runId: '00000000-0000-0000-0000-000000000000',
      });
      const predictionId = (identifiers[0] as { predictionId: number }).predictionId;
      const [{ run }] = await tx.create([
        {
          kind: MODEL_PREDICT_KIND,
          params: { prediction_id: predictionId },
          runKey: `model_predict:${predictionId}`,
        },
      ]);
      await repo.update({ predictionId }, { runId: run.run_id });
      return repo.findOneByOrFail({ predictionId });
    });
  }

  /**
   * Where each model input comes from: a feature asset's column (by the version's record, or
   * by name among the given features' columns). 400 naming the inputs no feature offers.
   */
  async plan(
    cId: number,
    v: ModelVersionEntity,
    featureIds: number[],
  ): Promise<{
    features: FeatureEntity[];
    inputs: { name: string; feature_id: number; column: string }[];
  }> {
    const features: FeatureEntity[] = [];
    for (const id of featureIds)
      features.push(
        (await this.assets.get('feature', cId, id).catch((e: unknown) => {
          if (e instanceof NotFoundException)
            throw new BadRequestException(`feature_ids: concept ${cId} has no feature ${id}`);
          throw e;
        })) as FeatureEntity,
      );
    const offered = featureInputs(
      features.map((f) => ({
        featureId: f.featureId,
        name: f.name,
        indexColumn: f.indexColumn,
        columns: f.outputColumns,
      })),
    ).inputs;
    const inputs = v.features.map((mf) =>
      mf.feature_id !== undefined && featureIds.includes(mf.feature_id)
        ? { name: mf.name, feature_id: mf.feature_id, column: mf.column ?? mf.name }
        : offered.find((o) => o.name === mf.name || o.column === mf.name),
    );
    const missing = v.features.filter((_, j) => !inputs[j]).map((f) => `"${f.name}"`);
    if (missing.length)
      throw new BadRequestException(
        `feature_ids: no numeric column of features ${featureIds.join(', ')} gives the model's input${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
      );
    return { features, inputs: inputs as { name: string; feature_id: number; column: string }[] };
  }

  async getPrediction(modelId: number, predictionId: number): Promise<ModelPredictionEntity> {
    await this.registry.get(modelId);
    const p = await this.db
      .getRepository(ModelPredictionEntity)
      .findOneBy({ modelId, predictionId });
    if (!p) throw new NotFoundException(`model ${modelId} has no prediction ${predictionId}`);
    return p;
  }

  async runStatus(runId: string): Promise<{ status: string; error: string | null }> {
    // the run's row only (runs.get also reads its whole event log)
    const run = (await this.runs.states([runId])).get(runId);
    if (!run) throw new NotFoundException(`run ${runId} not found`);
    return { status: run.status, error: run.error };
  }

  /** The prediction's Parquet key; 409 until its run succeeded. */
  async finishedKey(modelId: number, predictionId: number): Promise<string> {
    const p = await this.getPrediction(modelId, predictionId);
    const s = await this.runStatus(p.runId);
    if (s.status !== 'SUCCESS' || !p.storageKey)
      throw new ConflictException(`prediction ${predictionId} has no output (${s.status})`);
    return p.storageKey;
  }
}
