import type { OrderParameters, SolvableGanTrajectory } from '../solvable-gan-setting.js';

/**
 * The order parameters packed in one vector for the integrator:
 * [q_1..q_d, r_1..r_d, P row-major (P[i][ℓ] at 2d + i·d + ℓ), S row-major].
 */
export const offsets = (d: number) => ({ q: 0, r: d, P: 2 * d, S: 2 * d + d * d, size: 2 * d + 2 * d * d });

export function packOrderParameters({ P, q, r, S }: OrderParameters): Float64Array {
  const d = q.length;
  const o = offsets(d);
  const y = new Float64Array(o.size);
  y.set(q, o.q);
  y.set(r, o.r);
  P.forEach((row, i) => y.set(row, o.P + i * d));
  S.forEach((row, i) => y.set(row, o.S + i * d));
  return y;
}

export function unpackOrderParameters(y: Float64Array, d: number): OrderParameters {
  const o = offsets(d);
  const matrix = (start: number) => Array.from({ length: d }, (_, i) => Array.from(y.subarray(start + i * d, start + (i + 1) * d)));
  return { q: Array.from(y.subarray(o.q, o.q + d)), r: Array.from(y.subarray(o.r, o.r + d)), P: matrix(o.P), S: matrix(o.S) };
}

/** Collects samples into the columnar, JSON-ready trajectory. */
export function trajectoryRecorder(): { trajectory: SolvableGanTrajectory; push(t: number, state: OrderParameters): void } {
  const trajectory: SolvableGanTrajectory = { t: [], P: [], q: [], r: [], S: [] };
  return {
    trajectory,
    push(t, { P, q, r, S }) {
      trajectory.t.push(t);
      trajectory.P.push(P);
      trajectory.q.push(q);
      trajectory.r.push(r);
      trajectory.S.push(S);
    },
  };
}
