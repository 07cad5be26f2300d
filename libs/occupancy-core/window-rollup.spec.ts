import { rollUpWindow } from './window-rollup';

describe('rollUpWindow', () => {
  it('sums own sessions and children bottom-up, a space with own sessions and children included', () => {
    // building b (chunk B) ← floor f (chunk F, has own sessions) ← rooms r1, r2 (chunks R1, R2)
    const out = rollUpWindow({
      binCount: 3,
      chunks: [
        { chunkId: 'B', spaceId: 1 },
        { chunkId: 'F', spaceId: 2 },
        { chunkId: 'R1', spaceId: 3 },
        { chunkId: 'R2', spaceId: 4 },
      ],
      childrenOf: new Map([
        ['B', ['F', 'X']],
        ['F', ['R1', 'R2']],
      ]),
      own: new Map([
        [2, [1, 0, 0]],
        [3, [2, 0, 1]],
        [4, [0, 5, 1]],
      ]),
      inputs: new Map([['X', [10, 0, 0]]]), // another floor, COMPLETED earlier
    });
    expect([...out.get('R1')!]).toEqual([2, 0, 1]);
    expect([...out.get('F')!]).toEqual([3, 5, 2]);
    expect([...out.get('B')!]).toEqual([13, 5, 2]);
  });

  it('fails when an input is neither computed here nor given', () => {
    expect(() =>
      rollUpWindow({
        binCount: 1,
        chunks: [{ chunkId: 'P', spaceId: 1 }],
        childrenOf: new Map([['P', ['C']]]),
        own: new Map(),
        inputs: new Map(),
      }),
    ).toThrow(/input chunk C/);
  });

  it('fails on a cycle and on values of the wrong length', () => {
    const base = { binCount: 2, own: new Map(), inputs: new Map() };
    expect(() =>
      rollUpWindow({
        ...base,
        chunks: [
          { chunkId: 'A', spaceId: 1 },
          { chunkId: 'B', spaceId: 2 },
        ],
        childrenOf: new Map([
          ['A', ['B']],
          ['B', ['A']],
        ]),
      }),
    ).toThrow(/cycle/);
    expect(() =>
      rollUpWindow({
        ...base,
        chunks: [{ chunkId: 'A', spaceId: 1 }],
        childrenOf: new Map(),
        own: new Map([[1, [1, 2, 3]]]),
      }),
    ).toThrow(/expected 2/);
  });
});
