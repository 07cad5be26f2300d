/** Position in a newest-first listing: the last item's (queued_at, run_id). */
export interface RunCursor {
  queuedAt: Date;
  runId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: RunCursor): string {
  return Buffer.from(`${c.queuedAt.toISOString()}|${c.runId}`, 'utf8').toString('base64url');
}

/** The cursor, or null when `text` is not one this service produced. */
export function decodeCursor(text: string): RunCursor | null {
  let decoded: string;
  try {
    decoded = Buffer.from(text, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  const [iso, runId, ...rest] = decoded.split('|');
  if (rest.length || !iso || !runId || !UUID.test(runId)) return null;
  const queuedAt = new Date(iso);
  if (Number.isNaN(queuedAt.getTime()) || queuedAt.toISOString() !== iso) return null;
  return { queuedAt, runId };
}
