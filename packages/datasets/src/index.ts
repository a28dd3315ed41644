// Browser-safe entry: no Node built-ins. Local files, the Node image decoder and image folders
// are in '@saddle/datasets/node'.
export type { ExampleSet } from './example-set.js';
export { arraySet } from './array-set.js';
export type { ArraySetOptions, HostArray } from './array-set.js';
export { batched, batchesPerEpoch, hostBatches, MAX_BATCH_SIZE } from './pipeline.js';
export type { DatasetSource, HostBatch, LabelledBatch, PipelineDefaults, PipelineOptions, ResumableSource } from './pipeline.js';

export { gaussianMixture } from './gaussian-mixture.js';
export type { GaussianMixtureOptions, GaussianMixtureSource, Point2 } from './gaussian-mixture.js';
export { gaussianRing } from './gaussian-ring.js';
export type { GaussianRingOptions } from './gaussian-ring.js';
export { gaussianGrid } from './gaussian-grid.js';
export type { GaussianGridOptions } from './gaussian-grid.js';
export { ganLabDistribution } from './ganlab-distributions.js';
export type { GanLabDistributionName } from './ganlab-distributions.js';
export { twoCluster } from './two-cluster.js';
export type { TwoClusterOptions, TwoClusterSource } from './two-cluster.js';
export { fiveGaussians } from './five-gaussians.js';
export type { FiveGaussiansOptions, FiveGaussiansSource } from './five-gaussians.js';
export { spikedCovariance } from './spiked-covariance.js';
export type { SpikedCovarianceOptions, SpikedCovarianceSource } from './spiked-covariance.js';
export { hostNormal } from './host-normal.js';

export { coloredShapes, SHAPE_CLASSES, SHAPE_IMAGE_SIZE } from './colored-shapes.js';
export type { ColoredShapesOptions, ShapeClass, ShapeKind } from './colored-shapes.js';
export { classifyShapeImages, shapeModeCoverage } from './shape-modes.js';
export type { ShapeModeCoverage } from './shape-modes.js';

export { blobSource, memorySource, urlSource } from './byte-source.js';
export type { ByteSource } from './byte-source.js';
export { DEFAULT_MAX_DECOMPRESSED_BYTES, gunzip, isGzip } from './gunzip.js';
export { readIdx } from './idx.js';
export type { IdxArray, IdxDataType, ReadIdxOptions } from './idx.js';
export { FASHION_MNIST_CLASSES, loadMnist, MNIST_CLASSES } from './mnist.js';
export type { MnistOptions } from './mnist.js';
export { CIFAR10_CLASSES, loadCifar10, loadCifar100 } from './cifar.js';
export type { Cifar100Options } from './cifar.js';
export { loadStl10, STL10_CLASSES } from './stl10.js';
export type { Stl10Options } from './stl10.js';
export { loadNpy, readNpy } from './npy.js';
export type { NpyArray, NpyDataType, NpyOptions } from './npy.js';
export { CELEBA_PREPROCESSING, imageEntry, imageFiles } from './image-files.js';
export type { DecodedImage, ImageDecoder, ImageEntry, ImageFilesOptions, ImageSize } from './image-files.js';
export { canvasImageDecoder } from './canvas-image-decoder.js';
