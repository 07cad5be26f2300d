import type { MaterializationEntity } from '../materializations/materialization.entity';
import {
  AssetObjectLostError,
  MaterializationsService,
} from '../materializations/materializations.service';
import type { RunContext } from '../runs/run-processor';
import type { SqlAssetType } from './sql-asset.types';
import type { SqlAssetsService } from './sql-assets.service';

/** How often a run waiting for an input's build looks again. */
const BUILD_POLL_MS = 1_000;

/**
 * The SQL-asset builds one run reads (a Snorkel job's index and rules, a classifier job's
 * features): each input's current build, requested and waited for when there is none, and
 * read through a local file; a build whose object was lost is waited for once rebuilt and read
 * instead. One instance per run: it remembers which build of each input the run read.
 */
export class AssetInputs {
  readonly built = new Map<string, MaterializationEntity>();

  constructor(
    private readonly assets: SqlAssetsService,
    private readonly materializations: MaterializationsService,
    private readonly ctx: Pick<RunContext, 'signal' | 'heartbeat' | 'log'>,
  ) {}

  /** The asset's current build; requested and waited for when there is none. */
  async ensure(type: SqlAssetType, cId: number, id: number): Promise<MaterializationEntity> {
    let requested = false;
    for (;;) {
      this.ctx.signal.throwIfAborted();
      const s = (await this.materializations.summaries(type, [id])).get(id);
      if (s?.latest?.status === 'PENDING') {
        await this.ctx.heartbeat();
        await new Promise((r) => setTimeout(r, BUILD_POLL_MS));
        continue;
      }
      if (s?.current) {
        this.built.set(`${type}:${id}`, s.current);
        return s.current;
      }
      if (requested)
        throw new Error(
          `${type} ${id} could not be materialized (its build ended ${s?.latest?.status ?? 'without a record'})`,
        );
      await this.ctx.log.info(`${type} ${id} has no materialization: requesting one`);
      await this.assets.materialize(type, cId, id);
      requested = true;
    }
  }

  /** The build `ensure` returned for the input (it must have been called). */
  buildOf(type: SqlAssetType, id: number): MaterializationEntity {
    const b = this.built.get(`${type}:${id}`);
    if (!b) throw new Error(`${type} ${id} was not made ready`);
    return b;
  }

  /** `fn` with the local files of several inputs' builds by id (opened one inside the other). */
  async readMany<T>(
    type: SqlAssetType,
    cId: number,
    ids: number[],
    fn: (files: Map<number, string>) => Promise<T>,
    files = new Map<number, string>(),
  ): Promise<T> {
    if (!ids.length) return fn(files);
    const [id, ...rest] = ids;
    return this.read(type, cId, id, (file) =>
      this.readMany(type, cId, rest, fn, new Map(files).set(id, file)),
    );
  }

  /**
   * `fn` on the local file of the input's build. A build whose object is gone (the object
   * store lost it, or another process's disk held it) has been re-requested by withObjectFile:
   * wait for that build and read it instead, once.
   */
  async read<T>(
    type: SqlAssetType,
    cId: number,
    id: number,
    fn: (file: string, build: MaterializationEntity) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const b = this.buildOf(type, id);
      try {
        return await this.materializations.withObjectFile(
          b,
          (file) => fn(file, b),
          this.ctx.signal,
        );
      } catch (e) {
        if (!(e instanceof AssetObjectLostError) || attempt > 0) throw e;
        await this.ctx.log.warn(
          `${type} ${id}: its stored data was lost; waiting for it to be rebuilt`,
        );
        await this.ensure(type, cId, id);
      }
    }
  }
}
