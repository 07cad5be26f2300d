import { LfCodeError, LfSandbox, RowBatch } from '.';

const HAM = 0;
const SPAM = 1;
const constants = { HAM, SPAM };
const applicable = [HAM, SPAM];
const limits = { timeMs: 300, memoryBytes: 32 * 1024 * 1024 };

const make = (code: string) => LfSandbox.create(code, { constants, applicable, limits });

const batch = (n: number): RowBatch => ({
  names: ['id', 'text', 'score', 'flag'],
  columns: [
    Array.from({ length: n }, (_, i) => i),
    Array.from({ length: n }, (_, i) => (i % 2 ? `check out my channel ${i}` : `nice song ${i}`)),
    Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i / n)),
    Array.from({ length: n }, (_, i) => i % 3 === 0),
  ],
});

describe('LfSandbox', () => {
  const open: LfSandbox[] = [];
  const track = async (p: Promise<LfSandbox>) => {
    const s = await p;
    open.push(s);
    return s;
  };
  afterEach(() => open.splice(0).forEach((s) => s.dispose()));

  it('votes row by row in one call per batch, with the concept constants', async () => {
    const lf = await track(
      make(`function labelingFunction(row) {
        if (row.text.includes('channel')) return SPAM;
        if (row.score === null) return ABSTAIN;
        return row.flag ? HAM : undefined;
      }`),
    );
    const b = batch(1000);
    const r = lf.run(b);
    const expected = Array.from({ length: 1000 }, (_, i) =>
      i % 2 ? SPAM : i % 5 === 0 ? -1 : i % 3 === 0 ? HAM : -1,
    );
    expect(Array.from(r.votes)).toEqual(expected);
    expect(r).toMatchObject({ errors: 0, invalid: 0, failedRows: 0, messages: [] });
  });

  it('passes values faithfully: NUL, a lone surrogate, emoji, bigint, a "__proto__" column', async () => {
    const lf = await track(
      make(`function labelingFunction(row) {
        const ok = row.a === 'x\\u0000y' && row.b === 'a\\uD800b' && row.c === '😀ü' &&
          row.big === '9007199254740993' && row.small === 42 && Object.keys(row).includes('__proto__') &&
          row.__proto__ === 'p' && row.n === null && row.t === true;
        return ok ? SPAM : HAM;
      }`),
    );
    const r = lf.run({
      names: ['a', 'b', 'c', 'big', 'small', '__proto__', 'n', 't'],
      columns: [
        ['x\u0000y'],
        ['a\ud800b'],
        ['😀ü'],
        [9007199254740993n],
        [42n],
        ['p'],
        [null],
        [true],
      ],
    });
    expect(r.messages).toEqual([]);
    expect(Array.from(r.votes)).toEqual([SPAM]);
  });

  it('counts throws and junk returns as ABSTAIN, with the first messages', async () => {
    const lf = await track(
      make(`function labelingFunction(row) {
        switch (row.id % 6) {
          case 0: throw new Error('boom ' + row.id);
          case 1: return 7;            // not applicable
          case 2: return '1';          // a string, not a class
          case 3: return 1.5;
          case 4: return 'x'.repeat(5000000);
          default: return SPAM;
        }
      }`),
    );
    const r = lf.run(batch(60));
    expect(r.errors).toBe(10);
    expect(r.invalid).toBe(40);
    expect(Array.from(r.votes).filter((v) => v === SPAM)).toHaveLength(10);
    expect(Array.from(r.votes).filter((v) => v === -1)).toHaveLength(50);
    expect(r.messages[0]).toBe('row 0: boom 0');
    expect(r.messages[1]).toMatch(/row 1: returned number 7, not ABSTAIN/);
    expect(r.messages).toHaveLength(5);
    expect(r.messages.every((m) => m.length < 400)).toBe(true);
  });

  describe('hostile code', () => {
    it('an endless loop in the LF fails its batch at the deadline; the sandbox and others go on', async () => {
      const lf = await track(
        make('function labelingFunction(row) { if (row.id === 3) for (;;) {} return SPAM; }'),
      );
      const started = Date.now();
      const r = lf.run(batch(10));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(r.failedRows).toBe(10);
      expect(Array.from(r.votes).every((v) => v === -1)).toBe(true);
      expect(r.messages[0]).toMatch(/interrupted/i);
      // the same sandbox answers a batch without the bad row; another sandbox is unaffected
      expect(Array.from(lf.run(batch(3)).votes)).toEqual([SPAM, SPAM, SPAM]);
      const other = await track(make('function labelingFunction() { return HAM; }'));
      expect(Array.from(other.run(batch(2)).votes)).toEqual([HAM, HAM]);
    });

    it('an endless loop at the top level is refused at set-up', async () => {
      await expect(make('for (;;) {}')).rejects.toThrow(/interrupted/i);
    });

    it('a memory bomb hits the heap limit and is reported', async () => {
      for (const bomb of [
        'const keep = []; function labelingFunction(row) { for (;;) keep.push({ id: row.id, more: [1, 2, 3] }); }',
        'function labelingFunction(row) { const a = []; for (let i = 0; ; i++) a[i] = i; }',
        'function labelingFunction(row) { let s = "x"; for (;;) s = s + s; }',
      ]) {
        const lf = await track(make(bomb));
        const r = lf.run(batch(2));
        expect(Array.from(r.votes)).toEqual([-1, -1]);
        expect(r.errors + r.failedRows).toBeGreaterThan(0);
        expect(r.messages.join(' ')).toMatch(/out of memory|string too long|interrupted/i);
      }
    });

    it('deep recursion is a stack overflow on that row', async () => {
      const lf = await track(
        make(
          'function f(n) { return f(n + 1) + 1; } function labelingFunction(row) { return row.id === 1 ? f(0) : SPAM; }',
        ),
      );
      const r = lf.run(batch(3));
      expect(Array.from(r.votes)).toEqual([SPAM, -1, SPAM]);
      expect(r.errors).toBe(1);
      expect(r.messages[0]).toMatch(/stack overflow/i);
    });

    it('has no require, process, fetch, timers, or module loading', async () => {
      const lf = await track(
        make(`function labelingFunction() {
          const none = [typeof require, typeof process, typeof fetch, typeof setTimeout,
            typeof XMLHttpRequest, typeof module, typeof globalThis.std, typeof globalThis.os];
          return none.every((t) => t === 'undefined') ? SPAM : HAM;
        }`),
      );
      expect(Array.from(lf.run(batch(1)).votes)).toEqual([SPAM]);
      const importer = await track(
        make(`function labelingFunction() { return import('node:fs'); }`),
      );
      // a promise is not a class; nothing ever runs its jobs
      const r = importer.run(batch(1));
      expect(r.invalid).toBe(1);
      await expect(
        make(`import fs from 'node:fs'; function labelingFunction() { return 1; }`),
      ).rejects.toThrow(LfCodeError);
    });

    it('prototype pollution stays inside its own sandbox and cannot bend the row passing', async () => {
      const lf = await track(
        make(`Object.prototype.polluted = 'yes';
          JSON.parse = () => { throw new Error('JSON gone'); };
          JSON.stringify = () => 'gone';
          String.prototype.substring = () => 'hijacked';
          Function.prototype.call = () => 'hijacked';
          Array.prototype.push = null;
          Object.defineProperty(Int32Array.prototype, 'buffer', { get() { throw new Error('no buffer'); } });
          function labelingFunction(row) { return row.text.startsWith('check') ? SPAM : HAM; }`),
      );
      const r = lf.run(batch(4));
      expect(Array.from(r.votes)).toEqual([HAM, SPAM, HAM, SPAM]);
      const clean = await track(
        make(`function labelingFunction() { return ({}).polluted === undefined ? SPAM : HAM; }`),
      );
      expect(Array.from(clean.run(batch(1)).votes)).toEqual([SPAM]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('constants cannot be reassigned', async () => {
      const lf = await track(
        make(`try { SPAM = 0; } catch (e) {}
          globalThis.SPAM = 0;
          function labelingFunction() { return SPAM; }`),
      );
      expect(Array.from(lf.run(batch(1)).votes)).toEqual([SPAM]);
    });

    it('refuses code without labelingFunction, or that does not parse, with the reason', async () => {
      await expect(make('const x = 1;')).rejects.toThrow(/must define function labelingFunction/);
      await expect(make('function labelingFunction( {')).rejects.toThrow(/SyntaxError/);
      await expect(make('throw new Error("top")')).rejects.toThrow(/top/);
    });
  });
});
