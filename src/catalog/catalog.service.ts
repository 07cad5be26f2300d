import { Injectable } from '@nestjs/common';
import { toMaterializationResponse } from '../sql-assets/sql-assets.dto';
import { assetId, AssetView, SqlAssetsService } from '../sql-assets/sql-assets.service';
import { CatalogSources } from './catalog-sources';
import type { CatalogEntry, CatalogResponse, CatalogStatsResponse } from './catalog.dto';

/** Every asset of a concept with its state, and totals (DESIGN §7 "Catalog"). */
@Injectable()
export class CatalogService {
  constructor(
    private readonly sqlAssets: SqlAssetsService,
    private readonly sources: CatalogSources,
  ) {}

  async catalog(cId: number): Promise<CatalogResponse> {
    const views = await this.sqlAssets.allOfConcept(cId);
    return { c_id: cId, assets: [...views.map(toEntry), ...(await this.sources.entries(cId))] };
  }

  async stats(cId: number): Promise<CatalogStatsResponse> {
    const { assets } = await this.catalog(cId);
    const count = (key: (e: CatalogEntry) => string) =>
      assets.reduce<Record<string, number>>((acc, e) => {
        acc[key(e)] = (acc[key(e)] ?? 0) + 1;
        return acc;
      }, {});
    const built = assets.filter((a) => a.materialized_at !== null);
    return {
      c_id: cId,
      total_assets: assets.length,
      by_type: count((e) => e.asset_type),
      by_status: count((e) => e.status),
      materialized: built.length,
      stale: assets.filter((a) => a.stale).length,
      total_rows: built.reduce((s, a) => s + (a.row_count ?? 0), 0),
      last_materialized_at:
        built
          .map((a) => a.materialized_at!)
          .sort()
          .at(-1) ?? null,
    };
  }
}

function toEntry(v: AssetView): CatalogEntry {
  const last = v.latest && toMaterializationResponse(v.latest);
  return {
    asset_type: v.type,
    asset_id: assetId(v.type, v.asset),
    name: v.asset.name,
    index_id: v.type === 'index' ? null : (v.asset as { indexId: number }).indexId,
    status: last?.status ?? 'NOT_MATERIALIZED',
    row_count: v.current?.rowCount == null ? null : Number(v.current.rowCount),
    storage_key: v.current?.storageKey ?? null,
    materialized_at: v.current?.materializedAt?.toISOString() ?? null,
    last_run: last && {
      run_id: last.run_id,
      status: last.status,
      requested_at: last.requested_at,
      materialized_at: last.materialized_at,
      error: last.error,
    },
    stale: v.stale,
    stale_reasons: v.staleReasons,
  };
}
