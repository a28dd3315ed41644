import type { Tolerance } from '@saddle/testing';

/**
 * Tolerances of the in-page suites, |actual − expected| ≤ atol + rtol·|expected|:
 * - wasm: float32 like cpu, sums reordered through several layers (the Node suites allow 1e-5
 *   per kernel; up to a few layers deep, 1e-4);
 * - webgl: float32 textures, but GLSL's exp/log/division are approximate and SwiftShader rounds
 *   differently from the cpu backend, so about 1e-2 relative.
 */
export const CONFORMANCE_TOLERANCE: Readonly<Record<string, Tolerance>> = {
  wasm: { rtol: 1e-4, atol: 1e-5 },
  webgl: { rtol: 1e-2, atol: 1e-3 },
};
