import { describe, expect, it } from 'vitest';
import { makeCausalBatch } from '../../src/engine/objectives/causal';
import { makeMaskedBatch } from '../../src/engine/objectives/masked';
import { createRng } from '../../src/shared/rng';

const vocab = { maskId: 1, firstRegularId: 3, vocabSize: 40 };

describe('masked objective (BERT recipe)', () => {
  it('puts loss weight only on chosen positions, keeps targets as the original tokens', () => {
    const windows = Int32Array.from({ length: 4 * 33 }, (_, i) => 3 + (i % 37));
    const batch = makeMaskedBatch(windows, 4, 32, 0.15, vocab, createRng(3));
    for (let b = 0; b < 4; b++) {
      for (let t = 0; t < 32; t++) {
        const i = b * 32 + t;
        expect(batch.targets[i]).toBe(windows[b * 33 + t]);
        // Unchosen positions are shown unchanged and carry no loss.
        if (batch.weights[i] === 0) expect(batch.inputs[i]).toBe(batch.targets[i]);
        else expect(batch.weights[i]).toBe(1);
      }
    }
  });

  it('chooses maskRatio of positions and splits them 80/10/10 (within 2 points)', () => {
    const rng = createRng(11);
    let positions = 0;
    let chosen = 0;
    let masked = 0;
    let random = 0;
    let unchanged = 0;
    for (let draw = 0; draw < 200; draw++) {
      // Windows of one repeated token, so a random replacement is always visible as a change.
      const windows = new Int32Array(8 * 65).fill(5);
      const batch = makeMaskedBatch(windows, 8, 64, 0.15, vocab, rng);
      for (let i = 0; i < batch.inputs.length; i++) {
        positions++;
        if (batch.weights[i] === 0) continue;
        chosen++;
        if (batch.inputs[i] === vocab.maskId) masked++;
        else if (batch.inputs[i] !== 5) random++;
        else unchanged++;
      }
    }
    // A random replacement can draw the same token (1 in 37): count those as random.
    const randomCorrected = random * (37 / 36);
    expect(Math.abs(chosen / positions - 0.15)).toBeLessThan(0.02);
    expect(Math.abs(masked / chosen - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(randomCorrected / chosen - 0.1)).toBeLessThan(0.02);
    expect(Math.abs((chosen - masked - randomCorrected) / chosen - 0.1)).toBeLessThan(0.02);
    expect(unchanged).toBeGreaterThan(0);
  });

  it('never draws a special token as a random replacement', () => {
    const windows = new Int32Array(64 * 65).fill(7);
    const batch = makeMaskedBatch(windows, 64, 64, 0.5, vocab, createRng(5));
    for (let i = 0; i < batch.inputs.length; i++) {
      const id = batch.inputs[i] ?? 0;
      if (id !== vocab.maskId) expect(id).toBeGreaterThanOrEqual(vocab.firstRegularId);
    }
  });
});

describe('causal objective', () => {
  it('predicts token t+1 from tokens ≤ t at every position', () => {
    const windows = Int32Array.from([10, 11, 12, 13, 20, 21, 22, 23]);
    const batch = makeCausalBatch(windows, 2, 3);
    expect(Array.from(batch.inputs)).toEqual([10, 11, 12, 20, 21, 22]);
    expect(Array.from(batch.targets)).toEqual([11, 12, 13, 21, 22, 23]);
    expect(Array.from(batch.weights)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
