/** What an ONNX value (graph input or output) looks like, as reported by onnxruntime. */
export interface OnnxValueInfo {
  name: string;
  /** False for sequences and maps, e.g. skl2onnx's default ZipMap probabilities. */
  isTensor: boolean;
  /** onnxruntime element type ('float32', 'float64', 'int64', 'string', ...); absent for non-tensors. */
  type?: string;
  /** Dimensions: a number when fixed, a string when symbolic ('' when unnamed); [] when unknown. */
  shape?: (number | string)[];
}

/**
 * Why a model was refused:
 * - `invalid`: the bytes are not a loadable ONNX model (garbage, truncated, empty, external data);
 * - `unsupported`: a valid model whose inputs/outputs do not fit the serving contract;
 * - `runtime`: the model failed while predicting or returned outputs that break the contract.
 */
export type OnnxModelErrorReason = 'invalid' | 'unsupported' | 'runtime';

/**
 * The one error type this module throws for anything wrong with the model itself, so callers
 * can map it to a client error (HTTP 422) and show `message` to the user as is.
 */
export class OnnxModelError extends Error {
  override readonly name = 'OnnxModelError';
  constructor(
    message: string,
    readonly reason: OnnxModelErrorReason,
    /** The model's inputs and outputs, when the model loaded but its signature was refused. */
    readonly signature?: { inputs: OnnxValueInfo[]; outputs: OnnxValueInfo[] },
  ) {
    super(message);
  }
}
