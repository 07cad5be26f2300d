import type { InferenceSession } from 'onnxruntime-node';
import { OnnxModelError, OnnxValueInfo } from './onnx-model.error';

/**
 * The serving contract: how the registry feeds a model and reads its predictions. Models are
 * accepted when they take one float feature matrix and return class probabilities, the shape
 * of skl2onnx classifiers converted without ZipMap and of PyTorch classifiers ending in softmax.
 */
export interface OnnxServingContract {
  input: {
    name: string;
    /** Feature rows are converted to float64 when the model takes doubles. */
    type: 'float32' | 'float64';
    /** d, the number of features per row. */
    features: number;
    /** A fixed batch size the model was exported with (rows are padded to it), or null if dynamic. */
    batch: number | null;
  };
  probabilities: {
    name: string;
    /** k, when the model declares it; otherwise learned from the first prediction. */
    classes: number | null;
  };
  /** A predicted-label output (class index or class name), when the model has one. */
  label?: { name: string; type: 'int64' | 'string' };
}

/** What every accepted model looks like, quoted in refusals. */
export const ACCEPTED_SIGNATURE =
  'accepted: one float tensor input of shape [N, d]; outputs: a float probabilities tensor ' +
  "[N, k], optionally with a label tensor [N] (with skl2onnx, convert with options {'zipmap': False})";

const FLOATS = new Set(['float32', 'float64']);
const PROBABILITY_NAMES = ['probabilities', 'probability', 'probas', 'proba', 'output_probability'];

/** Plain-object copies of onnxruntime's value metadata, safe to log or return in an API. */
export function describeValues(
  metadata: readonly InferenceSession.ValueMetadata[],
): OnnxValueInfo[] {
  return metadata.map((m) =>
    m.isTensor
      ? { name: m.name, isTensor: true, type: m.type, shape: [...m.shape] }
      : { name: m.name, isTensor: false },
  );
}

/** A dimension the model leaves open: symbolic ('N', or '' when unnamed). */
function isDynamic(dim: number | string | undefined): boolean {
  return typeof dim === 'string' || (typeof dim === 'number' && dim < 0);
}

function isPositive(dim: number | string | undefined): dim is number {
  return typeof dim === 'number' && Number.isInteger(dim) && dim > 0;
}

/**
 * Derives the serving contract from a model's inputs and outputs, or throws OnnxModelError
 * (reason 'unsupported') saying what is accepted and what the model has instead.
 */
export function deriveServingContract(
  inputs: readonly OnnxValueInfo[],
  outputs: readonly OnnxValueInfo[],
): OnnxServingContract {
  const refuse = (problem: string): never => {
    throw new OnnxModelError(
      `unsupported model signature: ${problem}; ${ACCEPTED_SIGNATURE}`,
      'unsupported',
      {
        inputs: [...inputs],
        outputs: [...outputs],
      },
    );
  };

  if (inputs.length !== 1) {
    refuse(
      `the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ') || 'none'})`,
    );
  }
  const input = inputs[0];
  const shape = input.shape ?? [];
  if (!input.isTensor || !input.type || !FLOATS.has(input.type)) {
    refuse(
      `input '${input.name}' is ${input.isTensor ? `a ${input.type} tensor` : 'not a tensor'}`,
    );
  }
  if (
    shape.length !== 2 ||
    !isPositive(shape[1]) ||
    !(isDynamic(shape[0]) || isPositive(shape[0]))
  ) {
    refuse(`input '${input.name}' has shape [${shape.join(', ')}], expected [N, d] with d fixed`);
  }

  const probabilities = pickProbabilities(outputs, refuse);
  const labels = outputs.filter(
    (o) => o.isTensor && (o.type === 'int64' || o.type === 'string') && o.shape?.length === 1,
  );
  const label = labels.find((o) => o.name === 'label') ?? labels[0];

  return {
    input: {
      name: input.name,
      type: input.type as 'float32' | 'float64',
      features: shape[1] as number,
      batch: isPositive(shape[0]) ? shape[0] : null,
    },
    probabilities: {
      name: probabilities.name,
      classes: isPositive(probabilities.shape?.[1]) ? probabilities.shape[1] : null,
    },
    ...(label && { label: { name: label.name, type: label.type as 'int64' | 'string' } }),
  };
}

/**
 * The probabilities output: the float tensor output with 2 dims (by conventional name when
 * there are several), or, for exports without shape information, the only float output of
 * unknown shape (its rank is then checked on every prediction).
 */
function pickProbabilities(
  outputs: readonly OnnxValueInfo[],
  refuse: (p: string) => never,
): OnnxValueInfo {
  const floats = outputs.filter((o) => o.isTensor && o.type !== undefined && FLOATS.has(o.type));
  let candidates = floats.filter((o) => o.shape?.length === 2);
  if (candidates.length === 0) candidates = floats.filter((o) => o.shape?.length === 0);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) {
    const byName = PROBABILITY_NAMES.map((n) => candidates.find((c) => c.name === n)).find(Boolean);
    if (byName) return byName;
    return refuse(
      `several float outputs could be the probabilities (${candidates.map((c) => c.name).join(', ')})`,
    );
  }
  const nonTensor = outputs.find((o) => !o.isTensor);
  if (nonTensor) {
    return refuse(`output '${nonTensor.name}' is not a tensor (a ZipMap or sequence of maps)`);
  }
  const found = outputs.map((o) => `'${o.name}' ${o.type} [${(o.shape ?? []).join(', ')}]`);
  return refuse(`no float output of shape [N, k] (outputs: ${found.join(', ') || 'none'})`);
}
