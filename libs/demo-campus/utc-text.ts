/**
 * Fast `YYYY-MM-DD HH:MM:SS` (UTC) text for Unix seconds, as PostgreSQL reads a naive
 * `timestamp`. Caches the date part per day; the time part comes from a two-digit table.
 */
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export class UtcTextFormatter {
  private readonly days = new Map<number, string>();

  format(unixSeconds: number): string {
    const day = Math.floor(unixSeconds / 86_400);
    let date = this.days.get(day);
    if (date === undefined) {
      date = new Date(day * 86_400_000).toISOString().slice(0, 10) + ' ';
      this.days.set(day, date);
    }
    const s = unixSeconds - day * 86_400;
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return date + TWO[h] + ':' + TWO[m] + ':' + TWO[s % 60];
  }
}
