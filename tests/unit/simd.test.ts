import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { compileSimd, generatedSource } from '../../scripts/build-simd.mjs';
import { simdKernels } from '../../src/engine/kernels/simd';
import { AXPBY } from '../../src/engine/kernels/optimizer';
import { installWasmKernels } from '../../src/engine/kernels/wasm';
import { useBackend } from './helpers';

describe('vectorised WASM kernels', () => {
  it('the committed module is simd.wat compiled (npm run build:simd)', async () => {
    const committed = readFileSync('src/engine/kernels/simd.generated.ts', 'utf8');
    expect(committed).toBe(generatedSource(await compileSimd()));
  });

  it('run on the single-threaded WASM backend (so the kernel tests exercise them)', async () => {
    await useBackend('wasm');
    expect(simdKernels(tf.backend() as BackendWasm)).not.toBeNull();
  });

  it('a·x + b·y matches the element-wise result, tail included', async () => {
    await useBackend('wasm');
    installWasmKernels();
    const x = tf.randomNormal([7, 3], 0, 1, 'float32', 1);
    const y = tf.randomNormal([7, 3], 0, 1, 'float32', 2);
    const fused = tf.engine().runKernel(AXPBY, { x, y }, { a: 0.25, b: -1.5 }) as tf.Tensor;
    const expected = tf.add(tf.mul(x, 0.25), tf.mul(y, -1.5));
    const [f, e] = await Promise.all([fused.data(), expected.data()]);
    Array.from(e).forEach((v, i) => expect(f[i]).toBeCloseTo(v, 6));
    tf.dispose([x, y, fused, expected]);
  });
});
