/**
 * The assignment of rows to columns of a square matrix with the largest total (Hungarian method
 * with potentials, O(k³)): `result[r]` is the column given to row r.
 */
export function maxAssignment(score: readonly (readonly number[])[]): number[] {
  const k = score.length;
  // minimise cost = -score; 1-based arrays with a virtual column 0
  const u = new Float64Array(k + 1);
  const v = new Float64Array(k + 1);
  const rowOfCol = new Int32Array(k + 1);
  const way = new Int32Array(k + 1);
  for (let r = 1; r <= k; r++) {
    rowOfCol[0] = r;
    let col = 0;
    const minv = new Float64Array(k + 1).fill(Infinity);
    const used = new Uint8Array(k + 1);
    do {
      used[col] = 1;
      const row = rowOfCol[col];
      let delta = Infinity;
      let nextCol = 0;
      for (let c = 1; c <= k; c++) {
        if (used[c]) continue;
        const reduced = -score[row - 1][c - 1] - u[row] - v[c];
        if (reduced < minv[c]) {
          minv[c] = reduced;
          way[c] = col;
        }
        if (minv[c] < delta) {
          delta = minv[c];
          nextCol = c;
        }
      }
      for (let c = 0; c <= k; c++) {
        if (used[c]) {
          u[rowOfCol[c]] += delta;
          v[c] -= delta;
        } else minv[c] -= delta;
      }
      col = nextCol;
    } while (rowOfCol[col] !== 0);
    do {
      const prev = way[col];
      rowOfCol[col] = rowOfCol[prev];
      col = prev;
    } while (col !== 0);
  }
  const result = new Array<number>(k).fill(0);
  for (let c = 1; c <= k; c++) result[rowOfCol[c] - 1] = c - 1;
  return result;
}
