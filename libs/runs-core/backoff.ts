/** Longest wait between two attempts of a run. */
export const MAX_BACKOFF_SECONDS = 300;

/**
 * Seconds to wait before the attempt after `failedAttempt` (1-based): `base · 2^(n-1)`,
 * capped at MAX_BACKOFF_SECONDS. A base of 0 retries at once.
 */
export function retryDelaySeconds(failedAttempt: number, baseSeconds: number): number {
  if (!(baseSeconds > 0) || failedAttempt < 1) return 0;
  const exp = Math.min(failedAttempt - 1, 30);
  return Math.min(baseSeconds * 2 ** exp, MAX_BACKOFF_SECONDS);
}
