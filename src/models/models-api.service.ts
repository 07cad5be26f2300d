import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Page } from '../common/paging';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { DownloadTarget, sendParquetOrCsv } from '../infra/object-store/parquet-download';
import { ModelArtifacts } from './model-artifacts.service';
import { ModelPredictions, RowPredictions } from './model-predictions.service';
import {
  CreateModelDto,
  ListModelsQuery,
  ModelResponse,
  ModelVersionResponse,
  parseUploadFields,
  PredictDto,
  PredictionResponse,
  toModelResponse,
  toPredictionResponse,
  toVersionResponse,
  UpdateModelDto,
  UpdateVersionDto,
} from './models.dto';
import { ModelsService } from './models.service';

/** The models API: the registry, uploads and predictions, mapped to responses. */
@Injectable()
export class ModelsApi {
  constructor(
    private readonly registry: ModelsService,
    private readonly artifacts: ModelArtifacts,
    private readonly predictions: ModelPredictions,
    private readonly duck: DuckDb,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async list(query: ListModelsQuery): Promise<Page<ModelResponse>> {
    const page = await this.registry.list(query, { visibility: query.visibility, cId: query.c_id });
    const versions = await this.registry.versionsOf(page.items.map((m) => m.modelId));
    return {
      ...page,
      items: page.items.map((m) => toModelResponse(m, versions.get(m.modelId) ?? [])),
    };
  }

  async view(modelId: number): Promise<ModelResponse> {
    const m = await this.registry.get(modelId);
    return toModelResponse(m, await this.registry.versions(modelId));
  }

  async create(dto: CreateModelDto): Promise<ModelResponse> {
    const m = await this.registry.create(dto);
    return toModelResponse(m, []);
  }

  async update(modelId: number, dto: UpdateModelDto): Promise<ModelResponse> {
    await this.registry.update(modelId, dto);
    return this.view(modelId);
  }

  async delete(modelId: number): Promise<void> {
    for (const v of await this.registry.versions(modelId)) this.artifacts.forget(v.storageKey);
    await this.registry.delete(modelId);
  }

  async upload(
    modelId: number | null,
    file: { buffer: Buffer; originalname: string },
    body: Record<string, unknown>,
  ): Promise<ModelResponse> {
    const { model } = await this.artifacts.upload(
      modelId,
      file.buffer,
      file.originalname,
      parseUploadFields(body),
    );
    return this.view(model.modelId);
  }

  async uploadVersion(
    modelId: number,
    file: { buffer: Buffer; originalname: string } | undefined,
    body: Record<string, unknown>,
  ): Promise<ModelVersionResponse> {
    if (!file)
      throw new BadRequestException('file: send the artifact as multipart/form-data field "file"');
    const { version } = await this.artifacts.upload(
      modelId,
      file.buffer,
      file.originalname,
      parseUploadFields(body),
    );
    return toVersionResponse(version);
  }

  async versions(modelId: number): Promise<ModelVersionResponse[]> {
    return (await this.registry.versions(modelId)).map(toVersionResponse);
  }

  async version(modelId: number, version: number): Promise<ModelVersionResponse> {
    return toVersionResponse(await this.registry.version(modelId, version));
  }

  async updateVersion(
    modelId: number,
    version: number,
    dto: UpdateVersionDto,
  ): Promise<ModelVersionResponse> {
    return toVersionResponse(await this.registry.updateVersion(modelId, version, dto));
  }

  async deleteVersion(modelId: number, version: number): Promise<void> {
    const v = await this.registry.version(modelId, version);
    this.artifacts.forget(v.storageKey);
    await this.registry.deleteVersion(modelId, version);
  }

  async artifact(
    modelId: number,
    version: number,
  ): Promise<{ name: string; type: string; stream: Readable }> {
    const v = await this.registry.version(modelId, version);
    return {
      name: `model_${modelId}_v${version}.${v.format === 'onnx' ? 'onnx' : 'json'}`,
      type: v.format === 'onnx' ? 'application/octet-stream' : 'application/json',
      stream: await this.registry.artifact(v),
    };
  }

  async predict(modelId: number, dto: PredictDto): Promise<RowPredictions | PredictionResponse> {
    if ((dto.rows === undefined) === (dto.index_id === undefined))
      throw new BadRequestException('send either rows (predicted now) or index_id (a run)');
    const ask = { version: dto.version, stage: dto.stage };
    if (dto.rows) return this.predictions.rows(modelId, ask, dto.rows);
    const p = await this.predictions.startIndex(modelId, ask, {
      index_id: dto.index_id!,
      feature_ids: dto.feature_ids,
      c_id: dto.c_id,
    });
    return toPredictionResponse(p, await this.predictions.runStatus(p.runId));
  }

  async prediction(modelId: number, predictionId: number): Promise<PredictionResponse> {
    const p = await this.predictions.getPrediction(modelId, predictionId);
    return toPredictionResponse(p, await this.predictions.runStatus(p.runId));
  }

  async download(
    modelId: number,
    predictionId: number,
    format: 'csv' | 'parquet',
    out: DownloadTarget,
  ): Promise<void> {
    const key = await this.predictions.finishedKey(modelId, predictionId);
    await sendParquetOrCsv(
      this.store,
      this.duck,
      key,
      `model_${modelId}_prediction_${predictionId}`,
      format,
      out,
    );
  }
}
