import { createHash } from 'node:crypto';

/**
 * The SHA-256 digest of `bytes` as 64 lowercase hex digits (`sha256sum`'s output).
 *
 * @example
 * ```ts
 * sha256Hex(await readFileBytes('G.pth')) === manifest.pth_sha256;
 * ```
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
