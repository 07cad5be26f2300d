/**
 * Minimal Thrift *compact protocol* encoder (write side only), enough for Parquet metadata.
 *
 * Wire rules (Apache Thrift compact protocol spec):
 * - i16/i32/i64 are zigzag-encoded, then written as ULEB128 varints (7 bits per byte, low first);
 * - binary/string: varint byte length, then the bytes;
 * - a field header is one byte `(idDelta << 4) | type` when 0 < idDelta <= 15, otherwise the
 *   type byte followed by the zigzag varint i16 field id; a bool field carries its value in the
 *   type nibble (1 = true, 2 = false) and has no payload;
 * - a struct ends with a STOP byte (0); nested structs restart the field-id delta at 0;
 * - a list header is `(size << 4) | elemType` when size < 15, else `0xF0 | elemType` + varint size;
 * - enums are i32; a union is a struct with exactly one field set.
 */

/** Compact-protocol type nibbles. */
export const CompactType = {
  STOP: 0,
  BOOL_TRUE: 1,
  BOOL_FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

/** Largest magnitude the number-based i64 path accepts (so that 2·|n| stays exact). */
const MAX_I64_NUMBER = 2 ** 52;

/** Zigzag-maps a signed integer (|n| <= 2^52) onto the unsigned range: 0,-1,1,-2 → 0,1,2,3. */
export function zigzag(n: number): number {
  if (!Number.isInteger(n) || Math.abs(n) > MAX_I64_NUMBER) {
    throw new RangeError(`zigzag: ${n} is not an integer with |n| <= 2^52`);
  }
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

/** ULEB128 bytes of a non-negative safe integer. */
export function encodeVarint(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`varint: ${n} is not a non-negative safe integer`);
  }
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/**
 * Append-only byte sink with Thrift compact-protocol field writers. Write the fields of one
 * top-level struct, then {@link CompactWriter.endMessage} (appends its STOP byte); raw bytes
 * (Parquet page values, magic, lengths) may be appended in between messages.
 */
export class CompactWriter {
  private buf: Buffer;
  private len = 0;
  private lastId = 0;
  private readonly idStack: number[] = [];

  constructor(initialCapacity = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialCapacity));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  private varint(n: number): void {
    this.ensure(8);
    while (n >= 0x80) {
      this.buf[this.len++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.len++] = n;
  }

  /** Varint length + UTF-8 bytes (ASCII written directly, the common case). */
  private rawString(s: string): void {
    let ascii = true;
    for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 0x80;
    if (!ascii) {
      this.rawBinary(Buffer.from(s, 'utf8'));
      return;
    }
    this.varint(s.length);
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
  }

  private rawBinary(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.rawBytes(bytes);
  }

  private fieldBegin(type: number, id: number): void {
    if (!Number.isInteger(id) || id < 1 || id > 32767) throw new RangeError(`bad field id ${id}`);
    const delta = id - this.lastId;
    if (delta > 0 && delta <= 15) {
      this.byte((delta << 4) | type);
    } else {
      this.byte(type);
      this.varint(zigzag(id));
    }
    this.lastId = id;
  }

  /** Appends bytes verbatim (outside the Thrift encoding). */
  rawBytes(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Appends a little-endian int32 (or uint32 when `unsigned`) verbatim. */
  rawInt32LE(v: number, unsigned = false): this {
    this.ensure(4);
    if (unsigned) this.buf.writeUInt32LE(v, this.len);
    else this.buf.writeInt32LE(v, this.len);
    this.len += 4;
    return this;
  }

  /** Appends a little-endian int64 verbatim: a bigint, or a safe-integer number. */
  rawInt64LE(v: bigint | number): this {
    this.ensure(8);
    this.put64(v);
    return this;
  }

  /** Appends int32 values (already validated) little-endian, 4 bytes each. */
  rawInt32sLE(values: ArrayLike<number>): this {
    this.ensure(values.length * 4);
    const b = this.buf;
    let at = this.len;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      b[at++] = v & 0xff;
      b[at++] = (v >>> 8) & 0xff;
      b[at++] = (v >>> 16) & 0xff;
      b[at++] = (v >>> 24) & 0xff;
    }
    this.len = at;
    return this;
  }

  /** Appends int64 values (bigints, or safe-integer numbers) little-endian, 8 bytes each. */
  rawInt64sLE(values: ArrayLike<bigint | number>): this {
    this.ensure(values.length * 8);
    for (let i = 0; i < values.length; i++) this.put64(values[i]);
    return this;
  }

  private put64(v: bigint | number): void {
    const b = this.buf;
    let at = this.len;
    if (typeof v === 'bigint') {
      b.writeBigInt64LE(v, at);
      this.len = at + 8;
      return;
    }
    // two's complement split of a safe integer into uint32 halves
    const hi = Math.floor(v / 0x100000000);
    const lo = v - hi * 0x100000000;
    b[at++] = lo & 0xff;
    b[at++] = (lo >>> 8) & 0xff;
    b[at++] = (lo >>> 16) & 0xff;
    b[at++] = (lo >>> 24) & 0xff;
    b[at++] = hi & 0xff;
    b[at++] = (hi >>> 8) & 0xff;
    b[at++] = (hi >>> 16) & 0xff;
    b[at++] = (hi >>> 24) & 0xff;
    this.len = at;
  }

  /** i32 (and enum) field. */
  i32(id: number, v: number): this {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) {
      throw new RangeError(`i32 field ${id}: ${v} out of range`);
    }
    this.fieldBegin(CompactType.I32, id);
    this.varint(zigzag(v));
    return this;
  }

  /** i64 field; metadata values (sizes, offsets, counts) are limited to |v| <= 2^52. */
  i64(id: number, v: number): this {
    const z = zigzag(v);
    this.fieldBegin(CompactType.I64, id);
    this.varint(z);
    return this;
  }

  bool(id: number, v: boolean): this {
    this.fieldBegin(v ? CompactType.BOOL_TRUE : CompactType.BOOL_FALSE, id);
    return this;
  }

  /** Header of a binary field whose `length` content bytes the caller appends with raw*(). */
  binaryHeader(id: number, length: number): this {
    this.fieldBegin(CompactType.BINARY, id);
    this.varint(length);
    return this;
  }

  string(id: number, s: string): this {
    this.fieldBegin(CompactType.BINARY, id);
    this.rawString(s);
    return this;
  }

  /** Opens a struct-typed field; close it with {@link structEnd}. */
  structBegin(id: number): this {
    this.fieldBegin(CompactType.STRUCT, id);
    this.idStack.push(this.lastId);
    this.lastId = 0;
    return this;
  }

  /** Writes STOP and returns to the enclosing struct (or list). */
  structEnd(): this {
    const prev = this.idStack.pop();
    if (prev === undefined) throw new Error('structEnd without structBegin');
    this.byte(CompactType.STOP);
    this.lastId = prev;
    return this;
  }

  /** Opens a list-typed field of `size` elements of `elemType`. */
  listBegin(id: number, elemType: number, size: number): this {
    this.fieldBegin(CompactType.LIST, id);
    if (size < 15) {
      this.byte((size << 4) | elemType);
    } else {
      this.byte(0xf0 | elemType);
      this.varint(size);
    }
    return this;
  }

  /** Starts one struct element inside a list of STRUCT; close it with {@link structEnd}. */
  elementStructBegin(): this {
    this.idStack.push(this.lastId);
    this.lastId = 0;
    return this;
  }

  /** One i32 element inside a list of I32. */
  elementI32(v: number): this {
    this.varint(zigzag(v));
    return this;
  }

  /** One string element inside a list of BINARY. */
  elementString(s: string): this {
    this.rawString(s);
    return this;
  }

  /** Ends the current top-level struct (STOP byte); the next field starts a new message. */
  endMessage(): this {
    if (this.idStack.length !== 0) throw new Error('endMessage with an open struct');
    this.byte(CompactType.STOP);
    this.lastId = 0;
    return this;
  }

  /** The bytes written so far (a view, not a copy). */
  toBuffer(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
