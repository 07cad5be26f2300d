import { get } from '../../api';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading } from '../../ui';
import { cell } from './format';
import { RunLink } from './bits';
import type { Preview } from './types';

/**
 * The first 50 rows of an asset with its column types: from its Parquet when fresh, else a live
 * query. `version` changes (a save, a new build) load it again.
 */
export function PreviewTable({ path, version }: { path: string; version: string }) {
  const { data, error, loading, reload } = useLoad(
    () => get<Preview>(`${path}/preview?limit=50`),
    [path, version],
  );
  return (
    <section aria-labelledby="preview-title">
      <div className="row">
        <h3 id="preview-title">Preview</h3>
        <button type="button" onClick={reload} disabled={loading}>
          {loading ? 'Loading…' : 'Refresh preview'}
        </button>
      </div>
      {error ? (
        <ErrorBox error={error} retry={reload} />
      ) : !data ? (
        <Loading what="the preview" />
      ) : (
        <>
          <p className="muted">
            {data.source === 'materialized' ? (
              <>
                From the materialized data (build <RunLink runId={data.run_id} />)
              </>
            ) : (
              'From a live query on the connection (the asset is not materialized, or stale)'
            )}
            : {data.rows.length} row{data.rows.length === 1 ? '' : 's'} shown, at most 50.
          </p>
          {!data.rows.length ? (
            <Empty>The query gives no rows.</Empty>
          ) : (
            <div className="scroll-x" tabIndex={0} role="group" aria-label="Preview rows">
              <table>
                <thead>
                  <tr>
                    {data.columns.map((c) => (
                      <th key={c.name} scope="col">
                        {c.name}
                        <span className="col-type" title={`PostgreSQL: ${c.pg_type}`}>
                          {c.type}
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r, i) => (
                    <tr key={i}>
                      {data.columns.map((c) => (
                        <td key={c.name} className={r[c.name] == null ? 'muted' : undefined}>
                          {cell(r[c.name])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
