// FID and KID between real and generated samples in the features of any FeatureExtractor (core's
// contract), here the user's randomProjection of custom-pieces.mjs; the metric math is @saddle/metrics'.
import * as tf from '@tensorflow/tfjs-core';
import { featuresToStatistics, frechetDistance, kernelInceptionDistance } from '@saddle/metrics';

/**
 * FID = ‖μ_r − μ_f‖² + Tr Σ_r + Tr Σ_f − 2 Tr((Σ_r Σ_f)^{1/2}) and KID (unbiased MMD², polynomial kernel,
 * `kid` options) between `real` and `fake` images [n, ...] in `extractor`'s features. The caller keeps
 * ownership of the images; the features are freed here.
 */
export async function sampleDistances(extractor, real, fake, kid = {}) {
  const featuresReal = await extractor.extract(real);
  const featuresFake = await extractor.extract(fake);
  try {
    const options = { extractor: extractor.name };
    const fid = frechetDistance(await featuresToStatistics(featuresReal, options), await featuresToStatistics(featuresFake, options));
    return { fid, kid: await kernelInceptionDistance(featuresReal, featuresFake, { ...options, ...kid }) };
  } finally {
    tf.dispose([featuresReal, featuresFake]);
  }
}
