import {
  newQuickJSWASMModuleFromVariant,
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten-core';
import type { QuickJSSyncVariant } from '@jitl/quickjs-ffi-types';
import { QuickJSFFI } from '@jitl/quickjs-wasmfile-release-sync/ffi';
import * as emscriptenModule from '@jitl/quickjs-wasmfile-release-sync/emscripten-module';
import { DRIVER_SOURCE } from './driver';

/** Limits of one sandbox. */
export interface SandboxLimits {
  /** Heap of the sandbox's QuickJS runtime. Default 64 MiB. */
  memoryBytes?: number;
  /** Stack of the runtime (bounds recursion). Default 128 KiB. */
  stackBytes?: number;
  /** Wall time of the top-level code, and of each batch. Default 2000 ms. */
  timeMs?: number;
}

/** A batch of rows, by column: `columns[j][r]` is row r's value of `names[j]`. */
export interface RowBatch {
  names: readonly string[];
  columns: readonly ArrayLike<unknown>[];
}

export interface BatchVotes {
  /** One vote per row: an applicable class, or ABSTAIN (-1). */
  votes: Int32Array;
  /** Rows where the LF threw. */
  errors: number;
  /** Rows where it returned something that is neither ABSTAIN nor an applicable class. */
  invalid: number;
  /** Rows given ABSTAIN because the batch ran out of time or memory (the whole batch). */
  failedRows: number;
  /** The first few messages (row number and what happened). */
  messages: string[];
}

/** The code could not be set up (syntax error, no labelingFunction, top level threw or hung). */
export class LfCodeError extends Error {}

/**
 * QuickJS's release build, imported statically (require in our CommonJS build): the package's
 * own variant loads its Emscripten module with a dynamic import(), which Jest's CommonJS
 * runtime refuses.
 */
const QUICKJS_VARIANT: QuickJSSyncVariant = {
  type: 'sync',
  importFFI: () => Promise.resolve(QuickJSFFI),
  importModuleLoader: () => {
    const loader = emscriptenModule as unknown as { default?: unknown };
    return Promise.resolve((loader.default ?? loader) as never);
  },
};

/**
 * stackBytes: QuickJS counts its own stack; each of its frames costs the host several times
 * that in WebAssembly frames, and at 512 KiB a runaway recursion overflowed Node's stack first.
 * 128 KiB leaves QuickJS the one to stop it (a few thousand frames).
 */
const DEFAULTS = { memoryBytes: 64 * 1024 * 1024, stackBytes: 128 * 1024, timeMs: 2000 };

/**
 * A `code` labeling function in its own QuickJS (WebAssembly) instance: no I/O (no require,
 * process, fetch, import, timers: QuickJS has none and none is added), a heap limit, a stack
 * limit and a deadline per call. Rows go in and votes come out in batches (one call per batch,
 * not per row). Constants: ABSTAIN = -1 and one per concept value (e.g. SPAM = 1), read-only.
 * Whatever the code does — loop for ever, allocate without end, recurse, throw, return junk,
 * rewrite prototypes — costs at most its limits, and is reported as counts and messages.
 */
export class LfSandbox {
  private disposed = false;
  /** Set when a call broke the instance: every later batch fails with this message. */
  private broken?: string;

  private constructor(
    private readonly module: QuickJSWASMModule,
    private readonly runtime: QuickJSRuntime,
    private readonly vm: QuickJSContext,
    private readonly runBatch: QuickJSHandle,
    private readonly allowedJson: string,
    private readonly limits: Required<SandboxLimits>,
  ) {}

  /**
   * Sets up `code` (which must define `function labelingFunction(row)`), with `constants`
   * defined as read-only globals and `applicable` the classes it may return.
   */
  static async create(
    code: string,
    opts: {
      constants: Record<string, number>;
      applicable: readonly number[];
      limits?: SandboxLimits;
    },
  ): Promise<LfSandbox> {
    const limits = { ...DEFAULTS, ...opts.limits };
    for (const name of Object.keys(opts.constants))
      if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name))
        throw new LfCodeError(`constant name ${JSON.stringify(name)} is not an identifier`);
    // one WebAssembly instance per sandbox: nothing of its memory is shared with another LF
    const module = await newQuickJSWASMModuleFromVariant(QUICKJS_VARIANT);
    const runtime = module.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    const vm = runtime.newContext();
    // on a failed set-up the whole module is dropped (garbage-collected with its memory):
    // freeing the runtime piecemeal would need every handle the failure left behind
    const fail = (message: string): never => {
      throw new LfCodeError(message);
    };
    const evalWithDeadline = (source: string, file: string): QuickJSHandle => {
      runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limits.timeMs));
      const r = vm.evalCode(source, file);
      runtime.removeInterruptHandler();
      if (r.error) {
        const message = errorText(vm, r.error);
        r.error.dispose();
        return fail(message);
      }
      return r.value;
    };
    const constants = Object.entries({ ABSTAIN: -1, ...opts.constants })
      .map(
        ([k, v]) =>
          `Object.defineProperty(globalThis, ${JSON.stringify(k)}, { value: ${Number(v)}, writable: false, enumerable: true, configurable: false });`,
      )
      .join('\n');
    evalWithDeadline(constants, 'constants.js').dispose();
    const bind = evalWithDeadline(DRIVER_SOURCE, 'driver.js');
    evalWithDeadline(code, 'labeling_function.js').dispose();
    runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limits.timeMs));
    const bound = vm.callFunction(bind, vm.undefined);
    runtime.removeInterruptHandler();
    bind.dispose();
    if (bound.error) {
      const message = errorText(vm, bound.error);
      bound.error.dispose();
      return fail(message);
    }
    const allowedJson = JSON.stringify(
      opts.applicable.filter((c) => Number.isInteger(c) && c >= 0),
    );
    return new LfSandbox(module, runtime, vm, bound.value!, allowedJson, limits);
  }

  /** Votes of the LF on every row of the batch (see BatchVotes). */
  run(batch: RowBatch): BatchVotes {
    if (this.disposed) throw new Error('the sandbox is disposed');
    const packed = pack(batch);
    const n = packed.n;
    if (this.broken) return this.failed(n, this.broken);
    const vm = this.vm;
    const args = [
      vm.newNumber(n),
      vm.newString(JSON.stringify(batch.names)),
      vm.newString(JSON.stringify(packed.kinds)),
      vm.newString(this.allowedJson),
      vm.newArrayBuffer(packed.nums.buffer),
      vm.newArrayBuffer(packed.mask.buffer),
      // JSON escapes NUL: the bridge passes C strings, which would end at one
      vm.newString(packed.json),
    ];
    this.runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + this.limits.timeMs));
    let result;
    try {
      result = vm.callFunction(this.runBatch, vm.undefined, ...args);
    } catch (e) {
      // the host's own stack or the WebAssembly instance gave out under the code (e.g. recursion
      // deeper than the host stack): this sandbox is not to be trusted again
      this.broken = `the sandbox stopped: ${e instanceof Error ? e.message : String(e)}`;
      return this.failed(n, this.broken);
    } finally {
      this.runtime.removeInterruptHandler();
      for (const a of args) a.dispose();
    }
    if (result.error) {
      const message = errorText(vm, result.error);
      result.error.dispose();
      return this.failed(n, `the batch of ${n} rows failed: ${message}`);
    }
    const obj = result.value;
    try {
      const votesHandle = vm.getProp(obj, 'votes');
      const bytes = vm.getArrayBuffer(votesHandle);
      const votes = new Int32Array(n);
      votes.set(
        new Int32Array(
          bytes.value.buffer.slice(bytes.value.byteOffset, bytes.value.byteOffset + n * 4),
        ),
      );
      bytes.dispose();
      votesHandle.dispose();
      const num = (name: string) => {
        const h = vm.getProp(obj, name);
        const v = vm.getNumber(h);
        h.dispose();
        return v;
      };
      const messagesHandle = vm.getProp(obj, 'messages');
      const messages = JSON.parse(vm.getString(messagesHandle)) as string[];
      messagesHandle.dispose();
      return { votes, errors: num('errors'), invalid: num('invalid'), failedRows: 0, messages };
    } finally {
      obj.dispose();
    }
  }

  private failed(n: number, message: string): BatchVotes {
    return {
      votes: new Int32Array(n).fill(-1),
      errors: 0,
      invalid: 0,
      failedRows: n,
      messages: [message],
    };
  }

  /** Frees the sandbox (its WebAssembly memory goes with the module). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.runBatch.dispose();
      this.vm.dispose();
      this.runtime.dispose();
    } catch {
      // a runtime left inconsistent by its code (QuickJS aborts on leaked objects): the module,
      // and with it all its memory, goes when this object does
    }
    void this.module;
  }
}

/** "Name: message" of an error handle, bounded. */
function errorText(vm: QuickJSContext, handle: QuickJSHandle): string {
  try {
    const dumped = vm.dump(handle) as unknown;
    // an exception QuickJS could not even allocate
    if (dumped === null || dumped === undefined) return 'out of memory';
    const text =
      dumped && typeof dumped === 'object' && 'message' in dumped
        ? `${String((dumped as { name?: unknown }).name ?? 'Error')}: ${String((dumped as { message: unknown }).message)}`
        : String(dumped);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return 'an error that cannot be printed';
  }
}

/**
 * By column: numbers and booleans into one Float64Array (a slot of n values each) with a null
 * mask; everything else into one JSON array of arrays (strings as they are, bigints as numbers
 * when exact else strings, dates as ISO strings, other objects as JSON text).
 */
function pack(batch: RowBatch) {
  const c = batch.names.length;
  if (batch.columns.length !== c)
    throw new RangeError(`${c} names for ${batch.columns.length} columns`);
  const n = c ? batch.columns[0].length : 0;
  const kinds: ('n' | 'N' | 'b' | 'B' | 'j')[] = [];
  for (const col of batch.columns) {
    if (col.length !== n) throw new RangeError('columns of different lengths');
    let numbers = true;
    let booleans = true;
    let nulls = false;
    for (let r = 0; r < n && (numbers || booleans); r++) {
      const v = col[r];
      if (v === null || v === undefined) {
        nulls = true;
        continue;
      }
      if (typeof v !== 'number') numbers = false;
      if (typeof v !== 'boolean') booleans = false;
    }
    kinds.push(numbers ? (nulls ? 'n' : 'N') : booleans ? (nulls ? 'b' : 'B') : 'j');
  }
  const slots = kinds.filter((k) => k !== 'j').length;
  const nums = new Float64Array(slots * n);
  const mask = new Uint8Array(slots * n);
  const json: unknown[][] = [];
  let slot = 0;
  batch.columns.forEach((col, j) => {
    if (kinds[j] === 'j') {
      const values = new Array<unknown>(n);
      for (let r = 0; r < n; r++) values[r] = plain(col[r]);
      json.push(values);
      return;
    }
    const base = slot++ * n;
    for (let r = 0; r < n; r++) {
      const v = col[r];
      if (v === null || v === undefined) mask[base + r] = 1;
      else nums[base + r] = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
    }
  });
  return { n, kinds, nums, mask, json: JSON.stringify(json) };
}

function plain(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v) ?? String(v);
}
