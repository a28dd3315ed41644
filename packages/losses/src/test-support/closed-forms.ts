/**
 * The named losses in float64 on the host, written from their formulas (not from the
 * h-function families), with the per-sample terms of `reduction: 'none'`.
 */

/** softplus(u) = log(1 + e^u), in the overflow-free form max(u, 0) + log1p(e^{−|u|}). */
export const softplus = (u: number): number => Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
/** σ(u) = 1/(1 + e^{−u}), without overflow. */
export const sigmoid = (u: number): number => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));
const relu = (u: number): number => Math.max(u, 0);
const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

/**
 * One player's loss on real logits r and generated logits f: its mean; its per-sample terms
 * (when r and f have equal sizes); and its scale, the same means taken of absolute values
 * (|L| when no term cancels another), which sets the tolerance of float32 sums.
 */
export type ClosedForm = (r: readonly number[], f: readonly number[]) => { mean: number; terms: number[]; scale: number };

const meanAbs = (xs: readonly number[]): number => mean(xs.map(Math.abs));

/** Separate real and generated parts: L = mean_i a_i + mean_j b_j, term i = a_i + b_i. */
function parts(a: readonly number[], b: readonly number[]): ReturnType<ClosedForm> {
  return {
    mean: mean(a) + (b.length > 0 ? mean(b) : 0),
    terms: a.length === b.length ? a.map((v, i) => v + (b[i] as number)) : b.length === 0 ? [...a] : [],
    scale: meanAbs(a) + (b.length > 0 ? meanAbs(b) : 0),
  };
}

/** Separable: L = mean_i a(r_i) + mean_j b(f_j). */
const separableForm = (a: (v: number) => number, b: (v: number) => number): ClosedForm => (r, f) => parts(r.map(a), f.map(b));
/** Only generated logits: L = mean_j b(f_j). */
const fakeOnly = (b: (v: number) => number): ClosedForm => (_r, f) => parts(f.map(b), []);
/** Paired: L = mean_i c(r_i, f_i). */
const pairedForm = (c: (r: number, f: number) => number): ClosedForm => (r, f) => parts(r.map((v, i) => c(v, f[i] as number)), []);
/** RaGAN: s = +1 for D, −1 for G. */
const averageForm = (s: 1 | -1): ClosedForm => (r, f) => {
  const mr = mean(r);
  const mf = mean(f);
  return parts(r.map((v) => softplus(-s * (v - mf))), f.map((v) => softplus(s * (v - mr))));
};

/** Each registered loss's D and G closed forms, by registry name. */
export const CLOSED_FORMS: Readonly<Record<string, { discriminator: ClosedForm; generator: ClosedForm }>> = {
  'js-gan': { discriminator: separableForm((r) => softplus(-r), softplus), generator: fakeOnly((f) => -softplus(f)) },
  'non-saturating': { discriminator: separableForm((r) => softplus(-r), softplus), generator: fakeOnly((f) => softplus(-f)) },
  'least-squares': {
    discriminator: separableForm((r) => 0.5 * (r - 1) ** 2, (f) => 0.5 * f ** 2),
    generator: fakeOnly((f) => 0.5 * (f - 1) ** 2),
  },
  wasserstein: { discriminator: separableForm((r) => -r, (f) => f), generator: fakeOnly((f) => -f) },
  hinge: { discriminator: separableForm((r) => relu(1 - r), (f) => relu(1 + f)), generator: fakeOnly((f) => -f) },
  'rs-gan': { discriminator: pairedForm((r, f) => softplus(f - r)), generator: pairedForm((r, f) => softplus(r - f)) },
  'rs-hinge': { discriminator: pairedForm((r, f) => relu(1 + f - r)), generator: pairedForm((r, f) => relu(1 + r - f)) },
  'relativistic-average': { discriminator: averageForm(1), generator: averageForm(-1) },
};

/** Logits uniform on [lo, hi], rounded to float32 so the float64 reference sees what the tensors hold. */
export function uniformLogits(u: Float64Array, lo: number, hi: number): number[] {
  return Array.from(Float32Array.from(u, (v) => lo + (hi - lo) * v));
}
