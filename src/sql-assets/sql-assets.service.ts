import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from '../common/pg-errors';
import { Dependent, dependentsConflict, DependentSource } from '../concepts/concept-dependents';
import { ConceptsService } from '../concepts/concepts.service';
import { MaterializationEntity } from '../materializations/materialization.entity';
import {
  AssetObjectLostError,
  BuildTicket,
  MaterializationsService,
} from '../materializations/materializations.service';
import { AssetFiles } from './asset-files.service';
import { DerivedIndexSources } from './derived-index.sources';
import { FeatureEntity } from './feature.entity';
import { DerivedFrom, IndexEntity } from './index.entity';
import { RuleEntity } from './rule.entity';
import type { OutputColumn } from './sql-asset.columns';
import { BUILD_KIND, buildKey, SqlAssetType, SqlDefinition } from './sql-asset.types';
import { SqlDescriber, usesIndexValues } from './sql-describer.service';

export type SqlAsset = IndexEntity | RuleEntity | FeatureEntity;
const ENTITY = { index: IndexEntity, rule: RuleEntity, feature: FeatureEntity } as const;
const ID = { index: 'indexId', rule: 'rId', feature: 'featureId' } as const;

export function assetId(type: SqlAssetType, a: SqlAsset): number {
  return (a as unknown as Record<string, number>)[ID[type]];
}

/** The fields a create or update may carry (index: conn_id/key_column; others: index_id/index_column). */
export interface AssetInput {
  name?: string;
  description?: string | null;
  sql_query?: string;
  conn_id?: number;
  key_column?: string;
  index_id?: number;
  index_column?: string;
  derived_from?: { job_id: number; label_filter: { cv_ids: number[]; min_confidence?: number } };
}

export interface AssetView {
  type: SqlAssetType;
  asset: SqlAsset;
  latest: MaterializationEntity | null;
  current: MaterializationEntity | null;
  stale: boolean;
  staleReasons: string[];
}

/**
 * Indexes, rules and features of a concept (one service: they differ in where their SQL runs
 * and which column holds the entity key). Definitions are checked where they will run
 * (SqlDescriber) when saved; builds go through MaterializationsService.
 */
@Injectable()
export class SqlAssetsService implements OnModuleInit {
  /** What other features keep on a rule (labeling functions): 409 on delete, or cascade. */
  private readonly ruleDependents: DependentSource[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly concepts: ConceptsService,
    private readonly materializations: MaterializationsService,
    private readonly describer: SqlDescriber,
    private readonly files: AssetFiles,
    private readonly derived: DerivedIndexSources,
  ) {}

  /** Called by features in onModuleInit. */
  registerRuleDependents(source: DependentSource): void {
    this.ruleDependents.push(source);
  }

  onModuleInit(): void {
    this.concepts.registerDependents({
      list: (m, cId) => this.dependentsOfConcept(m, cId),
      deleteAll: (m, cId) => this.deleteAllOfConcept(m, cId),
    });
    for (const type of ['index', 'rule', 'feature'] as const)
      this.materializations.registerAssetType(type, BUILD_KIND[type], async (id) => {
        const asset = await this.repo(type).findOneBy({ [ID[type]]: id });
        if (asset) await this.materialize(type, asset.cId, id);
      });
  }

  private repo(type: SqlAssetType, m: EntityManager = this.db.manager) {
    return m.getRepository<SqlAsset>(ENTITY[type]);
  }

  async list(type: SqlAssetType, cId: number, query: PageQuery): Promise<Page<AssetView>> {
    await this.concepts.get(cId);
    const limit = pageLimit(query.limit);
    const [after] = cursorPosition(query.cursor, ['int'] as const) ?? [0];
    const rows = await this.repo(type).find({
      where: { cId, [ID[type]]: MoreThan(after) },
      order: { [ID[type]]: 'ASC' },
      take: limit + 1,
    });
    const page = pageOf(
      rows,
      limit,
      (r) => r,
      (r) => encodeCursor([assetId(type, r)]),
    );
    return { ...page, items: await this.views(type, page.items) };
  }

  /** Every asset of the concept with its build state (the catalog). */
  async allOfConcept(cId: number): Promise<AssetView[]> {
    await this.concepts.get(cId);
    const out: AssetView[] = [];
    for (const type of ['index', 'rule', 'feature'] as const) {
      const rows = await this.repo(type).find({ where: { cId }, order: { [ID[type]]: 'ASC' } });
      out.push(...(await this.views(type, rows)));
    }
    return out;
  }

  async get(type: SqlAssetType, cId: number, id: number, m?: EntityManager): Promise<SqlAsset> {
    const found = await this.repo(type, m).findOneBy({ cId, [ID[type]]: id });
    if (!found) throw new NotFoundException(`${type} ${id} of concept ${cId} not found`);
    return found;
  }

  async view(type: SqlAssetType, cId: number, id: number): Promise<AssetView> {
    return (await this.views(type, [await this.get(type, cId, id)]))[0];
  }

  async create(type: SqlAssetType, cId: number, input: AssetInput): Promise<AssetView> {
    await this.concepts.get(cId);
    const fields = await this.checkedDefinition(type, cId, input, null);
    let id: number;
    try {
      const { identifiers } = await this.repo(type).insert({
        cId,
        name: input.name,
        description: input.description ?? null,
        ...fields,
      } as never);
      id = (identifiers[0] as Record<string, number>)[ID[type]];
    } catch (e) {
      throw translate(e, type, cId, input.name);
    }
    return this.view(type, cId, id);
  }

  async update(type: SqlAssetType, cId: number, id: number, input: AssetInput): Promise<AssetView> {
    const current = await this.get(type, cId, id);
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    const definitionChanged =
      (input.sql_query !== undefined && input.sql_query !== current.sqlQuery) ||
      (input.conn_id !== undefined && input.conn_id !== (current as IndexEntity).connId) ||
      (input.key_column !== undefined && input.key_column !== (current as IndexEntity).keyColumn) ||
      (input.index_id !== undefined && input.index_id !== (current as RuleEntity).indexId) ||
      (input.index_column !== undefined &&
        input.index_column !== (current as RuleEntity).indexColumn) ||
      input.derived_from !== undefined;
    if (definitionChanged) {
      Object.assign(changes, await this.checkedDefinition(type, cId, input, current));
      changes.definitionVersion = current.definitionVersion + 1;
    }
    if (Object.keys(changes).length) {
      try {
        await this.repo(type).update({ cId, [ID[type]]: id }, changes);
      } catch (e) {
        throw translate(e, type, cId, input.name);
      }
    }
    return this.view(type, cId, id);
  }

  /** An index with rules or features is a 409 listing them, unless `cascade`. */
  async remove(type: SqlAssetType, cId: number, id: number, cascade: boolean): Promise<void> {
    const after: (() => Promise<void>)[] = [];
    await this.db.transaction(async (m) => {
      await this.concepts.lock(m, cId);
      await this.get(type, cId, id, m);
      if (type === 'index') {
        const deps = await this.dependentsOfIndex(m, id);
        if (deps.length && !cascade) throw dependentsConflict(`index ${id}`, deps);
        for (const d of deps) after.push(await this.deleteOne(m, d.type as SqlAssetType, d.id));
      }
      if (type === 'rule' && !cascade) {
        const deps: Dependent[] = [];
        for (const source of this.ruleDependents) deps.push(...(await source.list(m, id)));
        if (deps.length) throw dependentsConflict(`rule ${id}`, deps);
      }
      after.push(await this.deleteOne(m, type, id));
    });
    for (const fn of after) await fn().catch(() => undefined);
  }

  /**
   * Requests a build (202). A rule or feature whose index has no build in flight and none
   * current triggers the index's build first; its own build waits for it.
   */
  async materialize(type: SqlAssetType, cId: number, id: number): Promise<BuildTicket> {
    const asset = await this.get(type, cId, id);
    if (type !== 'index') {
      const indexId = (asset as RuleEntity).indexId;
      const s = (await this.materializations.summaries('index', [indexId])).get(indexId);
      if (!s?.current && s?.latest?.status !== 'PENDING')
        await this.materialize('index', cId, indexId);
    }
    const { definition, inputs } = await this.definitionNow(type, asset);
    return this.materializations.request({
      asset: { type, id, conceptId: cId },
      kind: BUILD_KIND[type],
      definition,
      inputs,
      storageKey: (runId) => buildKey(type, id, runId),
      lock: async (m) => {
        await m
          .getRepository<SqlAsset>(ENTITY[type])
          .findOne({ where: { [ID[type]]: id }, lock: { mode: 'pessimistic_write' } })
          .then((a) => {
            if (!a) throw new NotFoundException(`${type} ${id} not found`);
          });
      },
    });
  }

  /** First rows: from the current build when it is fresh, else a live LIMITed query. */
  async preview(type: SqlAssetType, cId: number, id: number, limit: number) {
    const view = await this.view(type, cId, id);
    const derived = type === 'index' ? (view.asset as IndexEntity).derivedFrom : null;
    if (derived && (!view.current || view.stale))
      throw new ConflictException(
        `index ${id} is derived from Snorkel job ${derived.job_id}: it previews from its materialization only (materialize it first)`,
      );
    if (view.current && !view.stale) {
      try {
        const rows = await this.materializations.withObjectFile(view.current, (file) =>
          this.files.preview(file, view.asset.outputColumns, limit),
        );
        return {
          columns: (view.current.columns as OutputColumn[]) ?? view.asset.outputColumns,
          rows,
          source: 'materialized' as const,
          run_id: view.current.runId,
        };
      } catch (e) {
        if (!(e instanceof AssetObjectLostError)) throw e;
      }
    }
    const { definition } = await this.definitionNow(type, view.asset);
    let values: string[] = [];
    if (type !== 'index' && usesIndexValues(definition.sql_query)) {
      const index = await this.materializations.current('index', definition.index_id!);
      if (!index)
        throw new ConflictException(
          `index ${definition.index_id} is not materialized: its keys are needed for :index_values (materialize it first)`,
        );
      values = await this.materializations.withObjectFile(index, (file) =>
        this.files.keys(file, definition.index_key_column!),
      );
    }
    const live = await this.describer.live(definition.conn_id, definition.sql_query, limit, {
      type: definition.index_key_type,
      values,
    });
    const rows = live.rows.map((r) =>
      Object.fromEntries(live.columns.map((c, i) => [c.name, jsonValue(r[i])])),
    );
    return { columns: live.columns, rows, source: 'live' as const, run_id: null };
  }

  /** What a build of the asset would be made from now (definition + current inputs). */
  private async definitionNow(
    type: SqlAssetType,
    asset: SqlAsset,
    indexes?: Map<number, IndexEntity>,
  ): Promise<{ definition: SqlDefinition; inputs: Record<string, string | null> }> {
    if (type === 'index') {
      const a = asset as IndexEntity;
      return {
        definition: {
          conn_id: a.connId,
          sql_query: a.sqlQuery,
          key_column: a.keyColumn,
          output_columns: a.outputColumns,
          ...(a.derivedFrom ? { derived_from: a.derivedFrom } : {}),
        },
        inputs: a.derivedFrom
          ? { job: (await this.derived.job(a.cId, a.derivedFrom.job_id))?.runId ?? null }
          : {},
      };
    }
    const a = asset as RuleEntity;
    const index =
      indexes?.get(a.indexId) ??
      ((await this.repo('index').findOneByOrFail({ indexId: a.indexId } as never)) as IndexEntity);
    const current = await this.materializations.current('index', a.indexId);
    return {
      definition: {
        conn_id: index.connId,
        sql_query: a.sqlQuery,
        key_column: a.indexColumn,
        index_id: a.indexId,
        index_key_column: index.keyColumn,
        index_key_type: index.outputColumns.find((c) => c.name === index.keyColumn)?.pg_type,
        output_columns: a.outputColumns,
      },
      inputs: { index: current?.runId ?? null },
    };
  }

  private async views(type: SqlAssetType, rows: SqlAsset[]): Promise<AssetView[]> {
    const summaries = await this.materializations.summaries(
      type,
      rows.map((r) => assetId(type, r)),
    );
    const indexes = new Map<number, IndexEntity>();
    const out: AssetView[] = [];
    for (const asset of rows) {
      if (type !== 'index') {
        const ix = (asset as RuleEntity).indexId;
        if (!indexes.has(ix))
          indexes.set(
            ix,
            (await this.repo('index').findOneBy({ indexId: ix } as never)) as IndexEntity,
          );
      }
      const s = summaries.get(assetId(type, asset));
      const now = await this.definitionNow(type, asset, indexes);
      const st = this.materializations.staleness(s?.current ?? null, now);
      out.push({
        type,
        asset,
        latest: s?.latest ?? null,
        current: s?.current ?? null,
        stale: st.stale,
        staleReasons: st.reasons,
      });
    }
    return out;
  }

  /** Validates and describes a definition; the entity fields to store. */
  private async checkedDefinition(
    type: SqlAssetType,
    cId: number,
    input: AssetInput,
    current: SqlAsset | null,
  ): Promise<Record<string, unknown>> {
    if (type === 'index') {
      const cur = current as IndexEntity | null;
      const sqlFields =
        input.sql_query !== undefined ||
        input.conn_id !== undefined ||
        input.key_column !== undefined;
      if (input.derived_from && sqlFields)
        throw new BadRequestException(
          'a derived index has no SQL of its own: give derived_from, or conn_id, sql_query and key_column',
        );
      if (cur?.derivedFrom && sqlFields)
        throw new BadRequestException(
          `index ${cur.indexId} is derived from Snorkel job ${cur.derivedFrom.job_id}: only its name, description and derived_from change`,
        );
      if (cur && !cur.derivedFrom && input.derived_from)
        throw new BadRequestException(
          `index ${cur.indexId} has SQL of its own: it cannot become derived`,
        );
      if (input.derived_from || cur?.derivedFrom) {
        const d = input.derived_from
          ? {
              job_id: input.derived_from.job_id,
              cv_ids: [...new Set(input.derived_from.label_filter.cv_ids)].sort((a, b) => a - b),
              min_confidence: input.derived_from.label_filter.min_confidence ?? 0,
            }
          : cur!.derivedFrom!;
        return this.derivedDefinition(cId, d);
      }
      const sql = input.sql_query ?? current!.sqlQuery;
      const connId = input.conn_id ?? cur!.connId;
      const keyColumn = input.key_column ?? cur!.keyColumn;
      const columns = await this.describer.describe(connId, sql, {
        field: 'key_column',
        name: keyColumn,
      });
      return { connId, sqlQuery: sql, keyColumn, outputColumns: columns };
    }
    const sql = input.sql_query ?? current!.sqlQuery;
    const cur = current as RuleEntity | null;
    const indexId = input.index_id ?? cur!.indexId;
    const indexColumn = input.index_column ?? cur!.indexColumn;
    const index = (await this.repo('index').findOneBy({ indexId } as never)) as IndexEntity | null;
    if (!index || index.cId !== cId)
      throw new BadRequestException(`index_id ${indexId} is not an index of concept ${cId}`);
    const keyType = index.outputColumns.find((c) => c.name === index.keyColumn)?.pg_type;
    const columns = await this.describer.describe(
      index.connId,
      sql,
      { field: 'index_column', name: indexColumn },
      keyType,
    );
    return { indexId, sqlQuery: sql, indexColumn, outputColumns: columns };
  }

  /** The stored fields of a derived index: the job's index's connection and key column. */
  private async derivedDefinition(cId: number, d: DerivedFrom): Promise<Record<string, unknown>> {
    const job = await this.derived.job(cId, d.job_id);
    if (!job)
      throw new BadRequestException(
        `derived_from.job_id: concept ${cId} has no Snorkel job ${d.job_id}`,
      );
    const parent = (await this.repo('index').findOneBy({
      indexId: job.indexId,
    } as never)) as IndexEntity | null;
    if (!parent)
      throw new BadRequestException(
        `derived_from.job_id: the index of Snorkel job ${d.job_id} no longer exists`,
      );
    return {
      connId: parent.connId,
      sqlQuery: `-- derived from Snorkel job ${d.job_id}: label in (${d.cv_ids.join(', ')}) with confidence >= ${d.min_confidence}`,
      keyColumn: parent.keyColumn,
      outputColumns: parent.outputColumns.filter((c) => c.name === parent.keyColumn),
      derivedFrom: d,
    };
  }

  private async dependentsOfIndex(m: EntityManager, indexId: number): Promise<Dependent[]> {
    const out: Dependent[] = [];
    for (const type of ['rule', 'feature'] as const) {
      const rows = await this.repo(type, m).find({ where: { indexId } as never });
      out.push(...rows.map((r) => ({ type, id: assetId(type, r), name: r.name })));
    }
    return out;
  }

  private async dependentsOfConcept(m: EntityManager, cId: number): Promise<Dependent[]> {
    const out: Dependent[] = [];
    for (const type of ['rule', 'feature', 'index'] as const) {
      const rows = await this.repo(type, m).find({ where: { cId } });
      out.push(...rows.map((r) => ({ type, id: assetId(type, r), name: r.name })));
    }
    return out;
  }

  private async deleteAllOfConcept(m: EntityManager, cId: number) {
    const after: (() => Promise<void>)[] = [];
    for (const d of await this.dependentsOfConcept(m, cId))
      after.push(await this.deleteOne(m, d.type as SqlAssetType, d.id));
    return async () => {
      for (const fn of after) await fn().catch(() => undefined);
    };
  }

  private async deleteOne(m: EntityManager, type: SqlAssetType, id: number) {
    const later: (() => Promise<void>)[] = [];
    if (type === 'rule')
      for (const source of this.ruleDependents) later.push(await source.deleteAll(m, id));
    const built = await this.materializations.deleteAsset(m, type, id);
    await this.repo(type, m).delete({ [ID[type]]: id });
    return async () => {
      for (const fn of later) await fn().catch(() => undefined);
      await built();
    };
  }
}

/** A pg value as JSON (Dates as ISO text; everything else pg gives is JSON already). */
function jsonValue(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  return v;
}

function translate(e: unknown, type: SqlAssetType, cId: number, name?: string): unknown {
  const pg = pgError(e);
  if (pg?.code === UNIQUE_VIOLATION)
    return new ConflictException(
      `concept ${cId} already has a ${type} named "${name ?? ''}"; choose another name`,
    );
  if (pg?.code === FOREIGN_KEY_VIOLATION)
    return new NotFoundException(
      `the concept, connection or index this ${type} refers to does not exist (any more)`,
    );
  return e;
}
