import { PlanChunk, staleDerivedChunks } from './stale';

const chunk = (id: string, spaceId: number, over: Partial<PlanChunk> = {}): PlanChunk => ({
  id,
  spaceId,
  windowStartSec: 0,
  derived: false,
  status: 'COMPLETED',
  completedUs: 100,
  inputSpaceIds: null,
  ...over,
});
// 1 building ← 2 floor ← 3, 4 rooms; a second window with the same shape
const tree = (window = 0, t = 100) => [
  chunk(`b${window}`, 1, {
    windowStartSec: window,
    derived: true,
    inputSpaceIds: [2],
    completedUs: t,
  }),
  chunk(`f${window}`, 2, {
    windowStartSec: window,
    derived: true,
    inputSpaceIds: [3, 4],
    completedUs: t,
  }),
  chunk(`r3-${window}`, 3, { windowStartSec: window, completedUs: t }),
  chunk(`r4-${window}`, 4, { windowStartSec: window, completedUs: t }),
];
const ids = (s: Set<string>) => [...s].sort();

describe('staleDerivedChunks', () => {
  it('finds nothing when every input was completed with or before its parent', () => {
    expect(ids(staleDerivedChunks(tree(), new Set()))).toEqual([]);
  });

  it('climbs from an input being reset to every chunk above it, in its window only', () => {
    const chunks = [...tree(0), ...tree(86_400)];
    expect(ids(staleDerivedChunks(chunks, new Set(['r3-0'])))).toEqual(['b0', 'f0']);
  });

  it('finds a parent whose input was completed after it (to the microsecond)', () => {
    const chunks = tree();
    chunks[3] = { ...chunks[3], completedUs: 101 };
    expect(ids(staleDerivedChunks(chunks, new Set()))).toEqual(['b0', 'f0']);
  });

  it('finds a parent whose input is not COMPLETED, and leaves chunks not COMPLETED alone', () => {
    const chunks = tree();
    chunks[2] = { ...chunks[2], status: 'PENDING' };
    chunks[0] = { ...chunks[0], status: 'FAILED' };
    expect(ids(staleDerivedChunks(chunks, new Set()))).toEqual(['f0']);
  });

  it('does not judge inputs outside the plan', () => {
    const chunks = [chunk('f', 2, { derived: true, inputSpaceIds: [9] })];
    expect(ids(staleDerivedChunks(chunks, new Set()))).toEqual([]);
  });
});
