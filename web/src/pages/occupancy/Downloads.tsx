import { useState } from 'react';
import { download } from '../../api';
import { resultsPath } from './useSeries';

/** CSV and Parquet of one space's results, fetched with the API key. */
export function Downloads({
  datasetId,
  spaceId,
  fill,
  ready,
}: {
  datasetId: number;
  spaceId: number;
  fill: boolean;
  ready: boolean;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const get = async (format: 'csv' | 'parquet') => {
    setBusy(format);
    setError(null);
    try {
      const name = `dataset_${datasetId}_space_${spaceId}${fill ? '_filled' : ''}.${format}`;
      await download(resultsPath(datasetId, spaceId, fill, format), name);
    } catch (e: unknown) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="occ-downloads">
      {(['csv', 'parquet'] as const).map((f) => (
        <button
          key={f}
          type="button"
          disabled={!ready || busy !== null}
          onClick={() => void get(f)}
          title={ready ? undefined : 'Available once the space’s results are complete'}
        >
          {busy === f ? 'Downloading…' : `Download ${f === 'csv' ? 'CSV' : 'Parquet'}`}
        </button>
      ))}
      {error && (
        <span role="alert" className="error">
          Download failed: {error}
        </span>
      )}
    </span>
  );
}
