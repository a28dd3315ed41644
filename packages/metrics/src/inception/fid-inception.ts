import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type FeatureExtractor } from '@saddle/core';
import { INCEPTION_CLASSES } from './architecture.js';
import { inceptionForward, type FoldedConv } from './forward.js';
import { INCEPTION_SIZE, preprocessForInception, type InceptionProtocol } from './preprocess.js';
import type { FidInceptionWeights } from './weights.js';

/**
 * Options of `fidInception`.
 *
 * @example
 * ```ts
 * fidInception(weights, { protocol: 'torch', batchSize: 32 } satisfies FidInceptionOptions);
 * ```
 */
export interface FidInceptionOptions {
  /** Preprocessing protocol (default `'tf1'`, the TF graph's and torch-fidelity's). */
  readonly protocol?: InceptionProtocol;
  /** Images per forward pass inside `extract` (default 16); results do not depend on it beyond float32 rounding. */
  readonly batchSize?: number;
}

/**
 * The FID Inception network as a `FeatureExtractor`, with the 1008-way logits for IS.
 *
 * @example
 * ```ts
 * const net: FidInception = fidInception(weights);
 * const { features, logits } = await net.extractWithLogits(images);
 * ```
 */
export interface FidInception extends FeatureExtractor {
  readonly protocol: InceptionProtocol;
  readonly weightsId: string;
  readonly numClasses: number;
  /** pool3 features and unbiased logits pool3·W ([n, 1008]) in one pass; the caller disposes both. */
  extractWithLogits(images: tf.Tensor4D): Promise<{ features: tf.Tensor2D; logits: tf.Tensor2D }>;
}

/**
 * Builds the FID Inception-v3 network of pytorch-fid / torch-fidelity (the TF inception-2015-12-05
 * graph) from loaded weights. `extract(images)` takes uint8-valued NHWC images ([n, h, w, 3] or
 * grayscale [n, h, w, 1], values 0–255), preprocesses them under `protocol`, and returns pool3, the
 * [n, 2048] global average of Mixed_7c (FID's features); `extractWithLogits` also returns the
 * unbiased logits pool3·W for the Inception Score (OpenAI / torch-fidelity: no bias, softmax over
 * all 1008 classes). `name` records network, weights and protocol, so `frechetDistance` refuses to mix
 * statistics made differently. The extractor owns its weight tensors until `dispose()`; returned
 * features are the caller's.
 *
 * @example
 * ```ts
 * const extractor = fidInception(await loadFidInceptionWeights(bytes, { file }), { protocol: 'tf1' });
 * const acc = createStatisticsAccumulator(extractor.featureSize, { extractor: extractor.name });
 * const features = await extractor.extract(images); // [n, 2048]
 * await acc.add(features);
 * features.dispose();
 * extractor.dispose();
 * ```
 */
export function fidInception(weights: FidInceptionWeights, options: FidInceptionOptions = {}): FidInception {
  const { protocol, batchSize } = resolveFidInceptionOptions(options);
  const description = describeFidInception(weights, protocol);
  const featureSize = description.featureSize;
  const convs = new Map<string, FoldedConv>();
  for (const c of weights.convs) {
    const [kh, kw] = c.spec.kernel;
    convs.set(c.spec.torch, {
      spec: c.spec,
      kernel: tf.tensor4d(c.kernel, [kh, kw, c.spec.in, c.spec.out]),
      bias: tf.tensor1d(c.bias),
    });
  }
  const fcKernel = tf.tensor2d(weights.fcKernel, [featureSize, INCEPTION_CLASSES]);
  const net = { convs, fcKernel };
  let disposed = false;

  const run = (images: tf.Tensor4D): { features: tf.Tensor2D; logits: tf.Tensor2D } => {
    if (disposed) {
      throw new SaddleError('the extractor was disposed', { code: 'INVALID_ARGUMENT', field: 'extractor', fix: 'build a new one with fidInception(weights)' });
    }
    const n = images.shape[0];
    const parts: { pool3: tf.Tensor2D; logits: tf.Tensor2D }[] = [];
    try {
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        parts.push(tf.tidy(() => {
          const chunk = start === 0 && size === n ? images : tf.slice(images, [start, 0, 0, 0], [size, -1, -1, -1]);
          return inceptionForward(net, preprocessForInception(chunk, protocol));
        }));
      }
      if (parts.length === 1) {
        const only = parts[0] as { pool3: tf.Tensor2D; logits: tf.Tensor2D };
        return { features: only.pool3, logits: only.logits };
      }
      return {
        features: tf.concat2d(parts.map((p) => p.pool3), 0),
        logits: tf.concat2d(parts.map((p) => p.logits), 0),
      };
    } finally {
      if (parts.length > 1) for (const p of parts) tf.dispose([p.pool3, p.logits]);
    }
  };

  return {
    ...description,
    async extract(images) {
      const { features, logits } = run(images);
      logits.dispose();
      return features;
    },
    async extractWithLogits(images) {
      return run(images);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const c of convs.values()) tf.dispose([c.kernel, c.bias]);
      fcKernel.dispose();
    },
  };
}

/** The options with their defaults, checked (shared by `fidInception` and `parallelFidInception`). */
export function resolveFidInceptionOptions(options: FidInceptionOptions): { protocol: InceptionProtocol; batchSize: number } {
  const protocol = options.protocol ?? 'tf1';
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new SaddleError('batchSize must be a positive integer', { code: 'INVALID_ARGUMENT', field: 'batchSize', value: batchSize, fix: 'pass e.g. 16' });
  }
  return { protocol, batchSize };
}

/** The extractor's identity (name, sizes, preprocessing) for these weights and protocol, without building the network. */
export function describeFidInception(
  weights: FidInceptionWeights, protocol: InceptionProtocol,
): Pick<FidInception, 'name' | 'featureSize' | 'numClasses' | 'protocol' | 'weightsId' | 'preprocessing'> {
  return {
    name: `fid-inception-v3/${weights.id}/${protocol}`,
    featureSize: 2048 / weights.channelDivisor,
    numClasses: INCEPTION_CLASSES,
    protocol,
    weightsId: weights.id,
    preprocessing: { size: INCEPTION_SIZE, resize: protocol === 'tf1' ? 'bilinear-tf1' : 'bilinear-torch', range: [0, 255] },
  };
}
