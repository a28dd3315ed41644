import { SaddleError } from '@saddle/core';

/**
 * Splits a batch of `batchSize` rows into `shards` contiguous shards whose sizes differ by at most
 * one (the first `batchSize mod shards` get one more): [start, end) per shard.
 */
export function shardBounds(batchSize: number, shards: number): Array<readonly [number, number]> {
  if (batchSize < shards) {
    throw new SaddleError(`a batch of ${batchSize} cannot be split across ${shards} workers`, {
      code: 'INVALID_ARGUMENT', field: 'batchSize', value: batchSize, fix: `use a batch size ≥ ${shards}, or fewer workers`,
    });
  }
  const base = Math.floor(batchSize / shards);
  const extra = batchSize % shards;
  const bounds: Array<readonly [number, number]> = [];
  let start = 0;
  for (let s = 0; s < shards; s++) {
    const end = start + base + (s < extra ? 1 : 0);
    bounds.push([start, end]);
    start = end;
  }
  return bounds;
}

/**
 * Σ_s w_s · x_s elementwise, accumulated in float64 in shard order and rounded once to float32,
 * so the result depends only on the shard values and the order, never on which worker finished
 * first. With one shard and w = 1 it returns x exactly.
 */
export function weightedSum(parts: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const first = parts[0]!;
  const out = new Float32Array(first.length);
  for (let j = 0; j < out.length; j++) {
    let sum = 0;
    for (let s = 0; s < parts.length; s++) sum += weights[s]! * parts[s]![j]!;
    out[j] = sum;
  }
  return out;
}
