import {
  ChunkEdge,
  claimableChunks,
  PendingChunk,
  windowBatches,
  withDependents,
} from './window-batch';

const chunk = (
  id: string,
  type: 'source' | 'derived',
  windowStartSec = 0,
  spaceId = Number(id),
  aggregation: 'sum' | 'distinct' = 'sum',
): PendingChunk => ({
  chunkId: id,
  spaceId,
  intervalSec: 3600,
  aggregation,
  windowStartSec,
  type,
});
const edge = (parentId: string, childId: string, childStatus = 'PENDING'): ChunkEdge => ({
  parentId,
  childId,
  childStatus,
});
const ids = (cs: PendingChunk[]) => cs.map((c) => c.chunkId).sort();

describe('claimableChunks', () => {
  it('claims a whole pending tree at once: rooms, floor and building', () => {
    const pending = [
      chunk('1', 'derived'),
      chunk('2', 'derived'),
      chunk('3', 'source'),
      chunk('4', 'source'),
    ];
    const edges = [edge('1', '2'), edge('2', '3'), edge('2', '4')];
    expect(ids(claimableChunks(pending, edges))).toEqual(['1', '2', '3', '4']);
  });

  it('claims a derived chunk whose inputs are COMPLETED, but not one with an input held elsewhere', () => {
    const pending = [chunk('1', 'derived'), chunk('5', 'derived')];
    const edges = [
      edge('1', '2', 'COMPLETED'),
      edge('5', '6', 'RUNNING'),
      edge('5', '7', 'COMPLETED'),
    ];
    expect(ids(claimableChunks(pending, edges))).toEqual(['1']);
  });

  it('blocks every ancestor of a chunk that cannot be claimed', () => {
    // 3 waits on 9, which another run holds (not in pending): 3, then 2, then 1 wait
    const pending = [
      chunk('1', 'derived'),
      chunk('2', 'derived'),
      chunk('3', 'derived'),
      chunk('4', 'source'),
    ];
    const edges = [edge('1', '2'), edge('2', '3'), edge('2', '4'), edge('3', '9', 'PENDING')];
    expect(ids(claimableChunks(pending, edges))).toEqual(['4']);
  });

  it('claims a derived chunk without inputs (own sessions only)', () => {
    expect(ids(claimableChunks([chunk('1', 'derived')], []))).toEqual(['1']);
  });

  it('ignores edges of parents that are not pending here', () => {
    const pending = [chunk('3', 'source')];
    expect(ids(claimableChunks(pending, [edge('1', '3')]))).toEqual(['3']);
  });
});

describe('windowBatches', () => {
  it('makes one run per interval and window', () => {
    const cs = [chunk('1', 'source', 0), chunk('2', 'source', 86400), chunk('3', 'source', 0)];
    const batches = windowBatches(cs, [], 100).map(ids);
    expect(batches).toEqual([['1', '3'], ['2']]);
  });

  it('never puts chunks of two aggregations into one run', () => {
    const cs = [chunk('1', 'source', 0, 1, 'sum'), chunk('2', 'source', 0, 1, 'distinct')];
    expect(windowBatches(cs, [], 100).map(ids)).toEqual([['1'], ['2']]);
  });

  it('splits a window that is too large into runs of its independent chunks only', () => {
    const cs = [
      chunk('1', 'derived'),
      chunk('2', 'source'),
      chunk('3', 'source'),
      chunk('4', 'source'),
      chunk('5', 'derived'),
    ];
    const edges = [edge('1', '2'), edge('1', '3'), edge('5', '6', 'COMPLETED')];
    const batches = windowBatches(cs, edges, 2).map(ids);
    // 1 depends on 2 and 3 in this claim: it waits; 5's input is COMPLETED: independent
    expect(batches).toEqual([
      ['2', '3'],
      ['4', '5'],
    ]);
  });

  it('rejects a batch size below one', () => {
    expect(() => windowBatches([], [], 0)).toThrow(RangeError);
  });
});

describe('withDependents', () => {
  it('adds every chunk computed from a changed one, up to the root, and nothing else', () => {
    // root 1 ← floors 2, 3; floor 2 ← rooms 4, 5; floor 3 ← room 6
    const edges = [edge('1', '2'), edge('1', '3'), edge('2', '4'), edge('2', '5'), edge('3', '6')];
    expect([...withDependents(['4'], edges)].sort()).toEqual(['1', '2', '4']);
    expect([...withDependents(['3'], edges)].sort()).toEqual(['1', '3']);
    expect([...withDependents([], edges)]).toEqual([]);
  });
});
