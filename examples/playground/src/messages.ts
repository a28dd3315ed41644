import type { Point2 } from './build-run.js';
import type { PlaygroundState } from './state.js';

/** Page → worker. A reset is a new worker with the same state (so the same seed gives the same run). */
export type ToWorker =
  | { readonly type: 'start'; readonly state: PlaygroundState; readonly wasmBase: string }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step' }
  | { readonly type: 'stepsPerFrame'; readonly value: number };

/** What the views draw after a frame's steps. */
export interface Frame {
  readonly step: number;
  /** L_D and L_G of every step since the previous frame, with their step numbers. */
  readonly steps: Float64Array;
  readonly lossD: Float64Array;
  readonly lossG: Float64Array;
  /** G on the fixed evaluation latents, row-major [n, 2] (1-D data padded with y = 0). */
  readonly generated: Float32Array;
  /** σ(D(x)) on a `HEAT_SIZE`² grid over the view, row by row from the top (one row for 1-D data). */
  readonly heat: Float32Array;
  /** G on a `TRANSPORT_SIZE`² grid of (z₁, z₂) ∈ [−2, 2]² (other latents 0), row-major [n, 2]. */
  readonly transport: Float32Array;
  readonly modesCovered: number;
  readonly highQualityFraction: number;
  readonly stepsPerSecond: number;
}

/** Worker → page. */
export type FromWorker =
  | {
      readonly type: 'ready';
      /** tfjs' name of the backend in use. */
      readonly backend: string;
      readonly dimension: 1 | 2;
      readonly centers: readonly Point2[];
      readonly std: number;
      readonly middle: Point2;
      readonly extent: number;
      /** A sample of the real data, row-major [n, 2]. */
      readonly real: Float32Array;
      readonly parameterCount: { readonly generator: number; readonly discriminator: number };
    }
  | { readonly type: 'frame'; readonly frame: Frame }
  /** The first step's wall time (kernel compilation and uploads included), once per run. */
  | { readonly type: 'first-step'; readonly milliseconds: number }
  | { readonly type: 'error'; readonly message: string; readonly field: string | undefined; readonly fix: string | undefined };

/** Heat-map resolution per side. */
export const HEAT_SIZE = 48;
/** Latent grid points per side. */
export const TRANSPORT_SIZE = 15;
/** Evaluation samples: the CLI's protocol (2,500 samples, 3σ, at least 25 per mode). */
export const EVALUATION = { samples: 2500, radiusInStd: 3, minCount: 25 } as const;
