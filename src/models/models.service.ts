import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { pgError, UNIQUE_VIOLATION } from '../common/pg-errors';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { ModelPredictionEntity } from './model-prediction.entity';
import { ModelEntity } from './model.entity';
import {
  ArtifactFormat,
  ModelClass,
  ModelFeature,
  ModelStage,
  ModelVersionEntity,
} from './model-version.entity';

/** A version about to be added: its artifact and what it reads and predicts. */
export interface NewVersion {
  format: ArtifactFormat;
  bytes: Buffer;
  features: ModelFeature[];
  classes: ModelClass[];
  description?: string;
  tags?: Record<string, string>;
  stage?: ModelStage;
  metrics?: Record<string, unknown>;
  source: Record<string, unknown>;
  /** Set by runs: a retried run finds the version it added instead of adding another. */
  sourceRunId?: string;
}

export interface ModelFields {
  name: string;
  description?: string;
  tags?: Record<string, string>;
  visibility?: 'public' | 'private';
  c_id?: number | null;
}

/**
 * The model registry (MLflow's, for our users): models with tags and visibility, versions
 * with their artifact in the object store, stages. An artifact is stored before its version row
 * is written and removed again when the write fails, so nothing is left half-registered; a
 * model's artifacts and prediction files go when it is deleted.
 */
@Injectable()
export class ModelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async create(fields: ModelFields, m?: EntityManager): Promise<ModelEntity> {
    try {
      const { identifiers } = await this.models(m).insert({
        name: fields.name,
        description: fields.description ?? '',
        tags: fields.tags ?? {},
        visibility: fields.visibility ?? 'public',
        cId: fields.c_id ?? null,
      });
      return this.get((identifiers[0] as { modelId: number }).modelId, m);
    } catch (e) {
      if (pgError(e)?.code === UNIQUE_VIOLATION)
        throw new ConflictException(`a model named "${fields.name}" exists`);
      throw e;
    }
  }

  async update(modelId: number, fields: Partial<ModelFields>): Promise<ModelEntity> {
    await this.get(modelId);
    try {
      await this.models().update(
        { modelId },
        {
          ...(fields.name !== undefined ? { name: fields.name } : {}),
          ...(fields.description !== undefined ? { description: fields.description } : {}),
          ...(fields.tags !== undefined ? { tags: fields.tags } : {}),
          ...(fields.visibility !== undefined ? { visibility: fields.visibility } : {}),
        },
      );
    } catch (e) {
      if (pgError(e)?.code === UNIQUE_VIOLATION)
        throw new ConflictException(`a model named "${fields.name}" exists`);
      throw e;
    }
    return this.get(modelId);
  }

  async get(modelId: number, m?: EntityManager): Promise<ModelEntity> {
    const model = await this.models(m).findOneBy({ modelId });
    if (!model) throw new NotFoundException(`no model ${modelId}`);
    return model;
  }

  async byName(name: string, m?: EntityManager): Promise<ModelEntity | null> {
    return this.models(m).findOneBy({ name });
  }

  async list(
    query: PageQuery,
    filter: { visibility?: 'public' | 'private'; cId?: number } = {},
  ): Promise<Page<ModelEntity>> {
    const limit = pageLimit(query.limit);
    const [after] = cursorPosition(query.cursor, ['int'] as const) ?? [0];
    const rows = await this.models().find({
      where: {
        modelId: MoreThan(after),
        ...(filter.visibility ? { visibility: filter.visibility } : {}),
        ...(filter.cId !== undefined ? { cId: filter.cId } : {}),
      },
      order: { modelId: 'ASC' },
      take: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => r,
      (r) => encodeCursor([r.modelId]),
    );
  }

  /** Deletes the model, its versions and predictions, then their objects. */
  async delete(modelId: number): Promise<void> {
    const keys = await this.db.transaction(async (m) => {
      await m.getRepository(ModelEntity).findOne({
        where: { modelId },
        lock: { mode: 'pessimistic_write' },
      });
      await this.get(modelId, m);
      const versions = await m.getRepository(ModelVersionEntity).findBy({ modelId });
      const predictions = await m.getRepository(ModelPredictionEntity).findBy({ modelId });
      await m.getRepository(ModelEntity).delete({ modelId });
      return [
        ...versions.map((v) => v.storageKey),
        ...predictions.map((p) => p.storageKey).filter((k): k is string => !!k),
      ];
    });
    await this.store.deleteMany(keys);
  }

  async versions(modelId: number): Promise<ModelVersionEntity[]> {
    await this.get(modelId);
    return this.versionRepo().find({ where: { modelId }, order: { version: 'ASC' } });
  }

  /** The versions of several models, oldest first, by model. */
  async versionsOf(modelIds: number[]): Promise<Map<number, ModelVersionEntity[]>> {
    const out = new Map<number, ModelVersionEntity[]>(modelIds.map((id) => [id, []]));
    if (!modelIds.length) return out;
    const rows = await this.versionRepo().find({
      where: { modelId: In(modelIds) },
      order: { modelId: 'ASC', version: 'ASC' },
    });
    for (const v of rows) out.get(v.modelId)?.push(v);
    return out;
  }

  async version(modelId: number, version: number): Promise<ModelVersionEntity> {
    await this.get(modelId);
    const v = await this.versionRepo().findOneBy({ modelId, version });
    if (!v) throw new NotFoundException(`model ${modelId} has no version ${version}`);
    return v;
  }

  /**
   * The version a prediction uses: the one asked for, else the newest in `stage`, else the
   * newest production version, else the newest that is not archived.
   */
  async servingVersion(
    modelId: number,
    ask: { version?: number; stage?: ModelStage },
  ): Promise<ModelVersionEntity> {
    if (ask.version !== undefined) return this.version(modelId, ask.version);
    const all = (await this.versions(modelId)).reverse();
    const pick = ask.stage
      ? all.find((v) => v.stage === ask.stage)
      : (all.find((v) => v.stage === 'production') ?? all.find((v) => v.stage !== 'archived'));
    if (!pick)
      throw new ConflictException(
        `model ${modelId} has no ${ask.stage ? `${ask.stage} ` : 'usable '}version`,
      );
    return pick;
  }

  async updateVersion(
    modelId: number,
    version: number,
    fields: { stage?: ModelStage; description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersionEntity> {
    const v = await this.version(modelId, version);
    await this.versionRepo().update(
      { versionId: v.versionId },
      {
        ...(fields.stage !== undefined ? { stage: fields.stage } : {}),
        ...(fields.description !== undefined ? { description: fields.description } : {}),
        ...(fields.tags !== undefined ? { tags: fields.tags } : {}),
      },
    );
    return this.version(modelId, version);
  }

  async deleteVersion(modelId: number, version: number): Promise<void> {
    const v = await this.version(modelId, version);
    await this.versionRepo().delete({ versionId: v.versionId });
    await this.store.delete(v.storageKey);
  }

  /** The artifact's bytes, streamed. */
  async artifact(v: ModelVersionEntity): Promise<Readable> {
    return this.store.get(v.storageKey);
  }

  /**
   * Adds a version: the artifact is stored first (under a fresh key), then the row is written
   * with the next version number under a lock on the model; a failed write removes the object.
   * `m`: the caller's transaction (a classifier job records its results with it).
   */
  async addVersion(
    modelId: number,
    nv: NewVersion,
    m?: EntityManager,
  ): Promise<ModelVersionEntity> {
    if (nv.sourceRunId) {
      const existing = await this.versionRepo(m).findOneBy({ sourceRunId: nv.sourceRunId });
      if (existing) return existing;
    }
    const ext = nv.format === 'onnx' ? 'onnx' : 'json';
    const key = `models/model_${modelId}/${randomUUID()}.${ext}`;
    await this.store.put(key, nv.bytes, {
      contentType: nv.format === 'onnx' ? 'application/octet-stream' : 'application/json',
    });
    const write = async (tx: EntityManager) => {
      await tx
        .getRepository(ModelEntity)
        .findOne({ where: { modelId }, lock: { mode: 'pessimistic_write' } });
      await this.get(modelId, tx);
      const last = await tx
        .getRepository(ModelVersionEntity)
        .findOne({ where: { modelId }, order: { version: 'DESC' } });
      const version = (last?.version ?? 0) + 1;
      await tx.getRepository(ModelVersionEntity).insert({
        modelId,
        version,
        format: nv.format,
        storageKey: key,
        sizeBytes: String(nv.bytes.length),
        sha256: createHash('sha256').update(nv.bytes).digest('hex'),
        features: nv.features,
        classes: nv.classes,
        stage: nv.stage ?? 'none',
        description: nv.description ?? '',
        tags: nv.tags ?? {},
        metrics: (nv.metrics ?? {}) as never,
        source: nv.source as never,
        sourceRunId: nv.sourceRunId ?? null,
      });
      return tx.getRepository(ModelVersionEntity).findOneByOrFail({ modelId, version });
    };
    try {
      return m ? await write(m) : await this.db.transaction(write);
    } catch (e) {
      await this.store.delete(key).catch(() => undefined);
      if (e instanceof NotFoundException) throw e;
      if (pgError(e)?.code === UNIQUE_VIOLATION)
        throw new ConflictException('another version was added at the same time: try again');
      throw e;
    }
  }

  /** Creates the model with its first version; the model row goes too if the version fails. */
  async createWithVersion(
    fields: ModelFields,
    nv: NewVersion,
  ): Promise<{ model: ModelEntity; version: ModelVersionEntity }> {
    if (!nv.features.length) throw new BadRequestException('the model reads no features');
    const model = await this.create(fields);
    try {
      return { model, version: await this.addVersion(model.modelId, nv) };
    } catch (e) {
      await this.models().delete({ modelId: model.modelId });
      throw e;
    }
  }

  private models(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(ModelEntity);
  }

  private versionRepo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(ModelVersionEntity);
  }
}
