import { canonicalJson, definitionHash, fingerprint, staleness } from '.';

describe('asset fingerprints', () => {
  it('hashes equal definitions equally whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(definitionHash({ sql: 'SELECT 1', key: 'k' })).toBe(
      definitionHash({ key: 'k', sql: 'SELECT 1' }),
    );
    expect(definitionHash({ sql: 'SELECT 1', key: 'k' })).not.toBe(
      definitionHash({ sql: 'SELECT 2', key: 'k' }),
    );
  });

  it('changes the fingerprint when an input materialization changes', () => {
    const def = { sql: 'SELECT 1' };
    expect(fingerprint(def, { index: 'a' })).not.toBe(fingerprint(def, { index: 'b' }));
    expect(fingerprint(def, { index: 'a' })).toBe(fingerprint({ ...def }, { index: 'a' }));
  });

  it('says why a build is stale: definition changed, input re-materialized or gone', () => {
    const def = { sql: 'SELECT 1' };
    const built = { definitionHash: definitionHash(def), inputs: { index: 'run-1' } };
    expect(staleness(built, { definition: def, inputs: { index: 'run-1' } })).toEqual({
      stale: false,
      reasons: [],
    });
    expect(
      staleness(built, { definition: { sql: 'SELECT 2' }, inputs: { index: 'run-1' } }).reasons,
    ).toEqual(['its definition (SQL or columns) changed after it was built']);
    expect(staleness(built, { definition: def, inputs: { index: 'run-2' } }).reasons).toEqual([
      'its index was re-materialized after it was built',
    ]);
    expect(staleness(built, { definition: def, inputs: { index: null } }).reasons).toEqual([
      'its index has no materialization any more',
    ]);
    expect(staleness(null, { definition: def, inputs: {} }).stale).toBe(false);
  });
});
