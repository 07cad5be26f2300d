import { castableType, duckTypeOf, isNumericDuckType } from '.';

describe('duckTypeOf', () => {
  it('keeps integers, floats, booleans, dates and timestamps (with and without zone)', () => {
    expect(
      [
        'smallint',
        'integer',
        'bigint',
        'real',
        'double precision',
        'boolean',
        'date',
        'timestamp without time zone',
        'timestamp(3) with time zone',
        'uuid',
      ].map(duckTypeOf),
    ).toEqual([
      'SMALLINT',
      'INTEGER',
      'BIGINT',
      'FLOAT',
      'DOUBLE',
      'BOOLEAN',
      'DATE',
      'TIMESTAMP',
      'TIMESTAMPTZ',
      'UUID',
    ]);
  });

  it('maps numeric by its precision and text-like types to VARCHAR', () => {
    expect(duckTypeOf('numeric(10,2)')).toBe('DECIMAL(10,2)');
    expect(duckTypeOf('numeric(50,2)')).toBe('DOUBLE');
    expect(duckTypeOf('numeric')).toBe('DOUBLE');
    expect(duckTypeOf('character varying(17)')).toBe('VARCHAR');
    expect(duckTypeOf('jsonb')).toBe('VARCHAR');
    expect(duckTypeOf('integer[]')).toBe('VARCHAR');
    expect(duckTypeOf('interval')).toBe('VARCHAR');
    expect(duckTypeOf('macaddr')).toBe('VARCHAR');
  });

  it('knows which types get numeric stats', () => {
    expect(isNumericDuckType('DECIMAL(10,2)')).toBe(true);
    expect(isNumericDuckType('BOOLEAN')).toBe(false);
    expect(isNumericDuckType('TIMESTAMP')).toBe(false);
  });

  it('puts only ordinary type names in a cast', () => {
    expect(castableType('character varying(17)')).toBe('character varying(17)');
    expect(castableType('bigint')).toBe('bigint');
    expect(castableType('int); DROP TABLE x; --')).toBe('text');
  });
});
