import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption of small secrets (connection passwords) with AES-256-GCM.
 *
 * Token format: `v1:<iv>:<tag>:<ciphertext>`, each part standard base64; the IV is 12 random
 * bytes per call, the tag 16 bytes. The version prefix is also bound as additional
 * authenticated data, so a token cannot be relabelled as another version.
 */

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type SecretBoxErrorCode = 'invalid_key' | 'invalid_format' | 'authentication_failed';

export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

function parseKey(keyHex: string): Buffer {
  if (typeof keyHex !== 'string' || !HEX_KEY.test(keyHex)) {
    throw new SecretBoxError(
      'invalid_key',
      'encryption key must be 64 hexadecimal characters (32 bytes)',
    );
  }
  return Buffer.from(keyHex, 'hex');
}

function decodePart(part: string, name: string): Buffer {
  if (!BASE64.test(part) || part.length % 4 !== 0) {
    throw new SecretBoxError('invalid_format', `encrypted value: ${name} is not valid base64`);
  }
  return Buffer.from(part, 'base64');
}

/** Encrypts `plain` (any UTF-8 string, possibly empty) with a fresh random IV. */
export function encrypt(plain: string, keyHex: string): string {
  if (typeof plain !== 'string') throw new TypeError('plaintext must be a string');
  const key = parseKey(keyHex);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64'), tag.toString('base64'), ct.toString('base64')].join(':');
}

/**
 * Decrypts a token made by `encrypt`. Throws SecretBoxError: `invalid_key` for a malformed key,
 * `invalid_format` for a token that is not `v1:<iv>:<tag>:<ct>`, `authentication_failed` when
 * the key is not the one used to encrypt or the token was altered (GCM cannot tell which).
 */
export function decrypt(token: string, keyHex: string): string {
  const key = parseKey(keyHex);
  if (typeof token !== 'string') {
    throw new SecretBoxError('invalid_format', 'encrypted value must be a string');
  }
  const parts = token.split(':');
  if (parts.length !== 4) {
    throw new SecretBoxError(
      'invalid_format',
      `encrypted value must look like "${VERSION}:<iv>:<tag>:<ciphertext>", got ${parts.length} part(s)`,
    );
  }
  const [version, ivPart, tagPart, ctPart] = parts;
  if (version !== VERSION) {
    throw new SecretBoxError(
      'invalid_format',
      `encrypted value has unsupported version "${version.slice(0, 16)}" (expected "${VERSION}")`,
    );
  }
  const iv = decodePart(ivPart, 'iv');
  const tag = decodePart(tagPart, 'tag');
  const ct = decodePart(ctPart, 'ciphertext');
  if (iv.length !== IV_BYTES) {
    throw new SecretBoxError('invalid_format', `encrypted value: iv must be ${IV_BYTES} bytes`);
  }
  if (tag.length !== TAG_BYTES) {
    throw new SecretBoxError('invalid_format', `encrypted value: tag must be ${TAG_BYTES} bytes`);
  }
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError(
      'authentication_failed',
      'cannot decrypt: the key differs from the one used to encrypt, or the data was altered',
    );
  }
}

/** True when `token` has the shape of a secret-box token (does not check the key). */
export function isSecretBoxToken(token: unknown): token is string {
  return (
    typeof token === 'string' && token.startsWith(`${VERSION}:`) && token.split(':').length === 4
  );
}
