/**
 * A finite, indexed set of examples held or reachable on the host: decoded files, an in-memory
 * array, or examples rendered on demand. `batched(set)` turns one into a seeded `BatchSource`.
 *
 * Layout: example i is a row-major float32 block of `exampleShape` (images NHWC: [height, width,
 * channels], channels in the order each loader documents), with values in the set's stated range
 * (images: [−1, 1]).
 *
 * @example
 * ```ts
 * const set: ExampleSet = arraySet({ name: 'xor', data: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), exampleShape: [2] });
 * const x = await set.read(Int32Array.of(3, 0)); // Float32Array [1, 1, 0, 0]
 * ```
 */
export interface ExampleSet {
  /** Short name for logs and errors, e.g. `"cifar-10"`. */
  readonly name: string;
  /** Number of examples N ≥ 1. */
  readonly size: number;
  /** Shape of one example, e.g. `[32, 32, 3]` (HWC) or `[2]`. */
  readonly exampleShape: readonly number[];
  /** Integer class of each example (length N), or `undefined` for an unlabelled set. */
  readonly labels: Int32Array | undefined;
  /** Names of the classes, indexed by label, where known. */
  readonly classNames: readonly string[] | undefined;
  /**
   * The examples at `indices` as one row-major float32 array of shape [indices.length,
   * ...exampleShape]. May decode files; refuses an index outside [0, N) with a SaddleError.
   */
  read(indices: Int32Array): Promise<Float32Array>;
}
