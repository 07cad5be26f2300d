import { defaultRole, hashApiKey, keyFromHeaders, keysRequired, roleAllows } from '.';

describe('api keys', () => {
  it('orders roles: admin ⊇ editor ⊇ viewer', () => {
    expect(roleAllows('admin', 'editor')).toBe(true);
    expect(roleAllows('editor', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'editor')).toBe(false);
    expect(roleAllows('editor', 'admin')).toBe(false);
  });

  it('needs viewer to read, editor to write, admin to delete', () => {
    expect(defaultRole('GET')).toBe('viewer');
    expect(defaultRole('post')).toBe('editor');
    expect(defaultRole('PUT')).toBe('editor');
    expect(defaultRole('PATCH')).toBe('editor');
    expect(defaultRole('DELETE')).toBe('admin');
  });

  it('requires keys in auto mode only beyond loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.1.2.3'])
      expect(keysRequired('auto', host)).toBe(false);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'example.org'])
      expect(keysRequired('auto', host)).toBe(true);
    expect(keysRequired('keys', '127.0.0.1')).toBe(true);
    expect(keysRequired('off', '0.0.0.0')).toBe(false);
  });

  it('reads Bearer first, then X-API-Key', () => {
    expect(keyFromHeaders('Bearer abc', 'def')).toBe('abc');
    expect(keyFromHeaders('bearer  abc ', undefined)).toBe('abc');
    expect(keyFromHeaders('Basic abc', 'def')).toBe('def');
    expect(keyFromHeaders(undefined, ['a', 'b'])).toBeUndefined();
    expect(keyFromHeaders(undefined, undefined)).toBeUndefined();
  });

  it('hashes to 64 hex characters, never the key', () => {
    const h = hashApiKey('tps_secret');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('secret');
  });
});
