/**
 * Object keys: relative, `/`-separated paths that mean the same thing on a filesystem and in
 * S3. A valid key cannot escape a root directory, has no empty, `.` or `..` segment, and
 * encodes to at most 1024 bytes of UTF-8 (the S3 limit).
 */
export const MAX_OBJECT_KEY_BYTES = 1024;

const WHAT_IS_ACCEPTED =
  "keys are relative '/'-separated paths of non-empty segments other than '.' and '..', " +
  `without backslashes or control characters, at most ${MAX_OBJECT_KEY_BYTES} bytes of UTF-8`;

const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL_CHARACTER = /\p{Cc}/u;

/** The value quoted for a message: at most 80 characters, control characters escaped. */
function shown(value: string): string {
  const text = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(text).replace(
    /[\p{Cc}\p{Cs}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

/**
 * Shared checks. For a prefix (`partialLast`), the last segment is only the start of a
 * segment: it may be empty (prefix ends with `/`) or `.`/`..` (matching `.x`, `..y`).
 */
function problemOf(value: unknown, what: 'key' | 'prefix', partialLast: boolean): string | null {
  if (typeof value !== 'string') return `object ${what} must be a string, got ${typeof value}`;
  const v = shown(value);
  if (LONE_SURROGATE.test(value)) {
    return `object ${what} ${v} is not well-formed Unicode (lone surrogate); ${WHAT_IS_ACCEPTED}`;
  }
  if (CONTROL_CHARACTER.test(value)) {
    return `object ${what} ${v} contains a control character; ${WHAT_IS_ACCEPTED}`;
  }
  if (value.includes('\\')) {
    return `object ${what} ${v} contains a backslash; ${WHAT_IS_ACCEPTED}`;
  }
  if (value.startsWith('/')) {
    return `object ${what} ${v} starts with '/' (absolute); ${WHAT_IS_ACCEPTED}`;
  }
  const bytes = utf8Length(value);
  if (bytes > MAX_OBJECT_KEY_BYTES) {
    return `object ${what} ${v} is ${bytes} bytes of UTF-8; ${WHAT_IS_ACCEPTED}`;
  }
  const segments = value.split('/');
  const whole = partialLast ? segments.slice(0, -1) : segments;
  for (const segment of whole) {
    if (segment === '') {
      return `object ${what} ${v} has an empty segment ('//' or a trailing '/'); ${WHAT_IS_ACCEPTED}`;
    }
    if (segment === '.' || segment === '..') {
      return `object ${what} ${v} has a '${segment}' segment; ${WHAT_IS_ACCEPTED}`;
    }
  }
  return null;
}

/** Why `key` is not a valid object key, or null when it is one. */
export function objectKeyProblem(key: unknown): string | null {
  if (key === '') return `object key is empty; ${WHAT_IS_ACCEPTED}`;
  return problemOf(key, 'key', false);
}

/**
 * Why `prefix` is not a valid listing prefix, or null. A prefix is a plain string prefix of
 * keys, not necessarily a whole directory: `a/b` matches `a/b/c` and `a/bc`. The empty prefix
 * matches every key; otherwise the complete segments follow the key rules.
 */
export function objectKeyPrefixProblem(prefix: unknown): string | null {
  if (prefix === '') return null;
  return problemOf(prefix, 'prefix', true);
}

export function isValidObjectKey(key: unknown): key is string {
  return objectKeyProblem(key) === null;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/**
 * Orders keys the way S3 lists them: by the bytes of their UTF-8 encoding, which is Unicode
 * code point order. Plain `<` on JS strings compares UTF-16 code units and would put astral
 * characters (surrogate pairs) before U+E000..U+FFFF.
 */
export function compareObjectKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = isSurrogate(x);
    if (xs !== isSurrogate(y)) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
