import {
  compareObjectKeys,
  isValidObjectKey,
  MAX_OBJECT_KEY_BYTES,
  objectKeyPrefixProblem,
  objectKeyProblem,
} from './index';

/** A short, printable test title for a key. */
function label(value: string): string {
  const text = JSON.stringify(value).replace(
    /\p{Cc}/gu,
    (c) => `\\x${c.charCodeAt(0).toString(16)}`,
  );
  return text.length > 40 ? `${text.slice(0, 20)}… (${value.length} chars)` : text;
}

function labelled<T extends unknown[]>(rows: [string, ...T][]): [string, string, ...T][] {
  return rows.map(([value, ...rest]) => [label(value), value, ...rest]);
}

describe('objectKeyProblem', () => {
  it.each(
    labelled([
      ['a'],
      ['occupancy/spaces/12/chunk-2024-01-01T00:00:00Z.parquet'],
      ['.hidden'],
      ['a/.b/..c/...'],
      ['with space/and-ünïcödé/😀'],
      ['x'.repeat(MAX_OBJECT_KEY_BYTES)],
    ]),
  )('accepts %s', (_label, key) => {
    expect(objectKeyProblem(key)).toBeNull();
    expect(isValidObjectKey(key)).toBe(true);
  });

  it.each(
    labelled<[RegExp]>([
      ['', /empty/],
      ['/abs', /starts with '\/'/],
      ['/', /starts with '\/'/],
      ['../x', /'\.\.' segment/],
      ['a/../b', /'\.\.' segment/],
      ['..', /'\.\.' segment/],
      ['a/./b', /'\.' segment/],
      ['.', /'\.' segment/],
      ['./a', /'\.' segment/],
      ['a//b', /empty segment/],
      ['a/', /empty segment/],
      ['a\\b', /backslash/],
      ['..\\x', /backslash/],
      ['a\u0000b', /control character/],
      ['a\nb', /control character/],
      ['a\u007fb', /control character/],
      ['a\u0085b', /control character/],
      ['a\ud800b', /lone surrogate/],
      ['x'.repeat(MAX_OBJECT_KEY_BYTES + 1), /1025 bytes/],
      ['é'.repeat(513), /1026 bytes/],
    ]),
  )('rejects %s', (_label, key, reason) => {
    const problem = objectKeyProblem(key);
    expect(problem).toMatch(reason);
    expect(problem).toMatch(/keys are relative '\/'-separated paths/);
    expect(isValidObjectKey(key)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(objectKeyProblem(undefined)).toMatch(/must be a string, got undefined/);
    expect(objectKeyProblem(42)).toMatch(/must be a string, got number/);
    expect(isValidObjectKey(null)).toBe(false);
  });

  it('keeps long keys out of the message', () => {
    expect(objectKeyProblem('y'.repeat(5000))!.length).toBeLessThan(400);
  });

  it('escapes control characters in the message', () => {
    expect(objectKeyProblem('a\u007fb')).toContain('"a\\u007fb"');
    expect(objectKeyProblem('a\u0000b')).toContain('"a\\u0000b"');
  });
});

describe('objectKeyPrefixProblem', () => {
  it.each(['', 'a', 'a/', 'occupancy/spaces/1', 'occupancy/spaces/', 'a/.', 'a/..', '.'])(
    'accepts %s (a prefix may end inside a segment or with /)',
    (prefix) => expect(objectKeyPrefixProblem(prefix)).toBeNull(),
  );

  it.each(
    labelled<[RegExp]>([
      ['/', /starts with '\/'/],
      ['/a', /starts with '\/'/],
      ['a//', /empty segment/],
      ['a//b', /empty segment/],
      ['../a', /'\.\.' segment/],
      ['a/./', /'\.' segment/],
      ['a\\', /backslash/],
      ['a\u0001', /control character/],
      ['x'.repeat(MAX_OBJECT_KEY_BYTES + 1), /bytes/],
    ]),
  )('rejects %s', (_label, prefix, reason) => {
    expect(objectKeyPrefixProblem(prefix)).toMatch(reason);
  });
});

describe('compareObjectKeys', () => {
  it('orders by UTF-8 bytes, as S3 lists keys', () => {
    const keys = ['é', 'a/b', 'a', '\uffff', 'a-c', '😀', 'ab', 'a0', 'A', 'z'];
    const byBytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...keys].sort(compareObjectKeys)).toEqual(byBytes);
    expect(byBytes).toEqual(['A', 'a', 'a-c', 'a/b', 'a0', 'ab', 'z', 'é', '\uffff', '😀']);
  });

  it('puts an astral character after U+FFFF, unlike plain string comparison', () => {
    expect('😀' < '\uffff').toBe(true);
    expect(compareObjectKeys('😀', '\uffff')).toBeGreaterThan(0);
    expect(compareObjectKeys('\uffff', '😀')).toBeLessThan(0);
  });

  it('orders a key before its extensions and is 0 on equal keys', () => {
    expect(compareObjectKeys('a', 'a/b')).toBeLessThan(0);
    expect(compareObjectKeys('a/b', 'a')).toBeGreaterThan(0);
    expect(compareObjectKeys('a/b', 'a/b')).toBe(0);
  });
});
