/**
 * Seeded pseudo-random numbers. One seed drives initialisation, batch sampling and masking,
 * each through its own stream (`deriveSeed`), so changing how one consumes numbers leaves
 * the others unchanged. Same seed ⇒ same numbers on every platform.
 */

/** A source of uniform floats in [0, 1). */
export interface Rng {
  /** Returns the next uniform float in [0, 1). */
  next(): number;
  /** The generator's position, to save in a checkpoint (four 32-bit words). */
  getState(): number[];
  /** Moves the generator to a saved position. */
  setState(state: readonly number[]): void;
}

/** Creates a sfc32 generator (Small Fast Counting, 128-bit state) from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up so that nearby seeds give unrelated streams.
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    getState: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
    setState: (state) => {
      if (
        state.length !== 4 ||
        state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)
      ) {
        throw new Error('A random-generator state is four 32-bit words.');
      }
      [a, b, c, d] = state as [number, number, number, number];
    },
  };
}

/** Mixes a seed with a stream name into a new 32-bit seed (FNV-1a over the name, then murmur fmix). */
export function deriveSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Returns an integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** Returns a standard normal sample (Box–Muller). */
export function randomNormal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
