import { decodeCursor, encodeCursor, isFinal, MAX_BACKOFF_SECONDS, retryDelaySeconds } from '.';

describe('retryDelaySeconds', () => {
  it('doubles from the base with each failed attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 2))).toEqual([2, 4, 8, 16]);
  });
  it('never waits longer than the cap', () => {
    expect(retryDelaySeconds(40, 2)).toBe(MAX_BACKOFF_SECONDS);
    expect(retryDelaySeconds(9, 10)).toBe(MAX_BACKOFF_SECONDS);
  });
  it('retries at once with a zero base', () => {
    expect(retryDelaySeconds(3, 0)).toBe(0);
  });
  it('supports fractional bases', () => {
    expect(retryDelaySeconds(2, 0.25)).toBe(0.5);
  });
});

describe('run cursors', () => {
  it('round-trips a position', () => {
    const c = {
      queuedAt: new Date('2026-11-27T01:02:03.456Z'),
      runId: '0b1e4a8c-3d2f-4c59-9f5e-2a7b6c8d9e01',
    };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it.each([
    '',
    'garbage',
    Buffer.from('2026-01-01T00:00:00.000Z|nope').toString('base64url'),
    Buffer.from('yesterday|0b1e4a8c-3d2f-4c59-9f5e-2a7b6c8d9e01').toString('base64url'),
  ])('rejects a cursor it did not make (%s)', (text) => expect(decodeCursor(text)).toBeNull());
});

describe('isFinal', () => {
  it('knows which statuses end a run', () => {
    expect(['SUCCESS', 'FAILURE', 'CANCELED'].every((s) => isFinal(s as never))).toBe(true);
    expect(['QUEUED', 'STARTED', 'CANCELING'].some((s) => isFinal(s as never))).toBe(false);
  });
});
