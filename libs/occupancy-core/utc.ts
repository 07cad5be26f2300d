/**
 * UTC text and Date conversions for epoch seconds. The API speaks ISO-8601 with `Z`; storage
 * keys use the compact `YYYYMMDDTHHMMSS` form.
 */

/** Epoch seconds (possibly fractional, millisecond precision) of a Date. */
export function dateToEpochSeconds(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return ms / 1000;
}

/** The Date for epoch seconds (fractions below a millisecond are lost, as Date has ms). */
export function epochSecondsToDate(sec: number): Date {
  const date = new Date(sec * 1000);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a representable instant: ${sec}`);
  return date;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` for the whole second at or before `sec`. */
function isoWithMillis(sec: number): string {
  const iso = epochSecondsToDate(Math.floor(sec)).toISOString();
  if (iso.length !== 24) throw new RangeError(`year out of range 0000-9999: ${sec}`);
  return iso;
}

/** `2025-01-01T00:00:00Z`: UTC, no milliseconds (a fractional second is truncated down). */
export function formatUtcIso(sec: number): string {
  return isoWithMillis(sec).slice(0, 19) + 'Z';
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A formatter with the output of formatUtcIso, for long runs of instants (result rows): the
 * date part is computed once per day, the time part with integer arithmetic.
 */
export function utcIsoFormatter(): (sec: number) => string {
  let day = Number.NaN;
  let prefix = '';
  return (sec: number) => {
    const whole = Math.floor(sec);
    const d = Math.floor(whole / 86_400);
    if (d !== day) {
      prefix = formatUtcIso(d * 86_400).slice(0, 11); // YYYY-MM-DDT (and the range check)
      day = d;
    }
    const s = whole - d * 86_400;
    return `${prefix}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}Z`;
  };
}

/** `20250101T000000`: the compact UTC form used in chunk storage keys (truncated like above). */
export function formatCompactUtc(sec: number): string {
  return isoWithMillis(sec).slice(0, 19).replace(/[-:]/g, '');
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Epoch seconds for an ISO-8601 timestamp, or null when the text is not one.
 * Accepted: `YYYY-MM-DD`, optionally followed by `T` (or `t`, or a space) and `HH:MM`,
 * `HH:MM:SS` or `HH:MM:SS.fraction` (up to 9 digits, `.` or `,`), optionally followed by `Z` or an
 * offset `±HH`, `±HH:MM` or `±HHMM`, which is subtracted to give UTC.
 * Decision: a timestamp without `Z` or offset is taken as UTC (like the tippers database's naive
 * timestamps), never as server-local time. A date alone is midnight UTC.
 * Field ranges are checked (month 01-12, a day that exists in that month, hour 00-23, minute and
 * second 00-59, offset hour 00-23 and minute 00-59); no leap second, no `24:00`.
 * The result may be fractional when the text has a fraction.
 */
export function parseIsoToUtcSeconds(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO_PATTERN.exec(text.trim());
  if (m === null) return null;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const [hour, minute, second] = [m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v)));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, 0);
  let offsetSec = 0;
  if (m[9] !== undefined) {
    const offHours = Number(m[10]);
    const offMinutes = m[11] === undefined ? 0 : Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return null;
    offsetSec = (m[9] === '-' ? -1 : 1) * (offHours * 3600 + offMinutes * 60);
  }
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  return date.getTime() / 1000 - offsetSec + fraction;
}
