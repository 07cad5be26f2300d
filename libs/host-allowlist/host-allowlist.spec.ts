import { blockedAddressReason, isHostAllowed, isHostListed, parseHostPatterns } from '.';

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

describe('blocked addresses', () => {
  it('refuses link-local and metadata addresses, v4, v6 and v4-mapped', () => {
    for (const ip of [
      '169.254.169.254',
      '169.254.0.1',
      '::ffff:169.254.169.254',
      'fe80::1',
      'FEBF::1',
      'fd00:ec2::254',
      '100.100.100.200',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      'ff02::1',
    ])
      expect(blockedAddressReason(ip)).not.toBeNull();
  });

  it('lets ordinary private, public and loopback addresses through', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.5',
      '192.168.1.2',
      '8.8.8.8',
      '::1',
      'fd12::1',
      '2001:db8::1',
      '100.100.100.201',
    ])
      expect(blockedAddressReason(ip)).toBeNull();
  });

  it('knows an explicitly listed host from a missing list', () => {
    expect(isHostListed('169.254.169.254', undefined)).toBe(false);
    expect(isHostListed('169.254.169.254', parseHostPatterns('169.254.169.254'))).toBe(true);
  });
});
