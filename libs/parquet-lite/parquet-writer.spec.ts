import {
  CompactWriter,
  CREATED_BY,
  encodeOccupancyParquet,
  encodeParquet,
  encodeVarint,
  zigzag,
} from './index';

/** Independent, minimal Thrift compact decoder (test-only): struct → Map<fieldId, value>. */
type TValue = boolean | number | bigint | Uint8Array | TValue[] | TStruct;
type TStruct = Map<number, TValue>;

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public pos = 0,
  ) {}
  varint(): bigint {
    let r = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.b[this.pos++];
      r |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return r;
      shift += 7n;
    }
  }
  zz(): bigint {
    const u = this.varint();
    return (u >> 1n) ^ -(u & 1n);
  }
  value(type: number): TValue {
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return this.b[this.pos++];
      case 4:
      case 5:
        return Number(this.zz());
      case 6:
        return this.zz();
      case 8: {
        const n = Number(this.varint());
        this.pos += n;
        return this.b.subarray(this.pos - n, this.pos);
      }
      case 9: {
        const h = this.b[this.pos++];
        const size = h >> 4 === 15 ? Number(this.varint()) : h >> 4;
        return Array.from({ length: size }, () => this.value(h & 15));
      }
      case 12:
        return this.struct();
      default:
        throw new Error(`unexpected compact type ${type}`);
    }
  }
  struct(): TStruct {
    const out: TStruct = new Map();
    let last = 0;
    for (;;) {
      const h = this.b[this.pos++];
      if (h === 0) return out;
      const type = h & 15;
      const id = h >> 4 ? last + (h >> 4) : Number(this.zz());
      out.set(id, type === 1 || type === 2 ? type === 1 : this.value(type));
      last = id;
    }
  }
}

const S = (v: TValue | undefined) => v as TStruct;
const L = (v: TValue | undefined) => v as TValue[];
const str = (v: TValue | undefined) => Buffer.from(v as Uint8Array).toString('utf8');

function parse(file: Buffer) {
  const footerLen = file.readUInt32LE(file.length - 8);
  const footerStart = file.length - 8 - footerLen;
  const r = new Reader(file, footerStart);
  const meta = r.struct();
  return { meta, footerStart, footerEndsAt: r.pos };
}

describe('thrift compact primitives', () => {
  it('zigzag-maps signed integers per the spec', () => {
    expect([0, -1, 1, -2, 2, 63, -64].map(zigzag)).toEqual([0, 1, 2, 3, 4, 126, 127]);
    expect(zigzag(2147483647)).toBe(4294967294);
    expect(zigzag(-2147483648)).toBe(4294967295);
    expect(zigzag(2 ** 40)).toBe(2 ** 41);
    expect(() => zigzag(1.5)).toThrow(RangeError);
    expect(() => zigzag(2 ** 53)).toThrow(RangeError);
  });

  it('writes ULEB128 varints', () => {
    expect(encodeVarint(0)).toEqual([0]);
    expect(encodeVarint(127)).toEqual([0x7f]);
    expect(encodeVarint(128)).toEqual([0x80, 0x01]);
    expect(encodeVarint(300)).toEqual([0xac, 0x02]);
    expect(encodeVarint(16384)).toEqual([0x80, 0x80, 0x01]);
    expect(encodeVarint(2 ** 35)).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
    expect(() => encodeVarint(-1)).toThrow(RangeError);
  });

  it('encodes field headers, bools, lists, strings and nested structs', () => {
    const w = new CompactWriter(16); // tiny on purpose: exercises growth
    w.i32(1, 5).i32(20, -1).bool(21, true).bool(22, false);
    w.listBegin(23, 5, 3).elementI32(1).elementI32(2).elementI32(3);
    w.listBegin(24, 8, 15);
    for (let i = 0; i < 15; i++) w.elementString('ab');
    w.structBegin(25).i64(1, 300).structEnd().i32(26, 0).string(27, 'é').endMessage();
    const b = [...w.toBuffer()];
    expect(b.slice(0, 9)).toEqual([0x15, 0x0a, 0x05, 0x28, 0x01, 0x11, 0x12, 0x19, 0x35]);
    expect(b.slice(9, 12)).toEqual([0x02, 0x04, 0x06]);
    expect(b.slice(12, 17)).toEqual([0x19, 0xf8, 15, 2, 0x61]);
    const afterList = 15 + 15 * 3;
    // struct field 25 (delta 1), inner i64 field 1 = zigzag(300) = 600 = [0xd8, 0x04], STOP,
    // then field 26 is delta 1 from 25 again, then the UTF-8 string (2 bytes), final STOP
    expect(b.slice(afterList)).toEqual([
      0x1c, 0x16, 0xd8, 0x04, 0x00, 0x15, 0x00, 0x18, 0x02, 0xc3, 0xa9, 0x00,
    ]);
  });

  it('rejects unbalanced structs and bad field ids', () => {
    expect(() => new CompactWriter().structEnd()).toThrow();
    expect(() => new CompactWriter().structBegin(1).endMessage()).toThrow();
    expect(() => new CompactWriter().i32(0, 1)).toThrow(RangeError);
    expect(() => new CompactWriter().i32(1, 2 ** 31)).toThrow(RangeError);
  });
});

describe('encodeOccupancyParquet', () => {
  const secs = [-86_400, 0, 3_600, 1_900_000_000, 10_000_000_000];
  const counts = [0, 1, 2, 2147483647, -5];

  it('frames the file: PAR1 at both ends, footer length consistent', () => {
    const f = encodeOccupancyParquet(secs, counts);
    expect(f.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(f.subarray(f.length - 4).toString('latin1')).toBe('PAR1');
    const { footerStart, footerEndsAt } = parse(f);
    expect(footerEndsAt).toBe(f.length - 8); // the footer parses to exactly its declared length
    // chunks: 2 page headers + 5*8 + 5*4 value bytes between the magic and the footer
    expect(footerStart).toBeGreaterThan(4 + 60);
  });

  it('writes the schema, row group, statistics and values', () => {
    const f = encodeOccupancyParquet(secs, counts);
    const { meta, footerStart } = parse(f);
    expect(meta.get(1)).toBe(1);
    expect(meta.get(3)).toBe(5n);
    expect(str(meta.get(6))).toBe(CREATED_BY);
    const schema = L(meta.get(2)).map(S);
    expect(schema.map((e) => str(e.get(4)))).toEqual([
      'schema',
      'interval_begin_time',
      'number_connections',
    ]);
    expect(schema[0].get(5)).toBe(2);
    const [ts, n] = [schema[1], schema[2]];
    expect([ts.get(1), ts.get(3), ts.get(6)]).toEqual([2, 0, 10]); // INT64 REQUIRED TS_MICROS
    const tsType = S(S(ts.get(10)).get(8));
    expect(tsType.get(1)).toBe(false); // isAdjustedToUTC, as DuckDB writes TIMESTAMP
    expect(S(tsType.get(2)).has(2)).toBe(true); // unit MICROS
    expect([n.get(1), n.get(3), n.get(6), n.has(10)]).toEqual([1, 0, 17, false]);
    expect(L(meta.get(7))).toHaveLength(2);

    const groups = L(meta.get(4)).map(S);
    expect(groups).toHaveLength(1);
    expect(groups[0].get(3)).toBe(5n);
    const chunks = L(groups[0].get(1)).map((c) => S(S(c).get(3)));
    let end = 4;
    const expected = [secs.map((s) => BigInt(s) * 1_000_000n), counts.map((c) => BigInt(c))];
    chunks.forEach((md, i) => {
      const width = i === 0 ? 8 : 4;
      const offset = Number(md.get(9));
      expect(offset).toBe(end);
      expect([md.get(4), md.get(5), L(md.get(2))]).toEqual([0, 5n, [0]]);
      const page = new Reader(f, offset);
      const header = page.struct();
      expect([header.get(1), header.get(2), header.get(3)]).toEqual([0, 5 * width, 5 * width]);
      expect(S(header.get(5)).get(1)).toBe(5);
      const values = expected[i].map((_, k) =>
        width === 8 ? f.readBigInt64LE(page.pos + 8 * k) : BigInt(f.readInt32LE(page.pos + 4 * k)),
      );
      expect(values).toEqual(expected[i]);
      expect(Number(md.get(6))).toBe(page.pos - offset + 5 * width);
      const stats = S(md.get(12));
      const read = (v: TValue | undefined) =>
        width === 8
          ? Buffer.from(v as Uint8Array).readBigInt64LE(0)
          : BigInt(Buffer.from(v as Uint8Array).readInt32LE(0));
      const sorted = [...expected[i]].sort((a, b) => (a < b ? -1 : 1));
      expect([read(stats.get(6)), read(stats.get(5))]).toEqual([sorted[0], sorted[4]]);
      end = page.pos + 5 * width;
    });
    expect(end).toBe(footerStart);
  });

  it('writes a valid zero-row file without row groups', () => {
    const f = encodeOccupancyParquet([], []);
    const { meta, footerStart, footerEndsAt } = parse(f);
    expect(footerStart).toBe(4);
    expect(footerEndsAt).toBe(f.length - 8);
    expect(meta.get(3)).toBe(0n);
    expect(L(meta.get(4))).toEqual([]);
    expect(L(meta.get(2))).toHaveLength(3);
  });

  it('validates its inputs', () => {
    expect(() => encodeOccupancyParquet([0, 1], [1])).toThrow(/counts has 1/);
    for (const bad of [1.5, NaN, Infinity, -Infinity, 2 ** 53]) {
      expect(() => encodeOccupancyParquet([bad], [1])).toThrow(/beginEpochSeconds\[0\]/);
    }
    for (const bad of [2 ** 31, -(2 ** 31) - 1, 0.5, NaN]) {
      expect(() => encodeOccupancyParquet([0], [bad])).toThrow(/number_connections/);
    }
    expect(() => encodeOccupancyParquet([0], ['1' as unknown as number])).toThrow(RangeError);
  });
});

describe('encodeParquet', () => {
  it('validates columns', () => {
    const ts = (values: (bigint | number)[]) =>
      ({ name: 't', type: 'timestamp_micros', values }) as const;
    expect(() => encodeParquet([])).toThrow(RangeError);
    expect(() => encodeParquet([ts([2n ** 63n])])).toThrow(/outside int64/);
    expect(() => encodeParquet([ts([2 ** 53])])).toThrow(/safe integer/);
    expect(() => encodeParquet([ts([0]), ts([1])])).toThrow(/unique/);
    expect(() => encodeParquet([{ name: '', type: 'int32', values: [1] }])).toThrow(/unique/);
    expect(() => encodeParquet([ts([0]), { name: 'n', type: 'int32', values: [] }])).toThrow(
      /expected 1/,
    );
    const bogus = { name: 'x', type: 'double', values: [1] } as unknown as Parameters<
      typeof encodeParquet
    >[0][number];
    expect(() => encodeParquet([bogus])).toThrow(/unsupported type/);
  });

  it('writes int64 extremes exactly and honours isAdjustedToUTC / createdBy', () => {
    const values = [-(2n ** 63n), 2n ** 63n - 1n, -1, 0];
    const f = encodeParquet(
      [{ name: 't', type: 'timestamp_micros', values, isAdjustedToUTC: true }],
      { createdBy: 'me' },
    );
    const { meta } = parse(f);
    expect(str(meta.get(6))).toBe('me');
    const ts = S(L(meta.get(2))[1]);
    expect(S(S(ts.get(10)).get(8)).get(1)).toBe(true);
    const md = S(S(L(S(L(meta.get(4))[0]).get(1))[0]).get(3));
    const page = new Reader(f, Number(md.get(9)));
    page.struct();
    expect([0, 1, 2, 3].map((k) => f.readBigInt64LE(page.pos + 8 * k))).toEqual([
      -(2n ** 63n),
      2n ** 63n - 1n,
      -1n,
      0n,
    ]);
  });
});
