import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { post } from '../../api';
import { fmtInterval, localInputToUtcIso, utcInputValue } from './format';
import { Field } from '../../Field';
import { SpacePicker } from './SpacePicker';
import {
  INTERVALS,
  type Aggregation,
  type CreateDatasetBody,
  type Dataset,
  type Space,
} from './types';

/** The last 7 whole days (UTC), as datetime-local values. */
function lastWeek(): { start: string; end: string } {
  const end = Math.floor(Date.now() / 86_400_000) * 86_400;
  return { start: utcInputValue(end - 7 * 86_400), end: utcInputValue(end) };
}

/** POST /occupancy/datasets; on success, the new dataset's page. */
export function CreateDatasetForm() {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [space, setSpace] = useState<Space | null>(null);
  const [range, setRange] = useState(lastWeek);
  const [interval, setIntervalSeconds] = useState(3600);
  const [chunkDays, setChunkDays] = useState('7');
  const [aggregation, setAggregation] = useState<Aggregation>('sum');
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!space) return setError('Pick a root space.');
    const body: CreateDatasetBody = {
      name: name.trim(),
      root_space_id: space.space_id,
      start_time: localInputToUtcIso(range.start),
      end_time: localInputToUtcIso(range.end),
      interval_seconds: interval,
      chunk_days: Number(chunkDays),
      aggregation,
    };
    if (description.trim()) body.description = description.trim();
    if (force) body.force_overwrite = true;
    setBusy(true);
    setError(null);
    try {
      const d = await post<Dataset>('/occupancy/datasets', body);
      navigate(`/occupancy/${d.dataset_id}`);
    } catch (err: unknown) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form className="occ-create" onSubmit={submit} aria-labelledby="occ-create-title">
      <h2 id="occ-create-title">New dataset</h2>
      <div className="occ-create-grid">
        <div className="occ-col">
          <Field className="occ-field" label="Name">
            {({ id }) => (
              <input
                id={id}
                required
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={200}
              />
            )}
          </Field>
          <Field className="occ-field" label="Description (optional)">
            {({ id }) => (
              <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />
            )}
          </Field>
          <SpacePicker legend="Root space" value={space} onChange={setSpace} />
        </div>
        <fieldset className="occ-fields">
          <legend>Range and bins (UTC)</legend>
          <Field
            className="occ-field"
            label="Start (UTC)"
            hint="Empty: the first session start in the subtree."
          >
            {({ id, hintId }) => (
              <input
                id={id}
                type="datetime-local"
                value={range.start}
                onChange={(e) => setRange((r) => ({ ...r, start: e.target.value }))}
                aria-describedby={hintId}
              />
            )}
          </Field>
          <Field
            className="occ-field"
            label="End (UTC)"
            hint="Empty: the last session end in the subtree."
          >
            {({ id, hintId }) => (
              <input
                id={id}
                type="datetime-local"
                value={range.end}
                onChange={(e) => setRange((r) => ({ ...r, end: e.target.value }))}
                aria-describedby={hintId}
              />
            )}
          </Field>
          <Field className="occ-field" label="Interval">
            {({ id }) => (
              <select
                id={id}
                value={interval}
                onChange={(e) => setIntervalSeconds(Number(e.target.value))}
              >
                {INTERVALS.map((s) => (
                  <option key={s} value={s}>
                    {fmtInterval(s)} ({s} s)
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            className="occ-field"
            label="Chunk days"
            hint="Days of bins computed together (1–3,650)."
          >
            {({ id, hintId }) => (
              <input
                id={id}
                type="number"
                min={1}
                max={3650}
                step={1}
                required
                value={chunkDays}
                onChange={(e) => setChunkDays(e.target.value)}
                aria-describedby={hintId}
              />
            )}
          </Field>
          <Field
            className="occ-field"
            label="Aggregation"
            hint="sum: each space's own devices added up the tree; distinct: each device once per bin in the whole subtree."
          >
            {({ id, hintId }) => (
              <select
                id={id}
                value={aggregation}
                onChange={(e) => setAggregation(e.target.value as Aggregation)}
                aria-describedby={hintId}
              >
                <option value="sum">sum</option>
                <option value="distinct">distinct</option>
              </select>
            )}
          </Field>
          <label className="occ-check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Recompute every overlapping chunk (force overwrite)
          </label>
        </fieldset>
      </div>
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create dataset'}
        </button>
        {error && (
          <p role="alert" className="error occ-form-error">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
