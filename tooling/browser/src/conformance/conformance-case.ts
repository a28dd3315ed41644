import type * as tf from '@tensorflow/tfjs-core';

/**
 * One conformance check: outputs computed on the backend under test, against either a closed
 * form (float64 on the host) or the same computation on the cpu reference backend.
 */
export interface ConformanceCase {
  /** Test name: the op, what is differentiated, and what it is compared with. */
  readonly name: string;
  /**
   * The outputs on the active backend; the runner reads and disposes them, then checks that no
   * other tensor was left behind. Throws to fail the case with its own reason.
   */
  compute(): tf.Tensor[] | Promise<tf.Tensor[]>;
  /** Expected values from a closed form; when absent, `compute` runs again on the cpu backend. */
  readonly closedForm?: () => number[][];
  /** Backends this case does not run on, each with its reason (written beside the case, as `describeWithBackends`'s `skip`). */
  readonly skip?: Readonly<Record<string, string>>;
}
