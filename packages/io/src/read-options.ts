/**
 * Options of the byte readers (`readTorchCheckpoint`, `readSafetensors`, `readNpy`).
 *
 * @example
 * ```ts
 * readNpy(bytes, { file: 'latents.npy' }); // errors read "latents.npy: ..."
 * ```
 */
export interface ReadOptions {
  /** The path, URL or name of the bytes' source, used in error messages; default "(bytes)". */
  readonly file?: string;
}
