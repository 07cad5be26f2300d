import { isHostAllowed, parseHostPatterns } from '.';

describe('host allowlist', () => {
  it('allows every host when no patterns are configured', () => {
    expect(isHostAllowed('anything.example', undefined)).toBe(true);
    expect(parseHostPatterns('  , ')).toBeUndefined();
  });

  it('matches exact names and IPs, case-insensitively', () => {
    const p = parseHostPatterns('DB.internal, 10.0.0.5');
    expect(isHostAllowed('db.INTERNAL', p)).toBe(true);
    expect(isHostAllowed('10.0.0.5', p)).toBe(true);
    expect(isHostAllowed('10.0.0.50', p)).toBe(false);
    expect(isHostAllowed('evil-db.internal', p)).toBe(false);
  });

  it('matches *.suffix against subdomains only', () => {
    const p = parseHostPatterns('*.example.org');
    expect(isHostAllowed('a.example.org', p)).toBe(true);
    expect(isHostAllowed('a.b.example.org', p)).toBe(true);
    expect(isHostAllowed('example.org', p)).toBe(false);
    expect(isHostAllowed('badexample.org', p)).toBe(false);
  });
});
