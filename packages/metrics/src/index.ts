export { modeCoverage } from './mode-coverage.js';
export type { ModeCoverage, ModeCoverageOptions, Point2 } from './mode-coverage.js';
export type { FeatureMatrix, Features } from './features.js';
export { createStatisticsAccumulator, featuresToStatistics } from './statistics.js';
export type { FeatureStatistics, StatisticsAccumulator, StatisticsOptions } from './statistics.js';
export { frechetDistance } from './frechet-distance.js';
export type { FrechetDistance, FrechetDistanceOptions, TraceSqrtMethod } from './frechet-distance.js';
export { inceptionScoreFromLogits } from './inception-score.js';
export type { InceptionScore, InceptionScoreOptions } from './inception-score.js';
export { kernelInceptionDistance } from './kernel-inception-distance.js';
export type { KernelInceptionDistance, KernelInceptionDistanceOptions } from './kernel-inception-distance.js';
export { precisionRecall } from './precision-recall.js';
export type { PrecisionRecall, PrecisionRecallOptions } from './precision-recall.js';
export { fidInception } from './inception/fid-inception.js';
export type { FidInception, FidInceptionOptions } from './inception/fid-inception.js';
export {
  FID_INCEPTION_FILE, FID_INCEPTION_SHA256_PREFIX, INCEPTION_BATCH_NORM_EPS, loadFidInceptionWeights,
} from './inception/weights.js';
export type { FidInceptionWeights, FoldedConvWeights, LoadFidInceptionOptions } from './inception/weights.js';
export { CHANNEL_DIVISORS, INCEPTION_CLASSES, inceptionConvs } from './inception/architecture.js';
export type { BasicConvSpec } from './inception/architecture.js';
export {
  INCEPTION_SIZE, preprocessForInception, quantizeToUint8, resizeBilinearTf1, resizeBilinearTorch,
} from './inception/preprocess.js';
export type { InceptionProtocol } from './inception/preprocess.js';
export { statisticsFromNpz, statisticsToNpz } from './npz-statistics.js';
