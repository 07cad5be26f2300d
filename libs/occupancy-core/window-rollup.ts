/**
 * The bottom-up sum of one window (DESIGN §6): count(s, b) = own(s, b) + Σ count(child, b).
 * Values are dense per chunk: index i is bin `firstBin + i` of the window.
 */

export interface RollupChunk {
  chunkId: string;
  spaceId: number;
}

export interface RollupInput {
  /** Bins per window (window seconds / interval seconds). */
  binCount: number;
  /** The chunks to compute (one per space). */
  chunks: RollupChunk[];
  /** Derived chunk id → its input chunk ids (children for the same window and interval). */
  childrenOf: ReadonlyMap<string, readonly string[]>;
  /** Space id → distinct devices of its own sessions per bin (missing = no own sessions). */
  own: ReadonlyMap<number, ArrayLike<number>>;
  /** Values of input chunks that are not computed here (COMPLETED earlier), by chunk id. */
  inputs: ReadonlyMap<string, ArrayLike<number>>;
}

/**
 * count per bin for every chunk of `chunks`. An input is taken from the chunks computed here
 * first, else from `inputs`; a missing input is an error (the caller claimed the chunk only
 * when its inputs were COMPLETED or part of the run).
 */
export function rollUpWindow(input: RollupInput): Map<string, Float64Array> {
  const { binCount } = input;
  if (!Number.isSafeInteger(binCount) || binCount < 1)
    throw new RangeError(`binCount must be a positive integer, got ${binCount}`);
  const spaceOf = new Map(input.chunks.map((c) => [c.chunkId, c.spaceId]));
  const done = new Map<string, Float64Array>();
  const visiting = new Set<string>();

  const addInto = (target: Float64Array, values: ArrayLike<number>, what: string) => {
    if (values.length !== binCount)
      throw new RangeError(`${what} has ${values.length} bins, expected ${binCount}`);
    for (let i = 0; i < binCount; i++) target[i] += values[i];
  };

  const compute = (chunkId: string): Float64Array => {
    const cached = done.get(chunkId);
    if (cached) return cached;
    if (visiting.has(chunkId)) throw new Error(`chunk ${chunkId} is its own input (a cycle)`);
    visiting.add(chunkId);
    const values = new Float64Array(binCount);
    const own = input.own.get(spaceOf.get(chunkId)!);
    if (own) addInto(values, own, `own counts of space ${spaceOf.get(chunkId)}`);
    for (const child of input.childrenOf.get(chunkId) ?? []) {
      if (spaceOf.has(child)) addInto(values, compute(child), `chunk ${child}`);
      else {
        const stored = input.inputs.get(child);
        if (!stored) throw new Error(`input chunk ${child} of chunk ${chunkId} is not available`);
        addInto(values, stored, `chunk ${child}`);
      }
    }
    visiting.delete(chunkId);
    done.set(chunkId, values);
    return values;
  };

  for (const c of input.chunks) compute(c.chunkId);
  return done;
}
