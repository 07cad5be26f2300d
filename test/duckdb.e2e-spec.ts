import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDb } from '../src/infra/duckdb/duckdb.service';
import { ColumnSpec, JsRow } from '../src/infra/duckdb/duckdb-values';
import { RowBatch } from '../src/infra/duckdb/parquet';

const log = (m: string) => process.stderr.write(`[duckdb e2e] ${m}\n`);

async function collect(it: AsyncIterable<JsRow[]>): Promise<JsRow[]> {
  const rows: JsRow[] = [];
  for await (const batch of it) rows.push(...batch);
  return rows;
}

async function listDir(path: string): Promise<string[]> {
  return existsSync(path) ? readdir(path) : [];
}

async function* batches(...list: RowBatch[]): AsyncGenerator<RowBatch> {
  for (const b of list) yield b;
}

const ALL_TYPES: ColumnSpec[] = [
  { name: 's', type: 'VARCHAR' },
  { name: 'i', type: 'INTEGER' },
  { name: 'b', type: 'BIGINT' },
  { name: 'd', type: 'DOUBLE' },
  { name: 'f', type: 'BOOLEAN' },
  { name: 't', type: 'TIMESTAMP' },
];

describe('DuckDb Parquet helpers (real DuckDB)', () => {
  let dir: string;
  let duck: DuckDb;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "duck it's-"));
    duck = new DuckDb({ memoryLimit: '1GB', threads: 2, tempDir: join(dir, 'spill') });
  });
  afterAll(async () => {
    await duck.onModuleDestroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips every column type, NULLs, unicode, UTC millisecond timestamps and int64 beyond 2^53', async () => {
    const target = join(dir, "o'brien", 'types.parquet');
    const rows = [
      [
        'héllo wörld ✓ 🦆 "quoted" \'single\'',
        2147483647,
        '9007199254740993',
        1.5,
        true,
        new Date('2024-02-29T23:59:59.999Z'),
      ],
      ['', -2147483648, -(2n ** 63n), -0.25, false, '1969-12-31T23:59:59.999Z'],
      ['pg style', 0, 2n ** 63n - 1n, 1e300, true, '2024-03-01 12:34:56.789'],
      ['offset', 7, 9007199254740991, -1e-300, false, '2024-03-01T14:34:56.789+02:00'],
      ['epoch ms', 8, -9007199254740991, Number.POSITIVE_INFINITY, true, 1_700_000_000_123],
      [null, null, null, null, null, null],
      [undefined, undefined, undefined, undefined, undefined, undefined],
    ];
    const res = await duck.writeParquet(
      target,
      ALL_TYPES,
      batches(rows.slice(0, 3), [], rows.slice(3)),
    );
    expect(res.rows).toBe(rows.length);
    expect(res.bytes).toBe((await stat(target)).size);

    const back = await collect(duck.readParquet(target));
    expect(back).toEqual([
      {
        s: rows[0][0],
        i: 2147483647,
        b: '9007199254740993',
        d: 1.5,
        f: true,
        t: new Date('2024-02-29T23:59:59.999Z'),
      },
      { s: '', i: -2147483648, b: '-9223372036854775808', d: -0.25, f: false, t: new Date(-1) },
      {
        s: 'pg style',
        i: 0,
        b: '9223372036854775807',
        d: 1e300,
        f: true,
        t: new Date('2024-03-01T12:34:56.789Z'),
      },
      {
        s: 'offset',
        i: 7,
        b: 9007199254740991,
        d: -1e-300,
        f: false,
        t: new Date('2024-03-01T12:34:56.789Z'),
      },
      {
        s: 'epoch ms',
        i: 8,
        b: -9007199254740991,
        d: Infinity,
        f: true,
        t: new Date(1_700_000_000_123),
      },
      { s: null, i: null, b: null, d: null, f: null, t: null },
      { s: null, i: null, b: null, d: null, f: null, t: null },
    ]);
    expect(await duck.parquetSchema(target)).toEqual(
      ALL_TYPES.map((c) => ({ name: c.name, type: c.type })),
    );
    // the exact int64 survives in the file, not just in our string mapping
    const exact = await collect(
      duck.streamRows(`SELECT b::VARCHAR AS b FROM read_parquet($1) LIMIT 1`, { params: [target] }),
    );
    expect(exact).toEqual([{ b: '9007199254740993' }]);
  });

  it('maps the other DuckDB types a Parquet file may hold to JS values as documented', async () => {
    const [row] = await collect(
      duck.streamRows(`SELECT
        DATE '2024-02-29' AS d, TIME '12:34:56.5' AS tm, 12.345::DECIMAL(9,3) AS dec,
        170141183460469231731687303715884105727::HUGEINT AS huge, 42::HUGEINT AS small_huge,
        '00000000-0000-0000-0000-000000000001'::UUID AS u, [1, 2, NULL] AS l,
        {'a': 1::BIGINT, 'b': TIMESTAMP '2024-01-01 00:00:00.25'} AS st,
        TIMESTAMPTZ '2024-01-01 12:00:00+02' AS tz, '2024-01-01 00:00:00.123456789'::TIMESTAMP_NS AS ns,
        '1969-12-31 23:59:59.9995'::TIMESTAMP AS before_epoch, 'infinity'::TIMESTAMP AS inf,
        INTERVAL 90 MINUTE AS iv, 'x'::BLOB AS bl, 2.5::FLOAT AS fl, 3::TINYINT AS ti`),
    );
    expect(row).toEqual({
      d: '2024-02-29',
      tm: '12:34:56.5',
      dec: 12.345,
      huge: '170141183460469231731687303715884105727',
      small_huge: 42,
      u: '00000000-0000-0000-0000-000000000001',
      l: [1, 2, null],
      st: { a: 1, b: new Date('2024-01-01T00:00:00.250Z') },
      tz: new Date('2024-01-01T10:00:00Z'),
      ns: new Date('2024-01-01T00:00:00.123Z'),
      before_epoch: new Date('1969-12-31T23:59:59.999Z'),
      inf: 'infinity',
      iv: '01:30:00',
      bl: new Uint8Array([120]),
      fl: 2.5,
      ti: 3,
    });
  });

  it('refuses a value that does not fit its column, naming the column and the row', async () => {
    const target = join(dir, 'bad.parquet');
    const cols: ColumnSpec[] = [{ name: 'n', type: 'INTEGER' }];
    await expect(duck.writeParquet(target, cols, [[[1], [2], ['3']]])).rejects.toThrow(
      /column "n" \(INTEGER\), row 3: expected an integer in the int32 range, got string "3"/,
    );
    await expect(duck.writeParquet(target, ALL_TYPES.slice(5), [[['yesterday']]])).rejects.toThrow(
      /column "t" \(TIMESTAMP\)/,
    );
    await expect(duck.writeParquet(target, cols, [[[1, 2]]])).rejects.toThrow(
      /row 1 has 2 values, expected 1/,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('writes 1,000,000 appended rows and streams them back with the same count and checksum', async () => {
    const N = 1_000_000;
    const BATCH = 10_000;
    const base = Date.UTC(2024, 0, 1);
    const cols: ColumnSpec[] = [
      { name: 'id', type: 'INTEGER' },
      { name: 'mac', type: 'VARCHAR' },
      { name: 'big', type: 'BIGINT' },
      { name: 'x', type: 'DOUBLE' },
      { name: 'ok', type: 'BOOLEAN' },
      { name: 'at', type: 'TIMESTAMP' },
    ];
    const written = { ids: 0, chars: 0, big: 0n, x: 0, ok: 0, at: 0 };
    async function* generate(): AsyncGenerator<RowBatch> {
      for (let start = 0; start < N; start += BATCH) {
        const batch: unknown[][] = [];
        for (let k = start; k < start + BATCH; k++) {
          const mac = `mac-${(k * 7919) % 100_003}`;
          const big = 2n ** 40n * BigInt(k);
          const x = k / 8;
          const at = new Date(base + k * 1001);
          written.ids += k;
          written.chars += mac.length;
          written.big += big;
          written.x += x;
          written.ok += k % 3 === 0 ? 1 : 0;
          written.at += at.getTime() - base;
          batch.push([k, mac, big, x, k % 3 === 0, at]);
        }
        yield batch;
      }
    }
    const target = join(dir, 'big', 'million.parquet');
    let t0 = Date.now();
    const res = await duck.writeParquet(target, cols, generate());
    const writeMs = Date.now() - t0;
    expect(res.rows).toBe(N);

    t0 = Date.now();
    const read = { n: 0, ids: 0, chars: 0, big: 0n, x: 0, ok: 0, at: 0, batches: 0 };
    for await (const batch of duck.readParquet(target, { batchSize: 50_000 })) {
      read.batches += 1;
      for (const r of batch) {
        read.n += 1;
        read.ids += r.id as number;
        read.chars += (r.mac as string).length;
        read.big += BigInt(r.big as number | string);
        read.x += r.x as number;
        read.ok += r.ok ? 1 : 0;
        read.at += (r.at as Date).getTime() - base;
      }
    }
    const readMs = Date.now() - t0;
    log(
      `1M rows × 6 columns: write ${writeMs} ms (${res.bytes} bytes), streamed read ${readMs} ms`,
    );
    expect(read).toEqual({ ...written, n: N, batches: N / 50_000 });
  });

  it('leaves neither the target nor a temp file when the row source fails', async () => {
    const out = join(dir, 'atomic');
    const target = join(out, 'x.parquet');
    async function* failing(): AsyncGenerator<RowBatch> {
      yield Array.from({ length: 5000 }, (_, k) => [k]);
      throw new Error('source went away');
    }
    const cols: ColumnSpec[] = [{ name: 'k', type: 'INTEGER' }];
    await expect(duck.writeParquet(target, cols, failing())).rejects.toThrow('source went away');
    expect(await listDir(out)).toEqual([]);

    // an existing file is only replaced by a complete one
    await duck.writeParquet(target, cols, [[[1], [2]]]);
    await expect(duck.writeParquet(target, cols, failing())).rejects.toThrow('source went away');
    expect(await listDir(out)).toEqual(['x.parquet']);
    expect(await collect(duck.readParquet(target))).toEqual([{ k: 1 }, { k: 2 }]);
  });

  it('cleans up the temp file when COPY itself fails', async () => {
    const target = join(dir, 'copyfail', 'x.parquet');
    await expect(duck.copyQueryToParquet("SELECT error('boom') AS e", target)).rejects.toThrow(
      'boom',
    );
    expect(await listDir(join(dir, 'copyfail'))).toEqual([]);
  });

  it('copies a parameterised query to Parquet and reads selected columns in exact batches', async () => {
    const target = join(dir, 'q.parquet');
    const res = await duck.copyQueryToParquet(
      'SELECT i, i * 2 AS j, make_timestamp(i * 1000000) AS t FROM range($1) r(i)',
      target,
      [5000],
    );
    expect(res.rows).toBe(5000);
    const sizes: number[] = [];
    let last: JsRow | undefined;
    for await (const batch of duck.readParquet(target, { columns: ['t', 'j'], batchSize: 1500 })) {
      sizes.push(batch.length);
      last = batch[batch.length - 1];
    }
    expect(sizes).toEqual([1500, 1500, 1500, 500]);
    expect(last).toEqual({ t: new Date(4999_000), j: 9998 });
    expect(await duck.parquetSchema(target)).toEqual([
      { name: 'i', type: 'BIGINT' },
      { name: 'j', type: 'BIGINT' },
      { name: 't', type: 'TIMESTAMP' },
    ]);
  });

  it('runs concurrent writes and reads on the shared instance without mixing them up', async () => {
    const cols: ColumnSpec[] = [{ name: 'v', type: 'BIGINT' }];
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (w) => {
        const target = join(dir, 'concurrent', `w${w}.parquet`);
        const rows = Array.from({ length: 20_000 * w }, (_, k) => [k * w]);
        await duck.writeParquet(target, cols, [rows]);
        let sum = 0;
        for await (const b of duck.readParquet(target)) for (const r of b) sum += r.v as number;
        return sum;
      }),
    );
    results.forEach((sum, i) => {
      const w = i + 1;
      const n = 20_000 * w;
      expect(sum).toBe((w * n * (n - 1)) / 2);
    });
  });

  it('reads pipes on an instance of its own with one thread; the shared one keeps its threads', async () => {
    const threads = (conn: DuckDBConnection) =>
      conn
        .runAndReadAll("SELECT current_setting('threads')")
        .then((r) => Number(r.getRows()[0][0]));
    expect(await duck.withConnection(threads)).toBe(2);
    expect(await duck.withPipeConnection(threads)).toBe(1);
    // a table made on one instance is not seen from the other
    await duck.withPipeConnection((c) => c.run('CREATE TABLE only_in_pipe AS SELECT 1 AS x'));
    await expect(duck.withConnection((c) => c.run('SELECT * FROM only_in_pipe'))).rejects.toThrow(
      /only_in_pipe/,
    );
    await duck.withPipeConnection((c) => c.run('DROP TABLE only_in_pipe'));
  });

  it('closes the connection when a reader stops early, and refuses work after shutdown', async () => {
    const target = join(dir, 'early.parquet');
    await duck.copyQueryToParquet('SELECT * FROM range(100000) r(i)', target);
    for await (const batch of duck.readParquet(target)) {
      expect(batch).toHaveLength(2048);
      break;
    }
    const other = new DuckDb({ memoryLimit: '256MB', threads: 1, tempDir: join(dir, 'spill2') });
    await writeFile(join(dir, 'not-parquet.parquet'), 'nope');
    await expect(other.parquetSchema(join(dir, 'not-parquet.parquet'))).rejects.toThrow();
    await other.withPipeConnection((c) => c.run('SELECT 1'));
    await other.onModuleDestroy();
    await expect(other.withConnection(async () => 1)).rejects.toThrow('shut down');
    await expect(other.withPipeConnection(async () => 1)).rejects.toThrow('shut down');
  });
});
