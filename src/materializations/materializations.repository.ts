import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RunStatus } from '../../libs/runs-core';
import { MaterializationEntity } from './materialization.entity';

/** A materialization with the live status of its run. */
/** Columns of a row (its run relation left out). */
export type MaterializationFields = Omit<Partial<MaterializationEntity>, 'run'>;
const asRow = (f: MaterializationFields) => f as QueryDeepPartialEntity<MaterializationEntity>;

export type MaterializationWithRun = MaterializationEntity & {
  runStatus: RunStatus | null;
  runEndedAt: Date | null;
};

/** SQL on the materializations table (its one owner). */
@Injectable()
export class MaterializationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private repo(m: EntityManager = this.db.manager) {
    return m.getRepository(MaterializationEntity);
  }

  insert(m: EntityManager, row: MaterializationFields): Promise<unknown> {
    return this.repo(m).insert(asRow(row));
  }

  get(runId: string, m?: EntityManager): Promise<MaterializationEntity | null> {
    return this.repo(m).findOneBy({ runId });
  }

  /** The asset's build in flight (PENDING), if any. */
  pending(m: EntityManager, assetType: string, assetId: number) {
    return this.repo(m).findOneBy({ assetType, assetId, status: 'PENDING' });
  }

  count(m: EntityManager, assetType: string, assetId: number): Promise<number> {
    return this.repo(m).countBy({ assetType, assetId });
  }

  /** The newest SUCCESS whose object is not known lost: the asset's current data. */
  current(assetType: string, assetId: number, m?: EntityManager) {
    return this.repo(m)
      .createQueryBuilder('x')
      .where('x.asset_type = :assetType AND x.asset_id = :assetId', { assetType, assetId })
      .andWhere(`x.status = 'SUCCESS' AND x.object_lost_at IS NULL`)
      .orderBy('x.requested_at', 'DESC')
      .getOne();
  }

  /** Per asset id: its newest materialization (any status) and its current one. */
  async summaries(
    assetType: string,
    assetIds: number[],
  ): Promise<
    Map<number, { latest: MaterializationWithRun | null; current: MaterializationEntity | null }>
  > {
    const out = new Map<
      number,
      { latest: MaterializationWithRun | null; current: MaterializationEntity | null }
    >();
    if (!assetIds.length) return out;
    for (const id of assetIds) out.set(id, { latest: null, current: null });
    const latest = await this.db.query<Record<string, unknown>[]>(
      `SELECT DISTINCT ON (m.asset_id) m.run_id, r.status AS run_status, r.ended_at AS run_ended_at
         FROM materializations m LEFT JOIN runs r ON r.run_id = m.run_id
        WHERE m.asset_type = $1 AND m.asset_id = ANY($2)
        ORDER BY m.asset_id, m.requested_at DESC`,
      [assetType, assetIds],
    );
    const current = await this.db.query<{ run_id: string }[]>(
      `SELECT DISTINCT ON (asset_id) run_id FROM materializations
        WHERE asset_type = $1 AND asset_id = ANY($2) AND status = 'SUCCESS' AND object_lost_at IS NULL
        ORDER BY asset_id, requested_at DESC`,
      [assetType, assetIds],
    );
    const ids = [...latest.map((r) => r.run_id as string), ...current.map((r) => r.run_id)];
    const rows = ids.length
      ? await this.repo().createQueryBuilder('x').where('x.run_id IN (:...ids)', { ids }).getMany()
      : [];
    const byRun = new Map(rows.map((r) => [r.runId, r]));
    for (const l of latest) {
      const row = byRun.get(l.run_id as string)!;
      out.get(row.assetId)!.latest = Object.assign(row, {
        runStatus: (l.run_status as RunStatus | null) ?? null,
        runEndedAt: (l.run_ended_at as Date | null) ?? null,
      });
    }
    for (const c of current) {
      const row = byRun.get(c.run_id)!;
      out.get(row.assetId)!.current = row;
    }
    return out;
  }

  /** Records a run's end once (only while PENDING): true if this call recorded it. */
  async recordEnd(
    runId: string,
    fields: MaterializationFields & { status: MaterializationEntity['status'] },
    m?: EntityManager,
  ): Promise<boolean> {
    const { affected } = await this.repo(m).update({ runId, status: 'PENDING' }, asRow(fields));
    return (affected ?? 0) > 0;
  }

  /** SUCCESS builds of the asset other than its newest that still have an object. */
  superseded(assetType: string, assetId: number): Promise<MaterializationEntity[]> {
    return this.repo()
      .createQueryBuilder('x')
      .where('x.asset_type = :assetType AND x.asset_id = :assetId', { assetType, assetId })
      .andWhere(`x.status = 'SUCCESS' AND x.collected_at IS NULL AND x.storage_key IS NOT NULL`)
      .andWhere(
        `x.requested_at < (SELECT max(y.requested_at) FROM materializations y
           WHERE y.asset_type = x.asset_type AND y.asset_id = x.asset_id AND y.status = 'SUCCESS')`,
      )
      .getMany();
  }

  async markCollected(runId: string): Promise<void> {
    await this.repo().update({ runId }, { collectedAt: () => 'now()' } as never);
  }

  async markLost(runId: string): Promise<void> {
    await this.repo()
      .createQueryBuilder()
      .update()
      .set({ objectLostAt: () => 'now()' })
      .where('run_id = :runId AND object_lost_at IS NULL', { runId })
      .execute();
  }

  /** Deletes the asset's rows; returns them (their objects and runs are the caller's to end). */
  async deleteAsset(
    m: EntityManager,
    assetType: string,
    assetId: number,
  ): Promise<MaterializationEntity[]> {
    const rows = await this.repo(m).findBy({ assetType, assetId });
    if (rows.length) await this.repo(m).delete({ assetType, assetId });
    return rows;
  }

  /** The materializations of the given assets' types in a concept (catalog). */
  listForConcept(cId: number): Promise<MaterializationEntity[]> {
    return this.repo().find({ where: { cId }, order: { requestedAt: 'DESC' }, take: 10_000 });
  }
}
