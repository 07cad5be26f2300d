import { inputProblem, MAX_INPUT_DEPTH } from './hostile-input';
import { toStrictInteger } from './query-int';

describe('inputProblem', () => {
  it('finds a NUL in a string, a nested string, an array element or a key, naming where', () => {
    expect(inputProblem({ name: 'a\u0000' }, 'body')).toBe(
      'body.name must not contain NUL characters',
    );
    expect(inputProblem({ a: { b: ['x', 'y\u0000'] } }, 'body')).toBe(
      'body.a.b[1] must not contain NUL characters',
    );
    expect(inputProblem({ ['k\u0000']: 1 }, 'body')).toBe('body has a key with a NUL character');
    expect(inputProblem('\u0000', 'query parameter kind')).toBe(
      'query parameter kind must not contain NUL characters',
    );
    expect(inputProblem({ a: [1, 'b', null, true, { c: 'd' }] }, 'body')).toBeNull();
  });

  it('accepts MAX_INPUT_DEPTH levels and refuses one more, without recursion', () => {
    let ok: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = [ok];
    expect(inputProblem(ok, 'body')).toBeNull();
    expect(inputProblem([ok], 'body')).toBe(`body is nested deeper than ${MAX_INPUT_DEPTH} levels`);
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    expect(inputProblem(deep, 'body')).toMatch(/nested deeper/);
  });
});

describe('toStrictInteger', () => {
  it('converts plain decimal integers only', () => {
    for (const [text, n] of [
      ['0', 0],
      ['12', 12],
      ['-3', -3],
      ['9007199254740991', 9007199254740991],
    ] as const)
      expect(toStrictInteger({ value: text })).toBe(n);
    for (const bad of [
      '0x10',
      '1e3',
      '01',
      '+1',
      '',
      ' 1',
      '1 ',
      '1.0',
      '-0',
      '9007199254740993',
      'NaN',
    ])
      expect(toStrictInteger({ value: bad })).toBe(bad);
    expect(toStrictInteger({ value: ['1', '2'] })).toEqual(['1', '2']);
  });
});
