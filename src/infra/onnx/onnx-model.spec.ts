/** @jest-environment <rootDir>/test/helpers/onnx-jest-environment.ts */
import {
  floatTensor,
  identityModel,
  intAttr,
  linearSoftmaxModel,
  modelBytes,
  node,
  tensorType,
  valueInfo,
} from '../../../test/fixtures/onnx/build-onnx';
import { PbMessage } from '../../../test/fixtures/onnx/protobuf-writer';
import { inspectOnnx, OnnxModelError, OnnxPredictor } from './onnx-model';

/** 2 features, 3 classes. */
const WEIGHTS = [
  [1, -1, 0.5],
  [0.2, 0.3, -0.7],
];
const BIAS = [0.1, 0, -0.1];

/** softmax(x·W + b) per row, in float64: the hand computation the model must match. */
function expectedProba(rows: number[][], weights = WEIGHTS, bias = BIAS): number[][] {
  return rows.map((x) => {
    const logits = bias.map((b, j) => b + x.reduce((s, xi, i) => s + xi * weights[i][j], 0));
    const max = Math.max(...logits);
    const exps = logits.map((z) => Math.exp(z - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / sum);
  });
}

function argmax(values: number[]): number {
  return values.indexOf(Math.max(...values));
}

/** n deterministic rows of d features in [-3, 3). */
function makeRows(n: number, d = 2): number[][] {
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 6 - 3;
  return Array.from({ length: n }, () => Array.from({ length: d }, next));
}

function expectPrediction(proba: Float32Array, labels: unknown, rows: number[][]): void {
  const expected = expectedProba(rows);
  expect(proba).toHaveLength(rows.length * 3);
  expected.forEach((p, r) => p.forEach((v, j) => expect(proba[r * 3 + j]).toBeCloseTo(v, 5)));
  if (labels !== undefined) expect(labels).toEqual(expected.map(argmax));
}

async function expectModelError(
  bytes: Uint8Array,
  reason: string,
  message?: RegExp,
): Promise<void> {
  const error = await inspectOnnx(bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OnnxModelError);
  expect((error as OnnxModelError).reason).toBe(reason);
  if (message) expect((error as OnnxModelError).message).toMatch(message);
}

describe('inspectOnnx', () => {
  it('reports the signature and serving contract of a linear softmax classifier', async () => {
    const signature = await inspectOnnx(linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS }));
    expect(signature.inputs).toEqual([
      { name: 'input', isTensor: true, type: 'float32', shape: ['N', 2] },
    ]);
    expect(signature.outputs).toEqual([
      { name: 'probabilities', isTensor: true, type: 'float32', shape: ['N', 3] },
      { name: 'label', isTensor: true, type: 'int64', shape: ['N'] },
    ]);
    expect(signature.contract).toEqual({
      input: { name: 'input', type: 'float32', features: 2, batch: null },
      probabilities: { name: 'probabilities', classes: 3 },
      label: { name: 'label', type: 'int64' },
    });
  });

  it('accepts a double input, custom names, no label and a fixed batch size', async () => {
    const bytes = linearSoftmaxModel({
      weights: WEIGHTS,
      bias: BIAS,
      inputType: 'double',
      inputName: 'X',
      probaName: 'scores',
      labelName: null,
      batchDim: 4,
    });
    expect((await inspectOnnx(bytes)).contract).toEqual({
      input: { name: 'X', type: 'float64', features: 2, batch: 4 },
      probabilities: { name: 'scores', classes: 3 },
    });
  });

  it('refuses an int64 input', async () => {
    const bytes = linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS, inputType: 'int64' });
    await expectModelError(
      bytes,
      'unsupported',
      /input 'input' is a int64 tensor.*one float tensor input/,
    );
  });

  it("refuses ZipMap probabilities, pointing at skl2onnx's zipmap option", async () => {
    const bytes = linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS, zipmap: true });
    const error = (await inspectOnnx(bytes).catch((e: unknown) => e)) as OnnxModelError;
    expect(error).toBeInstanceOf(OnnxModelError);
    expect(error.message).toMatch(/'probabilities' is not a tensor.*'zipmap': False/);
    expect(error.signature?.outputs.map((o) => o.isTensor)).toEqual([false, true]);
  });

  it('refuses several inputs, a 1-D input, an unknown feature count and no float output', async () => {
    const twoInputs = modelBytes({
      nodes: [node('Add', ['a', 'b'], ['y'])],
      inputs: [
        valueInfo('a', tensorType('float', ['N', 1])),
        valueInfo('b', tensorType('float', ['N', 1])),
      ],
      outputs: [valueInfo('y', tensorType('float', ['N', 1]))],
    });
    await expectModelError(twoInputs, 'unsupported', /2 inputs \(a, b\)/);
    await expectModelError(
      identityModel('float', ['N']),
      'unsupported',
      /shape \[N\], expected \[N, d\]/,
    );
    await expectModelError(identityModel('float', ['N', 'd']), 'unsupported', /shape \[N, d\]/);
    const labelOnly = linearSoftmaxModel({
      weights: WEIGHTS,
      bias: BIAS,
      zipmap: true,
      probaName: 'p',
    });
    await expectModelError(labelOnly, 'unsupported', /'p' is not a tensor/);
  });

  it('rejects empty, random and non-model bytes as invalid', async () => {
    await expectModelError(
      new Uint8Array(0),
      'invalid',
      /^not a valid ONNX model: the file is empty/,
    );
    let seed = 7;
    for (let i = 0; i < 50; i++) {
      const bytes = Uint8Array.from({ length: 1 + ((i * 37) % 500) }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed >> 23;
      });
      await expectModelError(bytes, 'invalid', /^not a valid ONNX model: /);
    }
    // well-formed protobuf, but a TensorProto rather than a ModelProto
    await expectModelError(floatTensor('W', [2], [1, 2]).toBytes(), 'invalid', /no graph/);
    // a ModelProto whose graph uses an operator that does not exist: refused by onnxruntime
    const unknownOp = modelBytes({
      nodes: [node('NoSuchOp', ['x'], ['y'])],
      inputs: [valueInfo('x', tensorType('float', ['N', 2]))],
      outputs: [valueInfo('y', tensorType('float', ['N', 2]))],
    });
    await expectModelError(unknownOp, 'invalid', /NoSuchOp/);
  });

  it('rejects every truncation of a valid model as invalid', async () => {
    const bytes = linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS });
    for (let length = 0; length < bytes.length; length++) {
      await expectModelError(bytes.slice(0, length), 'invalid');
    }
  });

  it('loads or rejects with OnnxModelError every corruption of a valid model', async () => {
    const bytes = linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS });
    let seed = 11;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * below);
    };
    for (let i = 0; i < 300; i++) {
      const corrupt = bytes.slice();
      for (let j = 0; j <= random(3); j++) corrupt[random(corrupt.length)] = random(256);
      const outcome = await inspectOnnx(corrupt).catch((e: unknown) => e);
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(OnnxModelError);
    }
  });

  it('rejects tensors stored as external data (they would read server files)', async () => {
    const entry = (k: string, v: string) => new PbMessage().string(1, k).string(2, v);
    const external = new PbMessage()
      .int(1, 2)
      .int(2, 1)
      .string(8, 'S')
      .message(13, entry('location', 'package.json'))
      .message(13, entry('length', '8'))
      .int(14, 1);
    const bytes = modelBytes({
      nodes: [node('Add', ['x', 'S'], ['y'])],
      inputs: [valueInfo('x', tensorType('float', ['N', 2]))],
      outputs: [valueInfo('y', tensorType('float', ['N', 2]))],
      initializers: [external],
    });
    await expectModelError(bytes, 'invalid', /external data/);
  });
});

describe('OnnxPredictor', () => {
  const rows = makeRows(25);
  const flat = Float32Array.from(rows.flat());

  it('predicts softmax(x·W + b) and argmax labels', async () => {
    const predictor = await OnnxPredictor.load(
      linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS }),
    );
    const { proba, classes, labels } = await predictor.predict(flat, 25, 2);
    expect(classes).toBe(3);
    expectPrediction(proba, labels, rows);
    await predictor.release();
  });

  it('gives the same results in small batches, with double inputs and a fixed batch size', async () => {
    const models = [
      { bytes: linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS }), maxBatchRows: 4 },
      { bytes: linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS, inputType: 'double' }) },
      { bytes: linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS, batchDim: 8 }) },
    ];
    for (const { bytes, maxBatchRows } of models) {
      const predictor = await OnnxPredictor.load(bytes, { maxBatchRows });
      const { proba, labels } = await predictor.predict(flat, 25, 2);
      expectPrediction(proba, labels, rows);
      await predictor.release();
    }
  });

  it('returns no labels for a model without a label output, and empty results for n = 0', async () => {
    const bytes = linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS, labelName: null });
    const predictor = await OnnxPredictor.load(bytes);
    const some = await predictor.predict(flat, 25, 2);
    expect(some.labels).toBeUndefined();
    expectPrediction(some.proba, undefined, rows);
    expect(await predictor.predict(new Float32Array(0), 0, 2)).toEqual({
      proba: new Float32Array(0),
      classes: 3,
    });
    await predictor.release();

    const labelled = await OnnxPredictor.load(linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS }));
    expect((await labelled.predict(new Float32Array(0), 0, 2)).labels).toEqual([]);
    await labelled.release();
  });

  it('checks its arguments and refuses to predict once released', async () => {
    const predictor = await OnnxPredictor.load(
      linearSoftmaxModel({ weights: WEIGHTS, bias: BIAS }),
    );
    await expect(predictor.predict(flat, 25, 3)).rejects.toThrow(RangeError);
    await expect(predictor.predict(flat, 24, 2)).rejects.toThrow(/expected n×d = 48/);
    await expect(predictor.predict(flat, -1, 2)).rejects.toThrow(RangeError);
    const running = predictor.predict(flat, 25, 2);
    await predictor.release();
    await predictor.release();
    expectPrediction((await running).proba, undefined, rows);
    await expect(predictor.predict(flat, 25, 2)).rejects.toThrow(OnnxModelError);
  });

  it('accepts a float output of unknown shape, then refuses a prediction that is not [n, k]', async () => {
    const scalar = modelBytes({
      nodes: [node('ReduceSum', ['x'], ['total'], [intAttr('keepdims', 0)])],
      inputs: [valueInfo('x', tensorType('float', ['N', 2]))],
      outputs: [valueInfo('total', tensorType('float'))],
    });
    const predictor = await OnnxPredictor.load(scalar);
    expect(predictor.contract.probabilities).toEqual({ name: 'total', classes: null });
    const error = (await predictor.predict(flat, 25, 2).catch((e: unknown) => e)) as OnnxModelError;
    expect(error).toBeInstanceOf(OnnxModelError);
    expect(error.reason).toBe('runtime');
    expect(error.message).toMatch(/returned float32 probabilities of shape \[\] for 25 rows/);
    await predictor.release();
  });

  it('rejects garbage bytes with OnnxModelError', async () => {
    await expect(OnnxPredictor.load(Uint8Array.from([0xff, 0xff, 0xff]))).rejects.toThrow(
      OnnxModelError,
    );
  });
});
