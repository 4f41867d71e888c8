import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { isEmulatedAdapter, measureMatmulGflops } from '../../src/engine/backend';
import {
  measureTrainingSpeed,
  pickFastest,
  selectFastestBackend,
  type CandidateSpeed,
} from '../../src/engine/backend-speed';
import { useBackend } from './helpers';

describe('measureMatmulGflops', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`measures a positive throughput on ${backend} and frees its tensors`, async () => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const measured = await measureMatmulGflops(64, 40);
      expect(measured.size).toBe(64);
      expect(measured.runs).toBeGreaterThanOrEqual(1);
      expect(measured.ms).toBeGreaterThan(0);
      expect(Number.isFinite(measured.gflops)).toBe(true);
      expect(measured.gflops).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('times a single product when one is slower than the budget', async () => {
    await useBackend('cpu');
    const measured = await measureMatmulGflops(128, 0);
    expect(measured.runs).toBe(1);
    expect(measured.gflops).toBeGreaterThan(0);
  });
});

describe('pickFastest', () => {
  const speed = (
    backend: CandidateSpeed['backend'],
    gflops: number | null,
    emulated = false,
    tokensPerSec: number | null = null,
  ) => ({ backend, gflops, emulated, tokensPerSec });

  it('picks the highest throughput', () => {
    expect(pickFastest([speed('wasm', 25), speed('webgl', 4)])).toBe('wasm');
    expect(pickFastest([speed('wasm', 25), speed('webgl', 90)])).toBe('webgl');
  });

  it('skips candidates that did not start', () => {
    expect(pickFastest([speed('wasm', null), speed('webgl', 4)])).toBe('webgl');
    expect(pickFastest([speed('wasm', null)])).toBeNull();
    expect(pickFastest([])).toBeNull();
  });

  it('decides by training tokens/s where measured, whatever the matmul figures say', () => {
    // A GPU that multiplies fast but trains slowly (dispatch and readback costs).
    expect(pickFastest([speed('wasm', 25, false, 9000), speed('webgpu', 400, false, 3000)])).toBe(
      'wasm',
    );
    expect(pickFastest([speed('wasm', 25, false, 9000), speed('webgpu', 400, false, 30000)])).toBe(
      'webgpu',
    );
    expect(pickFastest([speed('wasm', 25, false, 9000), speed('webgl', 90, false, null)])).toBe(
      'wasm',
    );
  });

  it('never prefers an emulated GPU over a backend that runs on the CPU directly', () => {
    expect(pickFastest([speed('webgpu', 50, true), speed('wasm', 25)])).toBe('wasm');
    expect(pickFastest([speed('webgpu', 0.5, true), speed('wasm', null)])).toBe('webgpu');
  });
});

describe('isEmulatedAdapter', () => {
  const adapter = { vendor: '', architecture: '', description: '', isFallbackAdapter: false };

  it('recognises a fallback adapter and SwiftShader by name', () => {
    expect(isEmulatedAdapter({ ...adapter, isFallbackAdapter: true })).toBe(true);
    expect(isEmulatedAdapter({ ...adapter, vendor: 'google', architecture: 'swiftshader' })).toBe(
      true,
    );
    expect(isEmulatedAdapter({ ...adapter, vendor: 'nvidia', architecture: 'ampere' })).toBe(false);
  });
});

describe('selectFastestBackend', () => {
  it('measures the candidates that start and switches to the fastest', async () => {
    const { backend, speeds } = await selectFastestBackend(['wasm', 'cpu'], false, 100);
    expect(speeds.map((s) => s.backend)).toEqual(['wasm', 'cpu']);
    for (const s of speeds) {
      expect(s.gflops).toBeGreaterThan(0);
      expect(s.tokensPerSec).toBeGreaterThan(0);
    }
    expect(tf.getBackend()).toBe(backend);
    expect(backend).toBe(pickFastest(speeds));
  });

  it('reports a backend that does not start (WebGL has no canvas in Node), with the reason', async () => {
    const { backend, speeds } = await selectFastestBackend(['webgl', 'wasm'], false);
    expect(speeds[0]).toEqual(
      expect.objectContaining({ backend: 'webgl', gflops: null, reason: expect.any(String) }),
    );
    expect(backend).toBe('wasm');
  });
});

describe('measureTrainingSpeed', () => {
  it('times real training steps and frees its model', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const measured = await measureTrainingSpeed(50);
    expect(measured.steps).toBeGreaterThanOrEqual(1);
    expect(measured.ms).toBeGreaterThan(0);
    expect(measured.tokensPerSec).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
