/**
 * A structural check of ONNX ModelProto bytes in plain JavaScript, run before the bytes reach
 * onnxruntime's native parser. It walks the protobuf framing (never decoding tensor payloads,
 * so it costs one pass over the field headers) and refuses:
 * - bytes that are not well-formed protobuf or have no graph (garbage, empty, truncated files);
 * - tensors stored as external data. onnxruntime resolves external data paths relative to the
 *   process's working directory when a model is loaded from memory (relative paths, even with
 *   '..', are accepted when graph optimisations are off), so an uploaded model could otherwise
 *   read server files into its weights and echo them in its predictions.
 */

/** Which message each length-delimited field holds, for the fields worth descending into. */
type Kind =
  'model' | 'graph' | 'node' | 'attribute' | 'tensor' | 'sparse' | 'function' | 'training';

const CHILDREN: Record<Kind, Readonly<Record<number, Kind>>> = {
  // ModelProto: graph, training_info, functions
  model: { 7: 'graph', 20: 'training', 25: 'function' },
  // TrainingInfoProto: initialization, algorithm
  training: { 1: 'graph', 2: 'graph' },
  // GraphProto: node, initializer, sparse_initializer
  graph: { 1: 'node', 5: 'tensor', 15: 'sparse' },
  // FunctionProto: node
  function: { 7: 'node' },
  // NodeProto: attribute
  node: { 5: 'attribute' },
  // AttributeProto: t, g, tensors, graphs, sparse_tensor, sparse_tensors
  attribute: { 5: 'tensor', 6: 'graph', 10: 'tensor', 11: 'graph', 22: 'sparse', 23: 'sparse' },
  // SparseTensorProto: values, indices
  sparse: { 1: 'tensor', 2: 'tensor' },
  tensor: {},
};

/** TensorProto.external_data and TensorProto.data_location (1 = EXTERNAL). */
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const MODEL_GRAPH = 7;

/** Messages (e.g. If/Loop/Scan bodies inside nodes) nested deeper than this are refused. */
const MAX_DEPTH = 64;

class ScanProblem extends Error {}

/**
 * Returns why `bytes` cannot be an acceptable ONNX model, or null when the framing is sound and
 * no tensor uses external data. Null does not mean onnxruntime will accept the model.
 */
export function findOnnxProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty';
  try {
    const topLevel = walk(bytes, 0, bytes.length, 'model', 0);
    if (!topLevel.has(MODEL_GRAPH)) return 'no graph found (is this an ONNX model file?)';
    return null;
  } catch (e) {
    if (e instanceof ScanProblem) return e.message;
    throw e;
  }
}

/** Walks one message in bytes[start, end); returns the field numbers it saw. */
function walk(
  bytes: Uint8Array,
  start: number,
  end: number,
  kind: Kind,
  depth: number,
): Set<number> {
  if (depth > MAX_DEPTH) throw new ScanProblem(`messages nested more than ${MAX_DEPTH} deep`);
  const seen = new Set<number>();
  let pos = start;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw new ScanProblem(`truncated protobuf at byte ${pos}`);
      const b = bytes[pos++];
      // beyond 2^53 precision is lost, which only matters for values we never interpret
      result += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return result;
    }
    throw new ScanProblem(`malformed protobuf varint at byte ${pos}`);
  };
  while (pos < end) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 0) throw new ScanProblem(`malformed protobuf field number 0 at byte ${pos}`);
    seen.add(field);
    const child = CHILDREN[kind][field];
    if (child !== undefined && wireType !== 2) {
      throw new ScanProblem(`malformed ONNX: field ${field} of a ${kind} is not a message`);
    }
    switch (wireType) {
      case 0: {
        const value = varint();
        if (kind === 'tensor' && field === TENSOR_DATA_LOCATION && value === 1) {
          throw new ScanProblem('tensors stored as external data are not accepted');
        }
        break;
      }
      case 1:
        pos += 8;
        break;
      case 5:
        pos += 4;
        break;
      case 2: {
        const length = varint();
        if (length > end - pos) throw new ScanProblem(`truncated protobuf at byte ${pos}`);
        if (kind === 'tensor' && field === TENSOR_EXTERNAL_DATA) {
          throw new ScanProblem('tensors stored as external data are not accepted');
        }
        if (child !== undefined) walk(bytes, pos, pos + length, child, depth + 1);
        pos += length;
        break;
      }
      default:
        throw new ScanProblem(`malformed protobuf wire type ${wireType} at byte ${pos}`);
    }
    if (pos > end) throw new ScanProblem(`truncated protobuf at byte ${end}`);
  }
  return seen;
}
