/** Formatting helpers: every time is shown in UTC with a Z. */

/** `2025-01-01T00:00Z` (seconds only when not zero); '—' without a time. */
export function fmtUtc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const iso = d.toISOString();
  const secs = iso.slice(17, 23);
  return `${iso.slice(0, 16)}${secs === '00.000' ? '' : `:${iso.slice(17, 19)}`}Z`;
}

/** A bin size in words: 900 → "15 min", 3600 → "1 h", 86400 → "1 day". */
export function fmtInterval(seconds: number): string {
  if (seconds % 86400 === 0) return seconds === 86400 ? '1 day' : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** A duration for an ETA: "45 s", "3 min 20 s", "2 h 5 min". */
export function fmtDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** A datetime-local value (read as UTC) → ISO with Z; '' → undefined. */
export function localInputToUtcIso(value: string): string | undefined {
  if (!value) return undefined;
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}Z`;
}

/** Epoch seconds → a datetime-local value in UTC (minutes). */
export function utcInputValue(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 16);
}

/** An ISO instant from the API → epoch seconds. */
export const toEpochSeconds = (iso: string) => Date.parse(iso) / 1000;
