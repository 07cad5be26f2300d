import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, isSecretBoxToken, SecretBoxError } from './index';

const key = randomBytes(32).toString('hex');
const otherKey = randomBytes(32).toString('hex');

function errorOf(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SecretBoxError);
    return e as SecretBoxError;
  }
  throw new Error('expected a SecretBoxError');
}

/** Flips one bit of the decoded part at `index` (1 iv, 2 tag, 3 ciphertext). */
function flipBit(token: string, index: number): string {
  const parts = token.split(':');
  const bytes = Buffer.from(parts[index], 'base64');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join(':');
}

describe('secret-box', () => {
  it('round-trips a password', () => {
    const token = encrypt('s3cret!', key);
    expect(decrypt(token, key)).toBe('s3cret!');
  });

  it('produces tokens of the form v1:<iv>:<tag>:<ciphertext> that never contain the plaintext', () => {
    const token = encrypt('hunter2-hunter2', key);
    expect(token).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    const [, iv, tag] = token.split(':');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(token).not.toContain('hunter2');
    expect(isSecretBoxToken(token)).toBe(true);
  });

  it('uses a fresh IV each time: the same plaintext twice gives different tokens', () => {
    const a = encrypt('same', key);
    const b = encrypt('same', key);
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
    expect(decrypt(a, key)).toBe('same');
    expect(decrypt(b, key)).toBe('same');
  });

  it('round-trips unicode and empty strings', () => {
    for (const p of ['pässwörd', '密码🔑', 'emoji 👩‍💻 and spaces', '', 'x'.repeat(5000)]) {
      expect(decrypt(encrypt(p, key), key)).toBe(p);
    }
  });

  it('accepts upper-case hex keys', () => {
    expect(decrypt(encrypt('p', key.toUpperCase()), key)).toBe('p');
  });

  it('detects tampering with the ciphertext, the tag or the iv', () => {
    const token = encrypt('do not touch', key);
    for (const index of [1, 2, 3]) {
      const err = errorOf(() => decrypt(flipBit(token, index), key));
      expect(err.code).toBe('authentication_failed');
    }
  });

  it('detects a truncated ciphertext', () => {
    const token = encrypt('a longer secret value', key);
    const parts = token.split(':');
    parts[3] = Buffer.from(parts[3], 'base64').subarray(0, 4).toString('base64');
    expect(errorOf(() => decrypt(parts.join(':'), key)).code).toBe('authentication_failed');
  });

  it('fails with a clear error under the wrong key', () => {
    const err = errorOf(() => decrypt(encrypt('secret', key), otherKey));
    expect(err.code).toBe('authentication_failed');
    expect(err.message).toMatch(/key differs|altered/);
    expect(err.message).not.toContain('secret');
  });

  it('rejects malformed keys on both sides', () => {
    for (const bad of ['', 'abc', 'zz'.repeat(32), key.slice(0, 62)]) {
      expect(errorOf(() => encrypt('p', bad)).code).toBe('invalid_key');
      expect(errorOf(() => decrypt(encrypt('p', key), bad)).code).toBe('invalid_key');
    }
  });

  it('rejects tokens of the wrong format with a message naming the problem', () => {
    const token = encrypt('p', key);
    const [, iv, tag, ct] = token.split(':');
    const cases: Array<[string, RegExp]> = [
      ['plaintext', /v1:<iv>:<tag>:<ciphertext>/],
      [`v2:${iv}:${tag}:${ct}`, /unsupported version "v2"/],
      [`v1:${iv}:${tag}`, /got 3 part/],
      [`v1:!!!!:${tag}:${ct}`, /iv is not valid base64/],
      [`v1:${iv}:${tag.slice(0, 8)}:${ct}`, /tag must be 16 bytes/],
      [`v1:${Buffer.alloc(8).toString('base64')}:${tag}:${ct}`, /iv must be 12 bytes/],
    ];
    for (const [bad, message] of cases) {
      const err = errorOf(() => decrypt(bad, key));
      expect(err.code).toBe('invalid_format');
      expect(err.message).toMatch(message);
    }
    expect(isSecretBoxToken('plaintext')).toBe(false);
  });
});
