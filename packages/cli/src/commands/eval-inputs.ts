import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import { readNpz } from '@saddle/io';
import { decodePng, inflateRaw, readFileBytes } from '@saddle/io/node';
import { createStatisticsAccumulator, statisticsFromNpz, type FeatureStatistics, type FidInception } from '@saddle/metrics';
import type { CliIo } from './train.js';

/** The PNG files of a directory, sorted by name; an empty or missing directory is refused. */
export async function listImages(dir: string, flag: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (cause) {
    throw new SaddleError(`cannot read the directory: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, {
      code: 'IO_ERROR', field: flag, value: dir, cause, fix: 'pass a directory of .png images or a .npz statistics file',
    });
  }
  const pngs = entries.filter((e) => e.toLowerCase().endsWith('.png')).sort();
  if (pngs.length === 0) {
    throw new SaddleError('holds no .png images', { code: 'INVALID_CONFIG', field: flag, value: dir, fix: 'pass a directory of .png images or a .npz statistics file' });
  }
  return pngs.map((p) => join(dir, p));
}

/** Decodes PNGs into one [n, h, w, 3] int32 tensor (RGB, alpha dropped); every image must have the first one's size. */
export async function readImageBatch(paths: readonly string[]): Promise<tf.Tensor4D> {
  let height = 0;
  let width = 0;
  let rgb = new Int32Array(0);
  for (const [i, path] of paths.entries()) {
    const image = decodePng(await readFileBytes(path), { file: path });
    if (i === 0) {
      ({ height, width } = image);
      rgb = new Int32Array(paths.length * height * width * 3);
    } else if (image.height !== height || image.width !== width) {
      throw new SaddleError(`is ${image.width}×${image.height}, unlike the ${width}×${height} images before it`, {
        code: 'INVALID_ARGUMENT', field: path, fix: 'use images of one size per directory (they are resized to 299×299 together)',
      });
    }
    const base = i * height * width * 3;
    for (let p = 0; p < height * width; p++) {
      for (let c = 0; c < 3; c++) rgb[base + p * 3 + c] = image.data[p * image.channels + c] as number;
    }
  }
  return tf.tensor4d(rgb, [paths.length, height, width, 3], 'int32');
}

/**
 * Runs the extractor over a directory of PNGs in batches, handing each batch's outputs to `consume`
 * (which must not keep the tensors) and printing progress to stderr.
 */
export async function forEachBatch(
  dir: string, flag: string, extractor: FidInception, batch: number, io: CliIo,
  consume: (features: tf.Tensor2D, logits: tf.Tensor2D) => Promise<void>,
): Promise<number> {
  const paths = await listImages(dir, flag);
  const started = performance.now();
  for (let start = 0; start < paths.length; start += batch) {
    const images = await readImageBatch(paths.slice(start, start + batch));
    try {
      const { features, logits } = await extractor.extractWithLogits(images);
      try {
        await consume(features, logits);
      } finally {
        tf.dispose([features, logits]);
      }
    } finally {
      images.dispose();
    }
    const done = Math.min(paths.length, start + batch);
    const rate = done / ((performance.now() - started) / 1000);
    io.stderr.write(`${flag.slice(2)}: ${done}/${paths.length} images (${rate.toFixed(1)} images/s)\n`);
  }
  return paths.length;
}

/** Statistics of `--real`/`--fake`: read from a .npz, or computed from a directory of PNGs. */
export async function statisticsOf(
  source: string, flag: string, extractor: () => Promise<FidInception>, batch: number, io: CliIo,
): Promise<FeatureStatistics> {
  if (source.toLowerCase().endsWith('.npz')) return statisticsFromNpz(readNpz(await readFileBytes(source), { file: source, inflateRaw }), { file: source });
  const net = await extractor();
  const acc = createStatisticsAccumulator(net.featureSize, { extractor: net.name });
  await forEachBatch(source, flag, net, batch, io, (features) => acc.add(features));
  return acc.statistics();
}

/** All pool3 features (or logits) of a directory of PNGs, as one host matrix. */
export async function featuresOf(
  dir: string, flag: string, net: FidInception, batch: number, io: CliIo, which: 'features' | 'logits',
): Promise<{ values: Float32Array; shape: [number, number] }> {
  const rows: Float32Array[] = [];
  await forEachBatch(dir, flag, net, batch, io, async (features, logits) => {
    rows.push(await (which === 'features' ? features : logits).data() as Float32Array);
  });
  const width = which === 'features' ? net.featureSize : net.numClasses;
  const values = new Float32Array(rows.reduce((s, r) => s + r.length, 0));
  let at = 0;
  for (const r of rows) {
    values.set(r, at);
    at += r.length;
  }
  return { values, shape: [values.length / width, width] };
}
