/** The concept pipeline's API answers these pages read: the OpenAPI's, where it names them. */

import type { Schema } from '../../api-types';

export type Concept = Schema<'ConceptResponse'>;

export type ConceptValue = Schema<'ValueResponse'>;

export type Connection = Schema<'ConnectionResponse'>;

export type CatalogType =
  'index' | 'rule' | 'feature' | 'labeling_function' | 'snorkel_job' | 'classifier_job';

export interface CatalogEntry {
  asset_type: CatalogType;
  asset_id: number;
  name: string;
  index_id: number | null;
  status: string;
  row_count: number | null;
  materialized_at: string | null;
  stale: boolean;
  stale_reasons: string[];
}

export type Catalog = Schema<'CatalogResponse'>;

export interface OutputColumn {
  name: string;
  type: string;
  pg_type: string;
}

export type Materialization = Schema<'MaterializationResponse'>;

/** An index, rule or feature as GET …/{indexes,rules,features}/{id} answers it. */
export interface SqlAsset {
  index_id?: number | null;
  r_id?: number;
  feature_id?: number;
  conn_id?: number | null;
  key_column?: string | null;
  index_column?: string;
  derived_from?: { job_id: number; label_filter?: unknown } | null;
  name: string;
  description: string | null;
  sql_query: string | null;
  columns: OutputColumn[] | null;
  definition_version: number;
  status: string;
  row_count: number | null;
  stale: boolean;
  stale_reasons: string[];
  last_materialization: Materialization | null;
  current_materialization: Materialization | null;
  updated_at: string;
}

export type Preview = Schema<'PreviewResponse'>;

export interface IndexRow {
  index_id: number;
  conn_id: number | null;
  name: string;
  derived_from: { job_id: number } | null;
}

export type LfType = 'conditions' | 'sql' | 'code';

export type LabelingFunction = Schema<'LabelingFunctionResponse'>;

export type LfTestAnswer = Schema<'LfTestResponse'>;

export type SnorkelJob = Schema<'SnorkelJobResponse'>;

export interface LfSummaryRow {
  lf_id: number;
  name: string;
  lf_type: string;
  version?: number;
  polarity: number[];
  coverage: number;
  overlaps: number;
  conflicts: number;
  correct?: number;
  incorrect?: number;
  empirical_accuracy?: number | null;
  learned_weight: number;
  errors: number;
  invalid?: number;
  messages?: string[];
}

export interface SnorkelResults {
  job_id: number;
  results: {
    entities: number;
    classes: { cv_id: number; name: string }[];
    coverage: number;
    overlap: number;
    seconds?: number;
    class_balance: Record<string, number>;
    class_distribution: Record<string, number>;
    lf_summary: LfSummaryRow[];
    gold?: {
      rows: number;
      accuracy: number;
      majority_vote_accuracy: number;
      per_class?: Record<string, { precision: number; recall: number; support: number }>;
    } | null;
  };
}

export type ClassifierJob = Schema<'ClassifierJobResponse'>;

export interface FamilyMetrics {
  accuracy: number;
  balanced_accuracy: number;
  weighted_f1: number;
  confusion_matrix: number[][];
  per_class?: { name?: string; cv_id?: number; precision: number; recall: number; f1: number }[];
}

export interface FamilyResult {
  family: string;
  metrics?: FamilyMetrics;
  train_seconds?: number;
  gold_accuracy?: number | null;
  error?: string;
}

export interface ClassifierResults {
  job_id: number;
  results: {
    best: string | null;
    selection_metric: string;
    classes: { index: number; cv_id: number; name: string }[];
    rows?: Record<string, number>;
    families: FamilyResult[];
    warnings?: string[];
    dropped_classes?: unknown[];
    skipped_columns?: string[];
    seconds?: number;
  };
}

export type Stage = 'none' | 'staging' | 'production' | 'archived';
export const STAGES: Stage[] = ['none', 'staging', 'production', 'archived'];

export interface ModelVersion {
  model_id: number;
  version: number;
  format: string;
  stage: Stage;
  description: string | null;
  metrics: Record<string, unknown> | null;
  source: { family?: string; classifier_job_id?: number } | null;
  created_at: string;
}

export interface Model {
  model_id: number;
  name: string;
  description: string | null;
  c_id: number | null;
  latest_version: number | null;
  versions: ModelVersion[];
}
