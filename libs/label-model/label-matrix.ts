/** The label value of an abstaining labeling function. */
export const ABSTAIN = -1;

/**
 * A label matrix: n rows (data points) × m columns (labeling functions), row-major, each cell a
 * class in [0, k) or ABSTAIN. Int8: k ≤ 127 classes.
 */
export interface LabelMatrix {
  n: number;
  m: number;
  data: Int8Array;
}

/** A LabelMatrix from rows of votes (tests, small inputs); checks every value against k. */
export function labelMatrix(rows: readonly (readonly number[])[], k: number): LabelMatrix {
  const n = rows.length;
  const m = n ? rows[0].length : 0;
  const data = new Int8Array(n * m);
  rows.forEach((row, i) => {
    if (row.length !== m) throw new RangeError(`row ${i} has ${row.length} votes, not ${m}`);
    row.forEach((v, j) => (data[i * m + j] = v));
  });
  checkLabelMatrix({ n, m, data }, k);
  return { n, m, data };
}

/** Throws a RangeError naming the first vote outside {-1} ∪ [0, k). */
export function checkLabelMatrix(L: LabelMatrix, k: number): void {
  if (!Number.isInteger(k) || k < 2 || k > 127)
    throw new RangeError(`cardinality must be an integer in [2, 127]: ${k}`);
  if (L.data.length !== L.n * L.m)
    throw new RangeError(`the matrix holds ${L.data.length} votes, not ${L.n} × ${L.m}`);
  for (let i = 0; i < L.data.length; i++) {
    const v = L.data[i];
    if (v < ABSTAIN || v >= k)
      throw new RangeError(
        `vote ${v} of row ${Math.floor(i / L.m)}, LF ${i % L.m} is outside -1..${k - 1}`,
      );
  }
}

/**
 * The distinct rows of L with their counts, in one pass (open addressing on a hash of the row):
 * real label matrices repeat a lot, and everything the label model needs from L is a sum over
 * rows. `first[g]` is a row of group g, `count[g]` how many rows it stands for, `groupOf[i]`
 * row i's group. Memory O(n) for groupOf plus O(distinct rows).
 */
export interface RowGroups {
  size: number;
  first: Int32Array;
  count: Float64Array;
  groupOf: Int32Array;
}

export function groupRows(L: LabelMatrix): RowGroups {
  const { n, m, data } = L;
  let capacity = 1024;
  while (capacity < 2 * Math.min(n, 1 << 22)) capacity *= 2;
  let slots = new Int32Array(capacity).fill(-1); // group index per slot
  let hashes = new Uint32Array(capacity);
  let first = new Int32Array(Math.max(16, Math.min(n, 1024)));
  let count = new Float64Array(first.length);
  const groupOf = new Int32Array(n);
  let size = 0;
  const same = (a: number, b: number) => {
    for (let j = 0; j < m; j++) if (data[a * m + j] !== data[b * m + j]) return false;
    return true;
  };
  const rehash = () => {
    const next = new Int32Array(capacity * 2).fill(-1);
    const nextHashes = new Uint32Array(capacity * 2);
    const mask = capacity * 2 - 1;
    for (let s = 0; s < capacity; s++) {
      const g = slots[s];
      if (g < 0) continue;
      let t = hashes[s] & mask;
      while (next[t] >= 0) t = (t + 1) & mask;
      next[t] = g;
      nextHashes[t] = hashes[s];
    }
    slots = next;
    hashes = nextHashes;
    capacity *= 2;
  };
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < m; j++) h = Math.imul(h ^ (data[i * m + j] & 0xff), 0x01000193);
    h >>>= 0;
    const mask = capacity - 1;
    let s = h & mask;
    let g = -1;
    while (slots[s] >= 0) {
      if (hashes[s] === h && same(first[slots[s]], i)) {
        g = slots[s];
        break;
      }
      s = (s + 1) & mask;
    }
    if (g < 0) {
      g = size++;
      if (g >= first.length) {
        const grow = Math.min(n, first.length * 2);
        const f = new Int32Array(grow);
        f.set(first);
        first = f;
        const c = new Float64Array(grow);
        c.set(count);
        count = c;
      }
      first[g] = i;
      slots[s] = g;
      hashes[s] = h;
      if (size * 2 > capacity) rehash();
    }
    count[g] += 1;
    groupOf[i] = g;
  }
  return { size, first, count, groupOf };
}
