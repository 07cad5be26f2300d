import { defaultGroupCaps, isFinal, MAX_BACKOFF_SECONDS, retryDelaySeconds } from '.';

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

describe('isFinal', () => {
  it('knows which statuses end a run', () => {
    expect(['SUCCESS', 'FAILURE', 'CANCELED'].every((s) => isFinal(s as never))).toBe(true);
    expect(['QUEUED', 'STARTED', 'CANCELING'].some((s) => isFinal(s as never))).toBe(false);
  });
});

describe('defaultGroupCaps', () => {
  it('leaves bulk work a quarter short of the global limit and gives the others room', () => {
    expect(defaultGroupCaps(16)).toEqual({ bulk: 12, interactive: 8, diagnostic: 2 });
    expect(defaultGroupCaps(4)).toEqual({ bulk: 3, interactive: 2, diagnostic: 1 });
  });
  it('gives every group at least one slot and none more than the limit', () => {
    expect(defaultGroupCaps(1)).toEqual({ bulk: 1, interactive: 1, diagnostic: 1 });
    expect(defaultGroupCaps(2)).toEqual({ bulk: 1, interactive: 1, diagnostic: 1 });
  });
});
