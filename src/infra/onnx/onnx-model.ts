import { InferenceSession, Tensor } from 'onnxruntime-node';
import { deriveServingContract, describeValues, OnnxServingContract } from './onnx-contract';
import { OnnxModelError, OnnxValueInfo } from './onnx-model.error';
import { findOnnxProblem } from './onnx-scan';

export { ACCEPTED_SIGNATURE } from './onnx-contract';
export type { OnnxServingContract } from './onnx-contract';
export { OnnxModelError } from './onnx-model.error';
export type { OnnxModelErrorReason, OnnxValueInfo } from './onnx-model.error';

/**
 * Uploaded ONNX models (skl2onnx classifiers, PyTorch exports) checked and served with
 * onnxruntime-node on the CPU. No Nest here: a registry service can call these functions or
 * hold OnnxPredictor instances. Note that onnxruntime-node loads models and runs inference
 * synchronously on the calling thread (behind a setImmediate), so a load or a batch blocks the
 * event loop for its duration; predictions are therefore run in bounded batches.
 */

/** A model's inputs and outputs, and how the registry will call it. */
export interface OnnxSignature {
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  contract: OnnxServingContract;
}

export interface OnnxLoadOptions {
  /** Merged over the defaults (fatal-only logging: failures are reported as OnnxModelError). */
  sessionOptions?: InferenceSession.SessionOptions;
  /** Most rows per inference call for models with a dynamic batch dimension (default 10,000). */
  maxBatchRows?: number;
}

export interface OnnxPrediction {
  /** Row-major n×k class probabilities. */
  proba: Float32Array;
  /** k, the number of classes (the contract's value, or learned from the output when n > 0). */
  classes: number;
  /** One predicted label per row, when the model has a label output. */
  labels?: (number | string)[];
}

const DEFAULT_MAX_BATCH_ROWS = 10_000;
const DEFAULT_SESSION_OPTIONS: InferenceSession.SessionOptions = { logSeverityLevel: 4 };

/** Checks the bytes, then creates a session; every failure becomes OnnxModelError('invalid'). */
async function openSession(
  bytes: Uint8Array,
  options: InferenceSession.SessionOptions | undefined,
): Promise<InferenceSession> {
  const problem = findOnnxProblem(bytes);
  if (problem) throw new OnnxModelError(`not a valid ONNX model: ${problem}`, 'invalid');
  try {
    return await InferenceSession.create(bytes, { ...DEFAULT_SESSION_OPTIONS, ...options });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new OnnxModelError(`not a valid ONNX model: ${message.trim()}`, 'invalid');
  }
}

/** Reads a session's signature; releases the session when the signature is refused. */
async function signatureOf(session: InferenceSession): Promise<OnnxSignature> {
  const inputs = describeValues(session.inputMetadata);
  const outputs = describeValues(session.outputMetadata);
  try {
    return { inputs, outputs, contract: deriveServingContract(inputs, outputs) };
  } catch (e) {
    await session.release();
    throw e;
  }
}

/**
 * Loads `bytes` once to validate an upload and returns its signature and serving contract.
 * Rejects with OnnxModelError when the bytes are not a model ('invalid') or the model does not
 * fit the contract ('unsupported'). The caller enforces the upload size limit.
 */
export async function inspectOnnx(
  bytes: Uint8Array,
  options?: OnnxLoadOptions,
): Promise<OnnxSignature> {
  const session = await openSession(bytes, options?.sessionOptions);
  const signature = await signatureOf(session);
  await session.release();
  return signature;
}

/** A loaded model that turns feature rows into class probabilities (and labels). */
export class OnnxPredictor {
  #released = false;
  readonly #inflight = new Set<Promise<unknown>>();

  private constructor(
    private readonly session: InferenceSession,
    readonly signature: OnnxSignature,
    private readonly maxBatchRows: number,
  ) {}

  /** Loads and checks a model, as inspectOnnx does, keeping the session for predictions. */
  static async load(bytes: Uint8Array, options?: OnnxLoadOptions): Promise<OnnxPredictor> {
    const maxBatchRows = options?.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS;
    if (!Number.isSafeInteger(maxBatchRows) || maxBatchRows < 1) {
      throw new RangeError(`maxBatchRows must be a positive integer, got ${maxBatchRows}`);
    }
    const session = await openSession(bytes, options?.sessionOptions);
    return new OnnxPredictor(session, await signatureOf(session), maxBatchRows);
  }

  get contract(): OnnxServingContract {
    return this.signature.contract;
  }

  /**
   * Predicts `n` rows of `d` features (row-major `rows`, length n×d; d must be the model's).
   * Throws RangeError for mismatched arguments and OnnxModelError('runtime') when the model fails
   * or returns outputs outside the contract. Safe to call concurrently.
   */
  async predict(rows: Float32Array, n: number, d: number): Promise<OnnxPrediction> {
    const { input } = this.contract;
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a row count, got ${n}`);
    if (d !== input.features) {
      throw new RangeError(`the model takes ${input.features} features per row, got d = ${d}`);
    }
    if (rows.length !== n * d) {
      throw new RangeError(`rows has ${rows.length} values, expected n×d = ${n * d}`);
    }
    if (this.#released) throw new OnnxModelError('the model was released', 'runtime');
    const work = this.predictBatches(rows, n, d);
    this.#inflight.add(work);
    try {
      return await work;
    } finally {
      this.#inflight.delete(work);
    }
  }

  /** Frees the native session once running predictions have finished; later ones reject. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await Promise.allSettled([...this.#inflight]);
    await this.session.release();
  }

  /** Runs the rows in batches of at most `maxBatchRows` (or the model's fixed batch size). */
  private async predictBatches(rows: Float32Array, n: number, d: number): Promise<OnnxPrediction> {
    const { input, probabilities, label } = this.contract;
    let classes = probabilities.classes;
    const labels: (number | string)[] | undefined = label ? [] : undefined;
    const chunks: Float32Array[] = [];
    const step = input.batch ?? this.maxBatchRows;
    for (let start = 0; start < n; start += step) {
      const m = Math.min(step, n - start);
      const batch = await this.runBatch(rows.subarray(start * d, (start + m) * d), m);
      if (classes !== null && batch.classes !== classes) {
        throw this.outputError(
          `[${m}, ${batch.classes}] probabilities, expected ${classes} classes`,
        );
      }
      classes = batch.classes;
      chunks.push(batch.proba);
      if (labels) for (const l of batch.labels) labels.push(l);
    }

    const proba = new Float32Array(n * (classes ?? 0));
    let offset = 0;
    for (const c of chunks) {
      proba.set(c, offset);
      offset += c.length;
    }
    return { proba, classes: classes ?? 0, ...(labels && { labels }) };
  }

  /** Runs one batch of m rows (padded to a fixed batch size if the model has one). */
  private async runBatch(
    rows: Float32Array,
    m: number,
  ): Promise<{ proba: Float32Array; classes: number; labels: (number | string)[] }> {
    const { input, probabilities, label } = this.contract;
    const batchRows = input.batch ?? m;
    const size = batchRows * input.features;
    const feed =
      input.type === 'float64'
        ? new Tensor('float64', padded(Float64Array.from(rows), size, Float64Array), [
            batchRows,
            input.features,
          ])
        : new Tensor('float32', padded(rows, size, Float32Array), [batchRows, input.features]);
    const fetches = label ? [probabilities.name, label.name] : [probabilities.name];

    let out: InferenceSession.ReturnType;
    try {
      out = await this.session.run({ [input.name]: feed }, fetches);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new OnnxModelError(`the model failed: ${message.trim()}`, 'runtime');
    }

    const p = out[probabilities.name];
    const [rowsOut, k] = p.dims;
    if (p.dims.length !== 2 || rowsOut !== batchRows || !(k > 0) || !FLOAT_TYPES.has(p.type)) {
      throw this.outputError(
        `${p.type} probabilities of shape [${p.dims.join(', ')}] for ${batchRows} rows`,
      );
    }
    const data = p.data as Float32Array | Float64Array;
    const proba =
      data instanceof Float32Array
        ? data.slice(0, m * k)
        : Float32Array.from(data.subarray(0, m * k));
    if (!label) return { proba, classes: k, labels: [] };

    const l = out[label.name];
    if (l.dims.length !== 1 || l.dims[0] !== batchRows) {
      throw this.outputError(`labels of shape [${l.dims.join(', ')}] for ${batchRows} rows`);
    }
    const values = l.data as BigInt64Array | string[];
    const labels: (number | string)[] = [];
    for (let i = 0; i < m; i++) {
      const v = values[i];
      labels.push(typeof v === 'bigint' ? Number(v) : v);
    }
    return { proba, classes: k, labels };
  }

  private outputError(what: string): OnnxModelError {
    return new OnnxModelError(`the model returned ${what}`, 'runtime');
  }
}

const FLOAT_TYPES = new Set(['float32', 'float64']);

/** `values` zero-padded to `size` (for fixed-batch models), or `values` itself when it fits. */
function padded<T extends Float32Array | Float64Array>(
  values: T,
  size: number,
  Ctor: new (length: number) => T,
): T {
  if (values.length === size) return values;
  const out = new Ctor(size);
  out.set(values);
  return out;
}
