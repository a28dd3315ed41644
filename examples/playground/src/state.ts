import { lossRegistry, PENALTY_NAMES } from '@saddle/losses';

/** The data sets the page offers; `drawn` uses the points the user clicked on the canvas. */
export const DATA_KINDS = ['ring', 'grid', 'five-gaussians', 'two-cluster', 'drawn'] as const;
/** Game optimizers: GDA (simultaneous or alternating), OGDA, extragradient, fictitious play, averaging. */
export const METHODS = ['alternating', 'simultaneous', 'ogda', 'extragradient', 'fictitious-play', 'averaged'] as const;
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;
export const PLAYER_OPTIMIZERS = ['adam', 'sgd'] as const;
export const ACTIVATIONS = ['tanh', 'relu', 'leakyRelu'] as const;
/** Penalties on D's loss: WGAN-GP (with the `wasserstein` loss, WGAN-GP proper), R1, R2. */
export const PENALTIES = ['none', ...PENALTY_NAMES] as const;

export type DataKind = (typeof DATA_KINDS)[number];
export type Method = (typeof METHODS)[number];
export type BackendName = (typeof BACKENDS)[number];
export type PenaltyName = (typeof PENALTIES)[number];

/** Everything a shared link fixes: the run (data … seed) and the theory panels (η, τ, τ̃, y₁). */
export interface PlaygroundState {
  readonly data: DataKind;
  /** Drawn points, row-major x0, y0, x1, y1, …, rounded to 3 decimals when drawn. */
  readonly points: readonly number[];
  /** σ of each mode of the ring, grid and drawn data (five-Gaussians and two-cluster are fixed). */
  readonly std: number;
  /** A name in `@saddle/losses`' `lossRegistry`. */
  readonly loss: string;
  /**
   * Added to D's loss only: `wgan-gp` λ·mean (‖∇_x f(x̂)‖₂ − 1)² on interpolates x̂ of real and
   * generated points, `r1`/`r2` (γ/2)·mean ‖∇_x f‖₂² on real/generated points.
   */
  readonly penalty: PenaltyName;
  /** λ of WGAN-GP, γ of R1/R2 (10, Gulrajani et al.'s λ). */
  readonly penaltyWeight: number;
  readonly method: Method;
  /** Each player's base transformation (OGDA uses its optimistic form: `ogda` or `optimisticAdam`). */
  readonly playerOptimizer: (typeof PLAYER_OPTIMIZERS)[number];
  readonly generatorWidths: readonly number[];
  readonly discriminatorWidths: readonly number[];
  readonly activation: (typeof ACTIVATIONS)[number];
  readonly latentSize: number;
  readonly learningRateG: number;
  readonly learningRateD: number;
  readonly batchSize: number;
  readonly stepsPerFrame: number;
  readonly seed: number;
  readonly backend: BackendName;
  /** Solvable GAN: noise variance η = η_T = η_G, learning rates τ (D) and τ̃ (G). */
  readonly eta: number;
  readonly tau: number;
  readonly tauTilde: number;
  /** Two-point landscape: where the first generated point sits. */
  readonly landscapeY1: number;
}

/** The page's defaults: the CLI's 8-mode ring GAN, smaller networks and batch for the browser. */
export const DEFAULT_STATE: PlaygroundState = {
  data: 'ring',
  points: [],
  std: 0.02,
  loss: 'non-saturating',
  penalty: 'none',
  penaltyWeight: 10,
  method: 'alternating',
  playerOptimizer: 'adam',
  generatorWidths: [64, 64],
  discriminatorWidths: [64, 64],
  activation: 'tanh',
  latentSize: 8,
  learningRateG: 0.001,
  learningRateD: 0.001,
  batchSize: 256,
  stepsPerFrame: 10,
  seed: 0,
  backend: 'wasm',
  eta: 2,
  tau: 0.2,
  tauTilde: 0.04,
  landscapeY1: 0,
};

/** Slider ranges of the theory panels (the hash accepts the same ranges, so links round-trip). */
export const THEORY_RANGES = {
  eta: [0, 10],
  tau: [0.01, 2],
  tauTilde: [0.001, 1],
  landscapeY1: [-1, 2],
} as const satisfies Record<string, readonly [number, number]>;

/** A hash value refused while reading a link: the field, what was there, and what is allowed. */
export interface StateIssue {
  readonly field: string;
  readonly value: string;
  readonly fix: string;
}

interface Codec<T> {
  readonly key: string;
  format(value: T): string;
  /** The value, or a string saying what is allowed. */
  parse(text: string): T | { readonly allowed: string };
}

const refuse = (allowed: string) => ({ allowed });

const choice = <T extends string>(key: string, options: readonly T[]): Codec<T> => ({
  key,
  format: (v) => v,
  parse: (t) => ((options as readonly string[]).includes(t) ? (t as T) : refuse(`one of ${options.join(', ')}`)),
});

const number = (key: string, min: number, max: number, integer = false): Codec<number> => ({
  key,
  format: (v) => String(v),
  parse: (t) => {
    const v = t.trim() === '' ? NaN : Number(t);
    const ok = Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
    // + 0 turns −0 into 0, which is how the hash writes it.
    return ok ? v + 0 : refuse(`${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
  },
});

const widths = (key: string): Codec<readonly number[]> => ({
  key,
  format: (v) => v.join(','),
  parse: (t) => {
    const v = t.split(',').map(Number);
    const ok = v.length >= 1 && v.length <= 4 && v.every((w) => Number.isInteger(w) && w >= 1 && w <= 512);
    return ok ? v : refuse('1 to 4 comma-separated widths in [1, 512], e.g. 64,64');
  },
});

const MAX_DRAWN_POINTS = 64;
const points: Codec<readonly number[]> = {
  key: 'points',
  format: (v) => v.join(','),
  parse: (t) => {
    if (t === '') return [];
    const v = t.split(',').map((c) => Number(c) + 0);
    const ok = v.length % 2 === 0 && v.length <= 2 * MAX_DRAWN_POINTS && v.every((c) => Number.isFinite(c) && Math.abs(c) <= 4);
    return ok ? v : refuse(`up to ${MAX_DRAWN_POINTS} points as x,y,x,y,… with |x|, |y| ≤ 4`);
  },
};

/** One codec per field, in the order of the hash. */
const CODECS: { readonly [K in keyof PlaygroundState]: Codec<PlaygroundState[K]> } = {
  data: choice('data', DATA_KINDS),
  points,
  std: number('std', 0.001, 1),
  loss: choice('loss', Object.keys(lossRegistry)),
  penalty: choice('penalty', PENALTIES),
  penaltyWeight: number('lambda', 0, 1000),
  method: choice('method', METHODS),
  playerOptimizer: choice('opt', PLAYER_OPTIMIZERS),
  generatorWidths: widths('g'),
  discriminatorWidths: widths('d'),
  activation: choice('act', ACTIVATIONS),
  latentSize: number('z', 2, 64, true),
  learningRateG: number('lrG', 1e-6, 1),
  learningRateD: number('lrD', 1e-6, 1),
  batchSize: number('batch', 8, 2048, true),
  stepsPerFrame: number('spf', 1, 500, true),
  seed: number('seed', 0, 2 ** 31 - 1, true),
  backend: choice('backend', BACKENDS),
  eta: number('eta', 0, THEORY_RANGES.eta[1]),
  tau: number('tau', ...THEORY_RANGES.tau),
  tauTilde: number('tauTilde', ...THEORY_RANGES.tauTilde),
  landscapeY1: number('y1', ...THEORY_RANGES.landscapeY1),
};
const FIELDS = Object.keys(CODECS) as (keyof PlaygroundState)[];

/**
 * The state as a URL hash: every field, in a fixed order, as `key=value` joined by `&`
 * (numbers as JavaScript's shortest round-trip decimal), so `parseHash(formatHash(s))` is `s`
 * and `formatHash(parseHash(h).state)` is `h` for every hash this function wrote.
 */
export function formatHash(state: PlaygroundState): string {
  return '#' + FIELDS.map((field) => `${CODECS[field].key}=${encodeURIComponent((CODECS[field] as Codec<unknown>).format(state[field]))}`).join('&');
}

/**
 * Reads a hash (with or without `#`); missing fields take the defaults, refused values take the
 * defaults and are reported with the field, the value and what is allowed.
 */
export function parseHash(hash: string): { state: PlaygroundState; issues: StateIssue[] } {
  const issues: StateIssue[] = [];
  const given = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    let value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      issues.push({ field: key, value, fix: 'percent-encoding is malformed; copy the link again' });
      continue;
    }
    given.set(key, value);
  }
  const state: Record<string, unknown> = { ...DEFAULT_STATE };
  const known = new Set<string>();
  for (const field of FIELDS) {
    const codec = CODECS[field] as Codec<unknown>;
    known.add(codec.key);
    const text = given.get(codec.key);
    if (text === undefined) continue;
    const parsed = codec.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'allowed' in parsed) {
      issues.push({ field: codec.key, value: text, fix: `allowed: ${(parsed as { allowed: string }).allowed}` });
    } else {
      state[field] = parsed;
    }
  }
  for (const key of given.keys()) {
    if (!known.has(key)) issues.push({ field: key, value: given.get(key) ?? '', fix: `unknown key; known: ${[...known].join(', ')}` });
  }
  return { state: state as unknown as PlaygroundState, issues };
}

/** Rounds a drawn coordinate to the 3 decimals the hash keeps, clamped to [−4, 4]. */
export function roundCoordinate(v: number): number {
  return Math.round(Math.min(4, Math.max(-4, v)) * 1000) / 1000 + 0;
}
