import type { DuckDBConnection } from '@duckdb/node-api';
import { isNumericDuckType } from '../../libs/pg-duck-types';
import { quoteIdentifier } from '../../libs/lf-conditions';
import { sqlString } from '../infra/duckdb/parquet';
import type { ModelFeature } from './model-version.entity';

/** A feature asset as a source of model inputs. */
export interface FeatureSource {
  featureId: number;
  name: string;
  indexColumn: string;
  /** Its build's columns (name and DuckDB type). */
  columns: { name: string; type: string }[];
}

/**
 * The inputs a set of features offers: every numeric or boolean column but the key, named by
 * the column (or `feature.column` where two features share a column name). Other columns
 * (text, times) are listed as skipped.
 */
export function featureInputs(sources: FeatureSource[]): {
  inputs: Required<ModelFeature>[];
  skipped: string[];
} {
  const inputs: Required<ModelFeature>[] = [];
  const skipped: string[] = [];
  const count = new Map<string, number>();
  for (const f of sources)
    for (const c of f.columns)
      if (c.name !== f.indexColumn) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  for (const f of sources)
    for (const c of f.columns) {
      if (c.name === f.indexColumn) continue;
      if (!isNumericDuckType(c.type) && c.type !== 'BOOLEAN') {
        skipped.push(`${f.name}.${c.name} (${c.type})`);
        continue;
      }
      inputs.push({
        name: count.get(c.name)! > 1 ? `${f.name}.${c.name}` : c.name,
        feature_id: f.featureId,
        column: c.name,
      });
    }
  return { inputs, skipped };
}

/** One chunk of entities with their inputs (NaN where an entity has no value). */
export interface FeatureChunk {
  n: number;
  keys: string[];
  /** The extra columns of the key file asked for, by name. */
  extra: Record<string, unknown[]>;
  /** n × d, row-major, in the order of the inputs. */
  x: Float64Array;
}

/**
 * Streams the rows of a key file (a Snorkel job's output, an index build) with each row's
 * model inputs, joined **by entity key** (the key as text) to the features' builds, in the key
 * file's order. An entity with several rows in a feature gets their mean; none, NaN.
 * `files` maps feature_id to its build's local Parquet.
 */
export async function scanFeatures(
  conn: DuckDBConnection,
  keys: { file: string; keyColumn: string; extra: string[] },
  inputs: Required<ModelFeature>[],
  sources: Map<number, { file: string; indexColumn: string }>,
  onChunk: (chunk: FeatureChunk) => Promise<void> | void,
): Promise<void> {
  const q = quoteIdentifier;
  const key = `CAST(s.${q(keys.keyColumn)} AS VARCHAR)`;
  const joins: string[] = [];
  const select: string[] = [];
  const byFeature = new Map<number, Required<ModelFeature>[]>();
  for (const i of inputs) byFeature.set(i.feature_id, [...(byFeature.get(i.feature_id) ?? []), i]);
  let t = 0;
  const alias = new Map<number, string>();
  for (const [fid, cols] of byFeature) {
    const src = sources.get(fid);
    if (!src) throw new Error(`feature ${fid}: no build to read`);
    const a = `f${t++}`;
    alias.set(fid, a);
    const values = cols.map((c, j) => {
      const x = `CAST(${q(c.column)} AS DOUBLE)`;
      return `avg(CASE WHEN isfinite(${x}) THEN ${x} END) AS v${j}`;
    });
    joins.push(
      `LEFT JOIN (SELECT CAST(${q(src.indexColumn)} AS VARCHAR) AS k, ${values.join(', ')}
                    FROM read_parquet(${sqlString(src.file)}) GROUP BY 1) ${a} ON ${a}.k = ${key}`,
    );
  }
  for (const i of inputs) {
    const cols = byFeature.get(i.feature_id)!;
    select.push(`${alias.get(i.feature_id)}.v${cols.indexOf(i)}`);
  }
  const sql = `SELECT ${key} AS k${keys.extra.map((e) => `, s.${q(e)}`).join('')}${select.map((s) => `, ${s}`).join('')}
                 FROM read_parquet(${sqlString(keys.file)}, file_row_number = true) s
                 ${joins.join('\n')}
                ORDER BY s.file_row_number`;
  const d = inputs.length;
  const result = await conn.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const cols = chunk.getColumns();
    const n = chunk.rowCount;
    const x = new Float64Array(n * d);
    for (let j = 0; j < d; j++) {
      const col = cols[1 + keys.extra.length + j];
      for (let r = 0; r < n; r++) {
        const v = col[r];
        x[r * d + j] = v === null ? NaN : Number(v);
      }
    }
    const extra: Record<string, unknown[]> = {};
    keys.extra.forEach((e, i) => (extra[e] = cols[1 + i]));
    await onChunk({ n, keys: cols[0].map((v) => (v === null ? '' : String(v))), extra, x });
  }
}

/** The feature builds' local files with the column each keys its entities by. */
export function featureFiles(
  features: { featureId: number; indexColumn: string }[],
  paths: Map<number, string>,
): Map<number, { file: string; indexColumn: string }> {
  return new Map(
    features.map((f) => [
      f.featureId,
      { file: paths.get(f.featureId)!, indexColumn: f.indexColumn },
    ]),
  );
}
