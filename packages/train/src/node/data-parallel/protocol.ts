import type { Player } from '@saddle/core';

/**
 * The messages between the main thread and the data-parallel workers. Jobs and replies travel
 * through MessagePorts; the shared `control` words say when every worker has replied (or one has
 * died), so the main thread can wait synchronously inside a `GameGradientFn`.
 */

/** Index into the control Int32Array: replies posted for the current job. */
export const DONE = 0;
/** Index into the control Int32Array: 1 + the index of a worker that died, 0 while all live. */
export const FAILED = 1;
/** Length of the control Int32Array. */
export const CONTROL_WORDS = 2;

/** Tensor names → shapes, per player. */
export type Layout = Readonly<Record<Player, Readonly<Record<string, readonly number[]>>>>;

/** Tensor names → values (row-major float32), per player. */
export type PlayerArrays = Readonly<Record<Player, Readonly<Record<string, Float32Array>>>>;

/** A tensor on the wire. */
export interface WireTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A `SaddleError` (or any error) on the wire, rebuilt on the main thread. */
export interface WireError {
  readonly problem: string;
  readonly code?: string;
  readonly field?: string;
  readonly value?: unknown;
  readonly fix?: string;
}

/** The parameter and state layouts every worker's game must have, sent at start-up. */
export interface StartupData {
  readonly params: Layout;
  readonly state: Layout;
}

/** One gradient evaluation on one shard. */
export interface GradientJob {
  readonly type: 'gradients';
  readonly players: readonly Player[];
  readonly params: PlayerArrays;
  readonly state: PlayerArrays;
  readonly real: WireTensor;
  readonly latents: WireTensor;
  /** The penalty's key for this shard, if the batch has an rng. */
  readonly rngKey: readonly [number, number] | undefined;
}

/** What a worker posts back. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | {
      readonly type: 'gradients';
      /** The requested players' gradients ({} for the other). */
      readonly grads: PlayerArrays;
      readonly losses: Readonly<Record<Player, number>>;
      readonly state: PlayerArrays;
    }
  | { readonly type: 'error'; readonly error: WireError };
