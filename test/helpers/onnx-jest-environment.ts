import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import NodeEnvironment from 'jest-environment-node';

/**
 * Jest's node environment with the host realm's typed-array constructors, for specs that run
 * onnxruntime-node inference. Jest evaluates test code (and onnxruntime-common, loaded through
 * its module registry) in a separate vm context with its own Float32Array, while the native
 * binding creates output tensors with the host's; onnxruntime-common's `instanceof` check then
 * fails every `session.run` with "A float32 tensor's data must be type of function
 * Float32Array()". Jest already shares ArrayBuffer and Uint8Array the same way.
 *
 * Use it with a docblock at the top of the spec:
 *   /** @jest-environment <rootDir>/test/helpers/onnx-jest-environment.ts *\/
 * (or as `testEnvironment` of a Jest project whose specs run ONNX models, e.g. e2e).
 */
const SHARED = [
  'Int8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'DataView',
] as const;

export default class OnnxJestEnvironment extends NodeEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const target = this.global as unknown as Record<string, unknown>;
    for (const name of SHARED) target[name] = globalThis[name];
  }
}
