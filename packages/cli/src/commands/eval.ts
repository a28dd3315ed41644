import { availableParallelism } from 'node:os';
import { SaddleError, useBackend } from '@saddle/core';
import { writeNpz } from '@saddle/io';
import { readFileBytes, writeFileAtomic } from '@saddle/io/node';
import {
  FID_INCEPTION_FILE, fidInception, frechetDistance, inceptionScoreFromLogits, kernelInceptionDistance,
  loadFidInceptionWeights, precisionRecall, statisticsToNpz, type FidInception,
} from '@saddle/metrics';
import { parallelFidInception, type WorkerBackend } from '@saddle/metrics/node';
import { backendRegistry } from '../registries.js';
import { choiceOption, numberOption, parseFlags, type FlagValues } from './args.js';
import { featuresOf, statisticsOf } from './eval-inputs.js';
import type { CliIo } from './train.js';

const FLAGS = {
  real: { type: 'string' },
  fake: { type: 'string' },
  images: { type: 'string' },
  weights: { type: 'string' },
  'weights-sha256': { type: 'string' },
  protocol: { type: 'string' },
  batch: { type: 'string' },
  workers: { type: 'string' },
  backend: { type: 'string' },
  splits: { type: 'string' },
  subsets: { type: 'string' },
  'subset-size': { type: 'string' },
  k: { type: 'string' },
  'save-stats': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const METRICS = ['fid', 'is', 'kid', 'prc'] as const;

/** `--backend` for worker threads: the module each worker imports (resolved here, where the CLI's dependencies are visible) and its factory. */
const WORKER_BACKENDS: Readonly<Record<'wasm' | 'cpu', () => WorkerBackend>> = {
  wasm: () => ({ module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' }),
  cpu: () => ({ module: import.meta.resolve('@saddle/backend-cpu'), export: 'cpu' }),
};

/** `saddle eval --help`. */
export const EVAL_HELP = `saddle eval: FID, Inception Score, KID and precision/recall with the FID Inception network

Usage: saddle eval fid --real DIR|FILE.npz --fake DIR|FILE.npz [--weights FILE] [--save-stats OUT.npz]
       saddle eval is  --images DIR --weights FILE [--splits 10]
       saddle eval kid --real DIR --fake DIR --weights FILE [--subsets 100] [--subset-size 1000]
       saddle eval prc --real DIR --fake DIR --weights FILE [--k 3]
       common: [--weights-sha256 HEX] [--protocol tf1|torch] [--batch N] [--workers N] [--backend wasm|cpu]
               [--json]

Inputs:
  DIR                a directory of .png images of one size (RGB; grayscale is repeated to 3 channels),
                     read in name order
  FILE.npz           statistics { mu, sigma } as pytorch-fid (--save-stats) and TTUR write them
                     (np.savez or np.savez_compressed); Saddle's own also record n and the extractor

Flags:
  --weights FILE     the FID Inception weights: pytorch-fid's ${FID_INCEPTION_FILE}
                     (https://github.com/mseitzer/pytorch-fid/releases, fid_weights), or a .safetensors copy
                     of its state_dict; never downloaded. Needed unless both FID inputs are .npz
  --weights-sha256 H expected sha256 (a prefix of >= 8 hex digits); default for the full .pth: 6726825d
  --protocol P       tf1 (default: TF1 bilinear resize, (x - 128)/128, as the TF graph and torch-fidelity)
                     or torch (pytorch-fid: x/255, F.interpolate bilinear, 2x - 1)
  --batch N          images per forward pass (default 16); results do not depend on it
  --workers N        worker threads extracting features, each with its own backend instance (default:
                     the number of cores); 1 extracts in this thread. Results do not depend on it
  --backend NAME     wasm (default) or cpu
  --splits N         IS splits (default 10)
  --subsets N        KID subsets (default 100), each of --subset-size samples (default 1000, at most n)
  --k K              precision/recall neighbourhood: k-th nearest neighbour (default 3)
  --save-stats FILE  fid: write the statistics computed from --real DIR as .npz
  --json             print the result as JSON (value, terms and protocol)
  -h, --help         show this help

Statistics made with different networks, weights or protocols are refused. FID is biased upward for
small n: compare only runs with the same n.
`;

/**
 * `saddle eval fid|is|kid|prc`: builds the FID Inception network from `--weights`, extracts features of
 * image directories (or reads .npz statistics), and prints the metric with its protocol. Resolves to
 * the exit code.
 *
 * @example
 * ```ts
 * const code = await evalCommand(['fid', '--real', 'real/', '--fake', 'fake/', '--weights', 'pt_inception-2015-12-05-6726825d.pth'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function evalCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [metric, ...rest] = argv;
  if (metric === '-h' || metric === '--help') {
    io.stdout.write(EVAL_HELP);
    return 0;
  }
  if (metric === undefined || !(METRICS as readonly string[]).includes(metric)) {
    throw new SaddleError(metric === undefined ? 'needs a metric' : 'unknown metric', {
      code: 'INVALID_CONFIG', field: 'saddle eval', value: metric, fix: `write saddle eval ${METRICS.join('|')} ...`,
    });
  }
  const values = parseFlags(rest, FLAGS, `saddle eval ${metric}`);
  if (values.help === true) {
    io.stdout.write(EVAL_HELP);
    return 0;
  }
  const batch = numberOption(values, 'batch', 16, { integer: true, min: 1, max: 1024 });
  const protocol = choiceOption(values, 'protocol', 'tf1', ['tf1', 'torch'] as const);
  const backend = choiceOption(values, 'backend', 'wasm', ['wasm', 'cpu'] as const);
  const workers = numberOption(values, 'workers', availableParallelism(), { integer: true, min: 1, max: 256 });
  // Images read per step: one forward pass for every worker.
  const step = batch * workers;
  const required = (flag: string): string => {
    const v = values[flag];
    if (typeof v !== 'string' || v === '') {
      throw new SaddleError('is required', { code: 'INVALID_CONFIG', field: `--${flag}`, fix: `see saddle eval --help` });
    }
    return v;
  };

  let net: FidInception | undefined;
  const extractor = async (): Promise<FidInception> => {
    if (net !== undefined) return net;
    const path = typeof values.weights === 'string' && values.weights !== '' ? values.weights : undefined;
    if (path === undefined) {
      throw new SaddleError('is required to extract features from images', {
        code: 'INVALID_CONFIG', field: '--weights',
        fix: `pass --weights ${FID_INCEPTION_FILE} (pytorch-fid's release: https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/${FID_INCEPTION_FILE}); nothing is downloaded`,
      });
    }
    const sha256 = typeof values['weights-sha256'] === 'string' ? values['weights-sha256'] : undefined;
    const weights = await loadFidInceptionWeights(await readFileBytes(path), { file: path, ...(sha256 === undefined ? {} : { sha256 }) });
    await useBackend(backendRegistry[backend]());
    net = workers === 1
      ? fidInception(weights, { protocol, batchSize: batch })
      : await parallelFidInception(weights, { protocol, batchSize: batch, workers, backend: WORKER_BACKENDS[backend]() });
    io.stderr.write(`network: ${net.name} (${net.featureSize}-d pool3), backend ${backend}, ${workers === 1 ? 'in this thread' : `${workers} worker threads`}\n`);
    return net;
  };

  try {
    const result = metric === 'fid' ? await runFid(values, required, extractor, step, io)
      : metric === 'is' ? await runIs(values, required, extractor, step, io)
      : metric === 'kid' ? await runKid(values, required, extractor, step, io)
      : await runPrc(values, required, extractor, step, io);
    io.stdout.write(values.json === true ? `${JSON.stringify(result.json, null, 2)}\n` : result.text);
    return 0;
  } finally {
    net?.dispose();
  }
}

interface Output {
  readonly json: unknown;
  readonly text: string;
}
type Required = (flag: string) => string;
type Extractor = () => Promise<FidInception>;

async function runFid(values: FlagValues, required: Required, extractor: Extractor, batch: number, io: CliIo): Promise<Output> {
  const realPath = required('real');
  const fakePath = required('fake');
  const save = values['save-stats'];
  if (save !== undefined && (typeof save !== 'string' || save === '' || realPath.toLowerCase().endsWith('.npz'))) {
    throw new SaddleError('needs --real DIR and a file name', { code: 'INVALID_CONFIG', field: '--save-stats', value: save, fix: 'write --save-stats OUT.npz with --real DIR' });
  }
  const real = await statisticsOf(realPath, '--real', extractor, batch, io);
  if (typeof save === 'string') await writeFileAtomic(save, writeNpz(statisticsToNpz(real)));
  const fake = await statisticsOf(fakePath, '--fake', extractor, batch, io);
  const fid = frechetDistance(real, fake);
  const p = fid.protocol;
  return {
    json: fid,
    text: [
      `FID      ${fid.value.toFixed(4)}  (‖μ₁−μ₂‖² ${fid.meanTerm.toFixed(4)}, covariance term ${fid.covarianceTerm.toFixed(4)})`,
      `network  ${p.extractor ?? 'unknown (both inputs are .npz without an extractor id)'}`,
      `samples  real ${p.nReal || 'unknown'}, fake ${p.nFake || 'unknown'}; d = ${p.featureSize}; method ${p.method}`,
      ...(p.extractor !== undefined && (real.extractor === undefined || fake.extractor === undefined)
        ? [`note     ${real.extractor === undefined ? realPath : fakePath} records no network or protocol (pytorch-fid/TTUR file): make sure it was made with the same ones`]
        : []),
      ...(typeof save === 'string' ? [`saved    real statistics to ${save}`] : []),
      '',
    ].join('\n'),
  };
}

async function runIs(values: FlagValues, required: Required, extractor: Extractor, batch: number, io: CliIo): Promise<Output> {
  const dir = required('images');
  const splits = numberOption(values, 'splits', 10, { integer: true, min: 1 });
  const net = await extractor();
  const logits = await featuresOf(dir, '--images', net, batch, io, 'logits');
  const score = await inceptionScoreFromLogits(logits, { splits, extractor: net.name });
  return {
    json: score,
    text: `IS       ${score.mean.toFixed(4)} ± ${score.std.toFixed(4)}  (${splits} splits of ${logits.shape[0]} images)\nnetwork  ${net.name}\n`,
  };
}

async function runKid(values: FlagValues, required: Required, extractor: Extractor, batch: number, io: CliIo): Promise<Output> {
  const realDir = required('real');
  const fakeDir = required('fake');
  const net = await extractor();
  const real = await featuresOf(realDir, '--real', net, batch, io, 'features');
  const fake = await featuresOf(fakeDir, '--fake', net, batch, io, 'features');
  const subsets = numberOption(values, 'subsets', 100, { integer: true, min: 1 });
  const subsetSize = numberOption(values, 'subset-size', Math.min(1000, real.shape[0], fake.shape[0]), { integer: true, min: 2 });
  const kid = await kernelInceptionDistance(real, fake, { subsets, subsetSize, extractor: net.name });
  return {
    json: kid,
    text: `KID      ${kid.mean.toExponential(4)} ± ${kid.std.toExponential(4)}  (${subsets} subsets of ${subsetSize})\nnetwork  ${net.name}\n`,
  };
}

async function runPrc(values: FlagValues, required: Required, extractor: Extractor, batch: number, io: CliIo): Promise<Output> {
  const realDir = required('real');
  const fakeDir = required('fake');
  const k = numberOption(values, 'k', 3, { integer: true, min: 1 });
  const net = await extractor();
  const real = await featuresOf(realDir, '--real', net, batch, io, 'features');
  const fake = await featuresOf(fakeDir, '--fake', net, batch, io, 'features');
  const prc = await precisionRecall(real, fake, { k, extractor: net.name });
  return {
    json: prc,
    text: `precision ${prc.precision.toFixed(4)}, recall ${prc.recall.toFixed(4)}  (k = ${k}; ${real.shape[0]} real, ${fake.shape[0]} fake)\nnetwork  ${net.name}\n`,
  };
}
