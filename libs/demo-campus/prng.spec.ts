import { Rng } from './prng';
import { UtcTextFormatter } from './utc-text';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draw(new Rng(7, 3), 50)).toEqual(draw(new Rng(7, 3), 50));
  });

  it('gives different sequences for different seeds or streams', () => {
    const a = draw(new Rng(7, 3), 20);
    expect(draw(new Rng(8, 3), 20)).not.toEqual(a);
    expect(draw(new Rng(7, 4), 20)).not.toEqual(a);
  });

  it('draws uniformly from [0, 1)', () => {
    const xs = draw(new Rng(1), 100_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    const deciles = new Array(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    for (const d of deciles) expect(Math.abs(d - 10_000)).toBeLessThan(600);
  });

  it('between() covers both inclusive ends and nothing outside', () => {
    const rng = new Rng(3);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.between(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('normal() has mean ~0 and standard deviation ~1', () => {
    const rng = new Rng(11);
    const xs = Array.from({ length: 50_000 }, () => rng.normal());
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
});

describe('UtcTextFormatter', () => {
  it('formats Unix seconds exactly like the UTC ISO string, across days and years', () => {
    const f = new UtcTextFormatter();
    const rng = new Rng(5);
    const samples = [0, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 4_102_444_799];
    for (let i = 0; i < 5000; i++) samples.push(rng.int(4_102_444_800));
    for (const s of samples) {
      const iso = new Date(s * 1000).toISOString();
      expect(f.format(s)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
    }
  });
});
