import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from './errors.js';

/**
 * A seeded, splittable random key in the style of JAX's PRNG keys: an immutable 64-bit key
 * (two uint32 words). Nothing mutates; `split` and `fold` derive independent child keys, so
 * the same seed always produces the same draws, in any order of consumption, on any backend.
 *
 * tfjs random ops have no global seed, only a per-call `seed`; `Rng.seed()` supplies that.
 *
 * @example
 * ```ts
 * const rng: Rng = createRng(42);
 * const [a, b] = rng.split(2);
 * const z = rng.fold('latents').fold(step).normal([64, 128]); // same draws on every backend
 * const restored = rngFromKey(rng.key);
 * ```
 */
export interface Rng {
  /** The key words, for checkpoints: `rngFromKey(rng.key)` restores it exactly. */
  readonly key: readonly [number, number];
  /** `count` independent children; the parent stays usable and unchanged. */
  split(count: number): Rng[];
  /** A child derived from a name or number, e.g. `rng.fold('generator')`. */
  fold(data: string | number): Rng;
  /** A 32-bit integer seed for one tfjs random op (`tf.randomNormal(shape, 0, 1, 'float32', rng.seed())`). */
  seed(): number;
  /** `count` host uniforms in [0, 1), float64. */
  uniform(count: number): Float64Array;
  /** A tensor of standard normals N(0, 1); the caller owns it. */
  normal(shape: readonly number[], dtype?: 'float32'): tf.Tensor;
}

/** Murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Mixes a 64-bit key with a 32-bit word into a new 64-bit key (two rounds, both words). */
function deriveKey(key: readonly [number, number], word: number): [number, number] {
  const a = fmix32(key[0] ^ fmix32(word + 0x9e3779b9));
  const b = fmix32(key[1] ^ fmix32(a + Math.imul(word, 0x27d4eb2f) + 0x165667b1));
  return [fmix32(a ^ b ^ 0x7f4a7c15), b];
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

class KeyRng implements Rng {
  readonly key: readonly [number, number];

  constructor(key: readonly [number, number]) {
    this.key = [key[0] >>> 0, key[1] >>> 0];
  }

  split(count: number): Rng[] {
    if (!Number.isInteger(count) || count < 1) {
      throw new SaddleError('split count must be a positive integer', {
        code: 'INVALID_ARGUMENT', field: 'count', value: count, fix: 'pass an integer >= 1',
      });
    }
    return Array.from({ length: count }, (_, i) => new KeyRng(deriveKey(this.key, i)));
  }

  fold(data: string | number): Rng {
    const word = typeof data === 'string' ? hashString(data) : data >>> 0;
    return new KeyRng(deriveKey(deriveKey(this.key, 0xf01d), word));
  }

  seed(): number {
    // tfjs passes the seed through seedrandom's `alea(String(seed))`; any 32-bit integer is fine.
    return deriveKey(this.key, 0x5eed)[0];
  }

  uniform(count: number): Float64Array {
    const out = new Float64Array(count);
    let state: [number, number] = deriveKey(this.key, 0xa11ce);
    for (let i = 0; i < count; i++) {
      state = deriveKey(state, i);
      // 53 random bits: 21 from the first word, 32 from the second.
      out[i] = ((state[0] >>> 11) * 4294967296 + state[1]) / 9007199254740992;
    }
    return out;
  }

  normal(shape: readonly number[], dtype: 'float32' = 'float32'): tf.Tensor {
    return tf.randomNormal([...shape], 0, 1, dtype, this.seed());
  }
}

/**
 * Creates the root key from an integer seed.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * const [gKey, dKey] = rng.split(2);
 * const z = gKey.normal([64, 2]); // caller disposes z
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new SaddleError('seed must be an integer', {
      code: 'INVALID_ARGUMENT', field: 'seed', value: seed, fix: 'pass a safe integer such as 0 or 42',
    });
  }
  const high = Math.floor(seed / 4294967296);
  return new KeyRng(deriveKey([fmix32(seed >>> 0), fmix32(high >>> 0) ^ 0x6a09e667], 0));
}

/**
 * Restores a key saved from `rng.key` (for checkpoints and resume).
 *
 * @example
 * ```ts
 * const saved = createRng(1).fold('data').key;
 * const again = rngFromKey(saved); // draws exactly as the saved key would
 * ```
 */
export function rngFromKey(key: readonly [number, number]): Rng {
  if (key.length !== 2 || !key.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
    throw new SaddleError('an RNG key is two uint32 words', {
      code: 'INVALID_ARGUMENT', field: 'key', value: key, fix: 'pass the `key` of an existing Rng',
    });
  }
  return new KeyRng(key);
}
