import type { OutputColumn } from './sql-asset.columns';

export type SqlAssetType = 'index' | 'rule' | 'feature';

/** Run kinds that build each asset type (declared on the processors). */
export const BUILD_KIND: Record<SqlAssetType, string> = {
  index: 'index_materialization',
  rule: 'rule_materialization',
  feature: 'feature_materialization',
};

/** Object key of a build: a new object per materialization, under the asset's folder. */
export function buildKey(type: SqlAssetType, id: number, runId: string): string {
  const folder = type === 'index' ? 'indexes' : type === 'rule' ? 'rules' : 'features';
  return `${folder}/${type}_${id}/${runId}.parquet`;
}

/** What a build of an SQL asset is made from (stored on its materialization). */
export interface SqlDefinition {
  [key: string]: unknown;
  conn_id: number;
  sql_query: string;
  /** index: key_column; rule/feature: index_column. */
  key_column: string;
  /** rule/feature: the index whose keys `:index_values` stands for, and the keys' type. */
  index_id?: number;
  index_key_column?: string;
  index_key_type?: string;
  output_columns: OutputColumn[];
}
