import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogSources } from '../catalog/catalog-sources';
import type { CatalogEntry } from '../catalog/catalog.dto';
import type { RuleEntity } from '../sql-assets/rule.entity';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { LabelingFunctionEntity } from './labeling-function.entity';

/**
 * Labeling functions in the concept's catalog, with their rule's index: ACTIVE, INACTIVE or
 * AWAITING_APPROVAL (nothing is materialized for an LF; its votes are computed by jobs).
 */
@Injectable()
export class LabelingFunctionsCatalog implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogSources,
    private readonly assets: SqlAssetsService,
  ) {}

  onModuleInit(): void {
    this.catalog.register((cId) => this.entries(cId));
  }

  async entries(cId: number): Promise<CatalogEntry[]> {
    const lfs = await this.db
      .getRepository(LabelingFunctionEntity)
      .find({ where: { cId }, order: { lfId: 'ASC' } });
    const indexOf = new Map<number, number | null>();
    for (const ruleId of new Set(lfs.map((lf) => lf.ruleId)))
      indexOf.set(
        ruleId,
        await this.assets
          .get('rule', cId, ruleId)
          .then((r) => (r as RuleEntity).indexId)
          .catch(() => null),
      );
    return lfs.map((lf) => ({
      asset_type: 'labeling_function',
      asset_id: lf.lfId,
      name: lf.name,
      index_id: indexOf.get(lf.ruleId) ?? null,
      status: !lf.isActive
        ? 'INACTIVE'
        : lf.requiresApproval && !lf.approvedAt
          ? 'AWAITING_APPROVAL'
          : 'ACTIVE',
      row_count: null,
      storage_key: null,
      materialized_at: null,
      last_run: null,
      stale: false,
      stale_reasons: [],
    }));
  }
}
