import { Inject, Injectable, Logger } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import {
  definitionHash,
  fingerprint,
  Inputs,
  staleness,
  Staleness,
} from '../../libs/asset-fingerprint';
import { isFinal } from '../../libs/runs-core';
import {
  OBJECT_STORE,
  ObjectNotFoundError,
  ObjectStore,
} from '../infra/object-store/object-store.port';
import type { Run } from '../runs/run.types';
import { RunsService } from '../runs/runs.service';
import { MaterializationEntity } from './materialization.entity';
import { MaterializationsRepository, MaterializationWithRun } from './materializations.repository';

/** An asset: its type (`index`, `rule`, ...), id, and concept. */
export interface AssetRef {
  type: string;
  id: number;
  conceptId: number | null;
}

/** What a build request needs; the run's processor reads the definition back from the row. */
export interface BuildRequest {
  asset: AssetRef;
  /** The run kind that builds this asset type. */
  kind: string;
  /** What the build is made from (SQL, columns ...): stored with it, hashed for staleness. */
  definition: Record<string, unknown>;
  /** The input materializations current now (input name → run id, null: none). */
  inputs: Inputs;
  /** Object key of the build's output (one per run: a redelivered run rewrites the same key). */
  storageKey: (runId: string) => string;
  /** Called in the request's transaction first: lock the asset row (and 404 if it is gone). */
  lock: (m: EntityManager) => Promise<void>;
}

export interface BuildTicket {
  run_id: string;
  status: string;
  /** false: a build of this asset was already in flight, and this is it. */
  created: boolean;
}

/** What a build processor returns: the run's metadata, recorded on the materialization. */
export interface BuildResult {
  row_count: number;
  column_stats: Record<string, unknown>;
  columns: unknown[];
  /** The input materializations actually read (may be newer than at request time). */
  inputs: Inputs;
  [key: string]: unknown;
}

/** The object of an asset's current build is gone; a new build was requested. */
export class AssetObjectLostError extends Error {}

/** Re-requests a build of one asset (registered per asset type, used to heal lost objects). */
export type Rebuild = (assetId: number) => Promise<unknown>;

/**
 * The lifecycle every pipeline asset shares (issue 10): a build request creates the run and
 * the materialization row in one transaction (at most one in flight per asset: a unique
 * index); the run's end (run-ended event) records status, row count, stats and the inputs it
 * read, and collects the objects of superseded builds; `staleness` compares the asset now with
 * what its current build was made from; a read that finds the object gone marks it lost and
 * requests a new build.
 */
@Injectable()
export class MaterializationsService {
  private readonly logger = new Logger('Materializations');
  private readonly rebuilders = new Map<string, Rebuild>();

  constructor(
    private readonly repo: MaterializationsRepository,
    private readonly runs: RunsService,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  /** An asset type's build kind and how to rebuild one (call in onModuleInit). */
  registerAssetType(assetType: string, kind: string, rebuild: Rebuild): void {
    this.rebuilders.set(assetType, rebuild);
    this.runs.onEnded([kind], (run) => this.recordEnd(run));
  }

  /**
   * Requests a build: returns the one in flight for this asset if there is one (two clicks,
   * one run), else creates run + row in one transaction.
   */
  async request(req: BuildRequest): Promise<BuildTicket> {
    const ticket = await this.runs.transaction(async (tx) => {
      await req.lock(tx.manager);
      const pending = await this.repo.pending(tx.manager, req.asset.type, req.asset.id);
      if (pending) {
        const { run } = await this.runs.get(pending.runId);
        if (!isFinal(run.status)) return { run_id: run.run_id, status: run.status, created: false };
        // ended but not recorded yet (its event is on the way): record it now
        await this.recordEnd(run, tx.manager);
      }
      const n = await this.repo.count(tx.manager, req.asset.type, req.asset.id);
      const fp = fingerprint(req.definition, req.inputs);
      const [{ run }] = await tx.create([
        {
          kind: req.kind,
          params: { asset_id: req.asset.id },
          runKey: `${req.asset.type}:${req.asset.id}:${fp.slice(0, 16)}:${n + 1}`,
        },
      ]);
      await this.repo.insert(tx.manager, {
        runId: run.run_id,
        assetType: req.asset.type,
        assetId: req.asset.id,
        cId: req.asset.conceptId,
        definitionHash: definitionHash(req.definition),
        fingerprint: fp,
        definition: req.definition,
        inputs: req.inputs,
        status: 'PENDING',
        storageKey: req.storageKey(run.run_id),
      });
      return { run_id: run.run_id, status: run.status, created: true };
    });
    return ticket;
  }

  get(runId: string): Promise<MaterializationEntity | null> {
    return this.repo.get(runId);
  }

  /** The asset's current build (newest SUCCESS not known lost), or null. */
  current(assetType: string, assetId: number): Promise<MaterializationEntity | null> {
    return this.repo.current(assetType, assetId);
  }

  summaries(assetType: string, assetIds: number[]) {
    return this.repo.summaries(assetType, assetIds);
  }

  /** Whether `built` is stale against the asset's definition and inputs now. */
  staleness(
    built: MaterializationEntity | null,
    now: { definition: Record<string, unknown>; inputs: Inputs },
  ): Staleness {
    return staleness(built && { definitionHash: built.definitionHash, inputs: built.inputs }, now);
  }

  /**
   * Runs `fn` with a local file holding the build's object (the object itself on the fs
   * store, else a download removed afterwards). A missing object marks the build lost,
   * requests a new build of the asset, and throws AssetObjectLostError.
   */
  async withObjectFile<T>(
    built: MaterializationEntity,
    fn: (file: string) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const key = built.storageKey;
    if (!key) throw new Error(`materialization ${built.runId} has no object`);
    const local = this.store.localPath(key);
    if (local !== null) {
      if (!(await this.store.head(key))) return this.lost(built);
      return fn(local);
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-asset-'));
    try {
      const file = path.join(dir, 'object.parquet');
      try {
        await pipeline(await this.store.get(key), createWriteStream(file), { signal });
      } catch (e) {
        if (e instanceof ObjectNotFoundError) return await this.lost(built);
        throw e;
      }
      return await fn(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async lost(built: MaterializationEntity): Promise<never> {
    await this.repo.markLost(built.runId);
    this.logger.warn(
      `the object of ${built.assetType} ${built.assetId} (run ${built.runId}, ${built.storageKey}) is gone; rebuilding`,
    );
    const rebuild = this.rebuilders.get(built.assetType);
    if (rebuild)
      await rebuild(built.assetId).catch((e) => this.logger.warn(`rebuild failed: ${e}`));
    throw new AssetObjectLostError(
      `the stored data of ${built.assetType} ${built.assetId} was lost; a new materialization was requested`,
    );
  }

  /**
   * Records a build's end from its run (the run-ended event; idempotent: only a PENDING row
   * changes). SUCCESS: rows, stats, the inputs read, then the objects of older builds go.
   * Otherwise: the object the run may have written goes.
   */
  async recordEnd(run: Run, m?: EntityManager): Promise<void> {
    const row = await this.repo.get(run.run_id, m);
    if (!row || row.status !== 'PENDING') return;
    if (run.status === 'SUCCESS') {
      const meta = run.metadata as Partial<BuildResult>;
      const inputs = (meta.inputs as Inputs | undefined) ?? row.inputs;
      await this.repo.recordEnd(
        run.run_id,
        {
          status: 'SUCCESS',
          rowCount: String(meta.row_count ?? 0),
          columnStats: (meta.column_stats as Record<string, unknown>) ?? {},
          columns: (meta.columns as unknown[]) ?? [],
          inputs,
          fingerprint: fingerprint(row.definition, inputs),
          materializedAt: run.ended_at ?? new Date(),
        },
        m,
      );
      if (!m) await this.collect(row.assetType, row.assetId);
      return;
    }
    const recorded = await this.repo.recordEnd(
      run.run_id,
      {
        status: run.status === 'FAILURE' ? 'FAILURE' : 'CANCELED',
        error: run.error,
        storageKey: null,
      },
      m,
    );
    if (recorded && row.storageKey) await this.store.delete(row.storageKey).catch(() => undefined);
  }

  /** Deletes the objects of builds a newer SUCCESS superseded. */
  async collect(assetType: string, assetId: number): Promise<void> {
    for (const old of await this.repo.superseded(assetType, assetId)) {
      await this.store.delete(old.storageKey!).catch(() => undefined);
      await this.repo.markCollected(old.runId);
    }
  }

  /**
   * Deletes an asset's materializations in `m`'s transaction; returns what to do after it
   * commits: cancel its runs in flight and delete its objects.
   */
  async deleteAsset(
    m: EntityManager,
    assetType: string,
    assetId: number,
  ): Promise<() => Promise<void>> {
    const rows = await this.repo.deleteAsset(m, assetType, assetId);
    return async () => {
      for (const r of rows) {
        if (r.status === 'PENDING') await this.runs.cancel(r.runId).catch(() => undefined);
        if (r.storageKey) await this.store.delete(r.storageKey).catch(() => undefined);
      }
    };
  }
}

export type { MaterializationWithRun };
