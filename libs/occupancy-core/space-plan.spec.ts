import { planSpaces, sameIdList, SubtreeSpace } from './space-plan';

//        1 (campus)
//      /    \
//     2      3 (building, no data anywhere below)
//   /  \      \
//  4    5      6
//  |
//  7
const tree: SubtreeSpace[] = [
  { spaceId: 1, parentSpaceId: null, depth: 0 },
  { spaceId: 2, parentSpaceId: 1, depth: 1 },
  { spaceId: 3, parentSpaceId: 1, depth: 1 },
  { spaceId: 4, parentSpaceId: 2, depth: 2 },
  { spaceId: 5, parentSpaceId: 2, depth: 2 },
  { spaceId: 6, parentSpaceId: 3, depth: 2 },
  { spaceId: 7, parentSpaceId: 4, depth: 3 },
];

const summary = (plan: ReturnType<typeof planSpaces>) =>
  Object.fromEntries(
    plan.map((p) => [p.spaceId, `${p.type}:${p.childIds.join(',')}:${p.hasOwnData ? 'own' : '-'}`]),
  );

describe('planSpaces', () => {
  it('plans spaces with data and their ancestors, derived where planned children exist', () => {
    expect(summary(planSpaces(tree, [7, 5]))).toEqual({
      1: 'derived:2:-',
      2: 'derived:4,5:-',
      4: 'derived:7:-',
      5: 'source::own',
      7: 'source::own',
    });
  });

  it('keeps own data of a space that also has planned children', () => {
    expect(summary(planSpaces(tree, [2, 5]))).toEqual({
      1: 'derived:2:-',
      2: 'derived:5:own',
      5: 'source::own',
    });
  });

  it('plans a space with own data whose children have none as a source', () => {
    expect(summary(planSpaces(tree, [2]))).toEqual({ 1: 'derived:2:-', 2: 'source::own' });
  });

  it('plans nothing without data, and ignores data spaces outside the subtree', () => {
    expect(planSpaces(tree, [])).toEqual([]);
    expect(planSpaces(tree, [99])).toEqual([]);
  });

  it('stops at the root even if the root names a parent', () => {
    const rooted = [
      { spaceId: 4, parentSpaceId: 2, depth: 0 },
      { spaceId: 7, parentSpaceId: 4, depth: 1 },
    ];
    expect(summary(planSpaces(rooted, [7]))).toEqual({ 4: 'derived:7:-', 7: 'source::own' });
  });

  it('lists for each planned space the spaces with data in its subtree (what distinct counts)', () => {
    const plan = planSpaces(tree, [7, 5, 2]);
    expect(Object.fromEntries(plan.map((p) => [p.spaceId, p.dataSpaceIds]))).toEqual({
      1: [2, 5, 7],
      2: [2, 5, 7],
      4: [7],
      5: [5],
      7: [7],
    });
  });

  it('counts a data space once even when the data list repeats it', () => {
    expect(planSpaces(tree, [7, 7]).find((p) => p.spaceId === 1)!.dataSpaceIds).toEqual([7]);
  });
});

describe('sameIdList', () => {
  it('compares lists by their ids in order, and no list only with no list', () => {
    expect(sameIdList([1, 2], [1, 2])).toBe(true);
    expect(sameIdList([1, 2], [1, 3])).toBe(false);
    expect(sameIdList([1, 2], [1, 2, 3])).toBe(false);
    expect(sameIdList([], [])).toBe(true);
    expect(sameIdList(null, undefined)).toBe(true);
    expect(sameIdList(null, [])).toBe(false);
    expect(sameIdList([], undefined)).toBe(false);
  });
});
