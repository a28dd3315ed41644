import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import type { FeatureMatrix, Features } from '../features.js';

/** Features read to the host in float64, row-major [n, d]. */
export interface HostFeatures {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

/**
 * Reads `[n, d]` features (a tensor, read with `await data()`, or a host matrix) into float64,
 * refusing wrong ranks and lengths, fewer than `minRows` rows, a width other than `width`, and
 * non-finite values, each with a `SaddleError` naming `field`.
 */
export async function readFeatures(features: Features, field: string, minRows: number, width?: number): Promise<HostFeatures> {
  let n: number;
  let d: number;
  let values: ArrayLike<number>;
  if (features instanceof tf.Tensor) {
    if (features.rank !== 2) {
      throw new SaddleError('features must be a rank-2 [n, d] tensor', {
        code: 'SHAPE_MISMATCH', field, value: features.shape, fix: 'reshape to [n, featureSize]',
      });
    }
    [n, d] = features.shape as [number, number];
    values = await features.data<'float32'>();
  } else {
    ({ values } = features as FeatureMatrix);
    [n, d] = (features as FeatureMatrix).shape;
    if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1 || values.length !== n * d) {
      throw new SaddleError('values must hold shape[0]·shape[1] numbers, row-major', {
        code: 'SHAPE_MISMATCH', field, value: { shape: [n, d], length: values.length }, fix: 'pass { values, shape: [n, d] } with values.length = n·d',
      });
    }
  }
  if (width !== undefined && d !== width) {
    throw new SaddleError(`features must have ${width} columns`, {
      code: 'SHAPE_MISMATCH', field, value: [n, d], fix: `pass [n, ${width}] features`,
    });
  }
  if (n < minRows) {
    throw new SaddleError(`at least ${minRows} rows are needed`, {
      code: 'INVALID_ARGUMENT', field, value: n, fix: `pass at least ${minRows} samples`,
    });
  }
  const data = Float64Array.from(values);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new SaddleError(`features must be finite (row ${Math.floor(i / d)}, column ${i % d})`, {
        code: 'NON_FINITE', field, value: data[i], fix: 'check the extractor output for NaN or Infinity',
      });
    }
  }
  return { data, n, d };
}
