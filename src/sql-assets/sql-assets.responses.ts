import type { FeatureEntity } from './feature.entity';
import type { IndexEntity } from './index.entity';
import type { RuleEntity } from './rule.entity';
import {
  FeatureResponse,
  IndexResponse,
  RuleResponse,
  toMaterializationResponse,
} from './sql-assets.dto';
import type { AssetView } from './sql-assets.service';

function base(v: AssetView) {
  const a = v.asset;
  const last = v.latest && toMaterializationResponse(v.latest);
  return {
    c_id: a.cId,
    name: a.name,
    description: a.description,
    sql_query: a.sqlQuery,
    columns: a.outputColumns,
    definition_version: a.definitionVersion,
    status: last?.status ?? 'NOT_MATERIALIZED',
    row_count: v.current?.rowCount == null ? null : Number(v.current.rowCount),
    storage_key: v.current?.storageKey ?? null,
    stale: v.stale,
    stale_reasons: v.staleReasons,
    last_materialization: last,
    current_materialization: v.current && toMaterializationResponse(v.current),
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

export function toIndexResponse(v: AssetView): IndexResponse {
  const a = v.asset as IndexEntity;
  return {
    index_id: a.indexId,
    conn_id: a.connId,
    key_column: a.keyColumn,
    derived_from: a.derivedFrom ?? null,
    ...base(v),
  };
}

export function toRuleResponse(v: AssetView): RuleResponse {
  const a = v.asset as RuleEntity;
  return { r_id: a.rId, index_id: a.indexId, index_column: a.indexColumn, ...base(v) };
}

export function toFeatureResponse(v: AssetView): FeatureResponse {
  const a = v.asset as FeatureEntity;
  return { feature_id: a.featureId, index_id: a.indexId, index_column: a.indexColumn, ...base(v) };
}
