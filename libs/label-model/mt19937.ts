/**
 * The Mersenne Twister MT19937 with NumPy's legacy seeding (`np.random.seed(s)` for an integer
 * s) and `random()` as NumPy's `random_sample` (53 bits from two draws), so a seed gives the
 * same draws as the Python original did: the label model's random start (`mu_init × random()`)
 * matches Snorkel's for the same seed.
 */
export class Mt19937 {
  private readonly mt = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new RangeError(`seed must be an integer in [0, 2^32): ${seed}`);
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      // 1812433253 × prev + i, modulo 2^32, in two 16-bit halves (no precision loss)
      this.mt[i] =
        ((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i;
    }
  }

  /** The next 32-bit output. */
  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double uniform on [0, 1) with 53 random bits (NumPy's random_sample). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** An integer uniform on [0, n). */
  below(n: number): number {
    return Math.floor(this.random() * n);
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < 624; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
      let next = mt[(i + 397) % 624] ^ (y >>> 1);
      if (y & 1) next ^= 0x9908b0df;
      mt[i] = next;
    }
    this.index = 0;
  }
}
