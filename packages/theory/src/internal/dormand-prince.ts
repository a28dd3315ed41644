import { SaddleError } from '@saddle/core';

/** dy/dt at (t, y), written into `dydt`. */
export type OdeRightHandSide = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Error control of the integrator (scipy `solve_ivp` conventions). */
export interface DormandPrinceOptions {
  /** Relative tolerance per component. */
  readonly rtol: number;
  /** Absolute tolerance per component. */
  readonly atol: number;
  /** Refuse to run forever on a stiff or blowing-up system. */
  readonly maxSteps: number;
}

/** The states at the requested times and what it cost to get them. */
export interface DormandPrinceResult {
  /** `states[j]` is y(times[j]); `states[0]` is a copy of y0. */
  readonly states: Float64Array[];
  /** Accepted steps. */
  readonly steps: number;
  /** Rejected step attempts. */
  readonly rejected: number;
}

// Dormand–Prince 5(4) tableau (Dormand and Prince, 1980), as in scipy's RK45 and MATLAB's ode45.
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1] as const;
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
] as const;
/** Fifth-order weights (also the seventh stage's row: first same as last). */
const B = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84] as const;
/** Fifth- minus fourth-order weights: the local error estimate. */
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40] as const;

/**
 * Integrates y' = f(t, y) from times[0] to the last of `times` with the adaptive Dormand–Prince
 * 5(4) pair: local error ‖err / (atol + rtol·max(|y|, |y_new|))‖_RMS ≤ 1, step factor
 * 0.9·err^{−1/5} clipped to [0.2, 10], Hairer's initial step. Steps are shortened to land on each
 * requested time exactly (no interpolation error in the outputs).
 */
export function integrateDormandPrince(
  f: OdeRightHandSide,
  y0: Float64Array,
  times: readonly number[],
  options: DormandPrinceOptions,
): DormandPrinceResult {
  const { rtol, atol, maxSteps } = options;
  const dim = y0.length;
  const k: Float64Array[] = Array.from({ length: 7 }, () => new Float64Array(dim));
  const stage = new Float64Array(dim);
  let yNew: Float64Array = new Float64Array(dim);
  let y: Float64Array = Float64Array.from(y0);
  let t = times[0] as number;
  const states: Float64Array[] = [Float64Array.from(y)];
  f(t, y, k[0] as Float64Array);
  let h = initialStep(f, t, y, k[0] as Float64Array, rtol, atol);
  let steps = 0;
  let rejected = 0;

  for (let j = 1; j < times.length; j++) {
    const target = times[j] as number;
    while (t < target) {
      if (steps + rejected >= maxSteps) {
        throw new SaddleError(`the ODE integrator took more than ${maxSteps} steps before t = ${target}`, {
          code: 'NON_FINITE', field: 'maxSteps', value: maxSteps, fix: 'shorten T, loosen rtol/atol, or check the parameters for a blow-up',
        });
      }
      const last = target - t <= h * (1 + 1e-12);
      const step = last ? target - t : h;
      for (let s = 1; s < 6; s++) {
        const row = A[s] as readonly number[];
        for (let i = 0; i < dim; i++) {
          let acc = y[i] as number;
          for (let m = 0; m < s; m++) acc += step * (row[m] as number) * ((k[m] as Float64Array)[i] as number);
          stage[i] = acc;
        }
        f(t + (C[s] as number) * step, stage, k[s] as Float64Array);
      }
      for (let i = 0; i < dim; i++) {
        let acc = y[i] as number;
        for (let m = 0; m < 6; m++) acc += step * (B[m] as number) * ((k[m] as Float64Array)[i] as number);
        yNew[i] = acc;
      }
      f(t + step, yNew, k[6] as Float64Array);
      let errSq = 0;
      for (let i = 0; i < dim; i++) {
        let e = 0;
        for (let m = 0; m < 7; m++) e += (E[m] as number) * ((k[m] as Float64Array)[i] as number);
        const scale = atol + rtol * Math.max(Math.abs(y[i] as number), Math.abs(yNew[i] as number));
        errSq += ((step * e) / scale) ** 2;
      }
      const err = Math.sqrt(errSq / dim);
      if (!Number.isFinite(err)) {
        throw new SaddleError(`the ODE state became non-finite near t = ${t}`, {
          code: 'NON_FINITE', field: 't', value: t, fix: 'check the parameters for a blow-up',
        });
      }
      const factor = err === 0 ? 10 : Math.min(10, Math.max(0.2, 0.9 * err ** -0.2));
      if (err <= 1) {
        t = last ? target : t + step;
        [y, yNew] = [yNew, y];
        [k[0], k[6]] = [k[6] as Float64Array, k[0] as Float64Array];
        steps++;
        // A step cut short to land on an output time says little about the natural step size:
        // it may only shrink the next one.
        h = last ? Math.min(h, factor < 1 ? step * factor : h) : step * factor;
      } else {
        h = step * factor;
        rejected++;
      }
    }
    states.push(Float64Array.from(y));
  }
  return { states, steps, rejected };
}

/** Hairer, Nørsett and Wanner's starting step (Solving ODEs I, II.4), as in scipy. */
function initialStep(f: OdeRightHandSide, t: number, y: Float64Array, f0: Float64Array, rtol: number, atol: number): number {
  const dim = y.length;
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < dim; i++) {
    const scale = atol + rtol * Math.abs(y[i] as number);
    d0 += ((y[i] as number) / scale) ** 2;
    d1 += ((f0[i] as number) / scale) ** 2;
  }
  d0 = Math.sqrt(d0 / dim);
  d1 = Math.sqrt(d1 / dim);
  const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
  const y1 = new Float64Array(dim);
  for (let i = 0; i < dim; i++) y1[i] = (y[i] as number) + h0 * (f0[i] as number);
  const f1 = new Float64Array(dim);
  f(t + h0, y1, f1);
  let d2 = 0;
  for (let i = 0; i < dim; i++) {
    const scale = atol + rtol * Math.abs(y[i] as number);
    d2 += (((f1[i] as number) - (f0[i] as number)) / scale) ** 2;
  }
  d2 = Math.sqrt(d2 / dim) / h0;
  const h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / Math.max(d1, d2)) ** 0.2;
  return Math.min(100 * h0, h1);
}
