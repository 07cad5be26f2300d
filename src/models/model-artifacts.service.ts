import { BadRequestException, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { loadClassifier } from '../../libs/classifiers';
import {
  checkPortable,
  PortableModel,
  PortableModelError,
  predictPortable,
} from '../../libs/classifiers/portable';
import { OnnxModelError, OnnxPredictor } from '../infra/onnx/onnx-model';
import type {
  ArtifactFormat,
  ModelClass,
  ModelFeature,
  ModelVersionEntity,
} from './model-version.entity';
import type { ModelEntity } from './model.entity';
import type { parseUploadFields } from './models.dto';
import { ModelFields, ModelsService, NewVersion } from './models.service';

/** A model ready to predict: rows (NaN = missing) in its feature order → probabilities. */
export interface LoadedModel {
  format: ArtifactFormat;
  d: number;
  k: number;
  /** Whether a missing input can be filled in (portable models impute; ONNX models cannot). */
  imputes: boolean;
  /** n × k probabilities of n × d rows. */
  predict(x: Float64Array, n: number): Promise<Float64Array>;
  release(): Promise<void>;
}

/** What an upload turned out to be. */
export interface CheckedArtifact {
  format: ArtifactFormat;
  features: ModelFeature[];
  classes: ModelClass[];
  /** Held-out metrics a portable model carries, if any. */
  metrics: Record<string, unknown>;
}

/** Loaded models kept per artifact (a version's artifact never changes). */
const CACHE_SIZE = 8;

/**
 * Model artifacts: an upload recognised and checked (400 naming the problem: not JSON or ONNX,
 * a portable model whose parts disagree, an ONNX graph outside the serving contract, feature
 * or class names that do not fit it), and versions loaded for predictions, a few kept loaded.
 */
@Injectable()
export class ModelArtifacts implements OnModuleDestroy {
  private readonly cache = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly registry: ModelsService) {}

  async onModuleDestroy(): Promise<void> {
    const all = [...this.cache.values()];
    this.cache.clear();
    for (const p of all) await p.then((m) => m.release()).catch(() => undefined);
  }

  /**
   * Recognises and checks uploaded bytes. `names`: feature names for an ONNX model (default
   * x0 … x{d-1}); `classNames`: its class names (default class_0 …). A portable model brings
   * its own.
   */
  async check(bytes: Buffer, names?: string[], classNames?: string[]): Promise<CheckedArtifact> {
    if (!bytes.length) throw new BadRequestException('file: the upload is empty');
    const first = bytes.subarray(0, 64).toString('latin1').trimStart()[0];
    if (first === '{') {
      const p = parsePortable(bytes);
      if (names || classNames)
        throw new BadRequestException(
          'features and classes come from a tippers-classifier file itself: do not send them',
        );
      return {
        format: 'tippers',
        features: p.features,
        classes: p.classes,
        metrics: {},
      };
    }
    let predictor: OnnxPredictor;
    try {
      predictor = await OnnxPredictor.load(bytes);
    } catch (e) {
      if (e instanceof OnnxModelError)
        throw new BadRequestException(
          `file: neither a tippers-classifier JSON document nor a usable ONNX model (${e.message})`,
        );
      throw e;
    }
    try {
      const d = predictor.contract.input.features;
      let k = predictor.contract.probabilities.classes;
      if (k === null) k = (await predictor.predict(new Float32Array(d), 1, d)).classes;
      const features = names ?? Array.from({ length: d }, (_, j) => `x${j}`);
      if (features.length !== d)
        throw new BadRequestException(
          `features: the model reads ${d} inputs, ${features.length} names were given`,
        );
      if (new Set(features).size !== d)
        throw new BadRequestException('features: names must not repeat');
      const classes = classNames ?? Array.from({ length: k }, (_, c) => `class_${c}`);
      if (classes.length !== k)
        throw new BadRequestException(
          `classes: the model predicts ${k} classes, ${classes.length} names were given`,
        );
      return {
        format: 'onnx',
        features: features.map((name) => ({ name })),
        classes: classes.map((name, index) => ({ index, name })),
        metrics: {},
      };
    } finally {
      await predictor.release();
    }
  }

  /**
   * Registers an upload: checked, then added as the next version of `modelId`, or as version 1
   * of a new model (`modelId` null, `fields.model.name` required). Nothing stays registered if
   * any step fails.
   */
  async upload(
    modelId: number | null,
    bytes: Buffer,
    filename: string,
    fields: ReturnType<typeof parseUploadFields>,
  ): Promise<{ model: ModelEntity; version: ModelVersionEntity }> {
    if (modelId === null && !fields.model.name)
      throw new BadRequestException('name: a new model needs a name');
    if (modelId !== null) await this.registry.get(modelId);
    const checked = await this.check(bytes, fields.features, fields.classes);
    const version: NewVersion = {
      format: checked.format,
      bytes,
      features: checked.features,
      classes: checked.classes,
      metrics: checked.metrics,
      stage: fields.stage,
      description: fields.description,
      source: { upload: filename.slice(0, 255) },
    };
    if (modelId === null)
      return this.registry.createWithVersion(fields.model as ModelFields, version);
    const v = await this.registry.addVersion(modelId, version);
    return { model: await this.registry.get(modelId), version: v };
  }

  /** The version's model, loaded (and kept among the last few loaded). */
  load(v: ModelVersionEntity): Promise<LoadedModel> {
    const hit = this.cache.get(v.storageKey);
    if (hit) {
      this.cache.delete(v.storageKey);
      this.cache.set(v.storageKey, hit);
      return hit;
    }
    const p = this.open(v);
    this.cache.set(v.storageKey, p);
    p.catch(() => this.cache.delete(v.storageKey));
    while (this.cache.size > CACHE_SIZE) {
      const [oldest, loading] = this.cache.entries().next().value as [string, Promise<LoadedModel>];
      this.cache.delete(oldest);
      void loading.then((m) => m.release()).catch(() => undefined);
    }
    return p;
  }

  /** Forgets a deleted version's loaded model. */
  forget(storageKey: string): void {
    const p = this.cache.get(storageKey);
    this.cache.delete(storageKey);
    void p?.then((m) => m.release()).catch(() => undefined);
  }

  private async open(v: ModelVersionEntity): Promise<LoadedModel> {
    const bytes = await readAll(await this.registry.artifact(v));
    if (v.format === 'tippers') {
      const p = parsePortable(bytes);
      const model = loadClassifier(p.model);
      const d = p.features.length;
      return {
        format: 'tippers',
        d,
        k: p.classes.length,
        imputes: true,
        predict: (x, n) => Promise.resolve(predictPortable(p, model, { x, n, d })),
        release: () => Promise.resolve(),
      };
    }
    const predictor = await OnnxPredictor.load(bytes);
    const d = predictor.contract.input.features;
    return {
      format: 'onnx',
      d,
      k: v.classes.length,
      imputes: false,
      predict: async (x, n) => {
        const out = await predictor.predict(Float32Array.from(x), n, d);
        return Float64Array.from(out.proba);
      },
      release: () => predictor.release(),
    };
  }
}

/** A portable model from JSON bytes, checked (400 naming the problem). */
export function parsePortable(bytes: Buffer): PortableModel {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new BadRequestException(`file: not valid JSON (${(e as Error).message})`);
  }
  try {
    const p = checkPortable(doc);
    loadClassifier(p.model);
    return p;
  } catch (e) {
    if (e instanceof PortableModelError) throw new BadRequestException(`file: ${e.message}`);
    if (e instanceof Error)
      throw new BadRequestException(`file: the model's parameters are not usable: ${e.message}`);
    throw e;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
