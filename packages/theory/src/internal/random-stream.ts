import type { Rng } from '@saddle/core';

/**
 * A fast host random stream for the simulators' inner loops: xoshiro128** seeded from an `Rng`
 * key, standard normals by the Marsaglia polar method (Box–Muller without trigonometry), and
 * chi-square draws by Marsaglia–Tsang. `Rng.uniform` is a hash per number (~30 ns); a
 * simulation step of the solvable GAN needs 2n normals, so it draws from this stream instead.
 * The stream is a pure function of the key: the same `Rng` gives the same draws.
 */
export interface RandomStream {
  /** One uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** One standard normal N(0, 1). */
  normal(): number;
  /** One draw of χ²_k (k > 0 degrees of freedom, not necessarily an integer). */
  chiSquare(k: number): number;
}

/** Creates the stream from a key; distinct keys give independent streams. */
export function createRandomStream(rng: Rng): RandomStream {
  const words = rng.uniform(4);
  return new Xoshiro128Stream(Array.from(words, (u) => Math.floor(u * 4294967296) | 0));
}

/** 2^-31: maps a signed 32-bit word to [−1, 1). */
const INT32_TO_UNIT = 4.656612873077393e-10;

class Xoshiro128Stream implements RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  constructor([a = 0, b = 0, c = 0, d = 0]: number[]) {
    // xoshiro must not start from the all-zero state.
    this.s0 = (a | b | c | d) === 0 ? 0x9e3779b9 | 0 : a;
    this.s1 = b;
    this.s2 = c;
    this.s3 = d;
  }

  /** xoshiro128** (Blackman and Vigna): one 32-bit word, as a signed int32. */
  private next32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  uniform(): number {
    return ((this.next32() >>> 11) * 4294967296 + (this.next32() >>> 0)) / 9007199254740992;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    // Marsaglia's polar method on 32-bit uniforms in [−1, 1).
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.next32() * INT32_TO_UNIT;
      v = this.next32() * INT32_TO_UNIT;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  chiSquare(k: number): number {
    const shape = k / 2;
    // Gamma(a) = Gamma(a + 1)·U^{1/a} for a < 1; 1 − U keeps the power away from 0^{1/a}.
    if (shape < 1) return 2 * this.gammaAtLeastOne(shape + 1) * Math.pow(1 - this.uniform(), 1 / shape);
    return 2 * this.gammaAtLeastOne(shape);
  }

  /** Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang, 2000). */
  private gammaAtLeastOne(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}
