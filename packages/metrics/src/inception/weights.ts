import { SaddleError } from '@saddle/core';
import { readSafetensors, readTorchCheckpoint, type NamedArray } from '@saddle/io';
import { CHANNEL_DIVISORS, INCEPTION_CLASSES, inceptionConvs, type BasicConvSpec } from './architecture.js';

/**
 * ε of every batch norm in the network (`nn.BatchNorm2d(out, eps=0.001)` in `BasicConv2d`).
 *
 * @example
 * ```ts
 * const s = gamma / Math.sqrt(runningVar + INCEPTION_BATCH_NORM_EPS);
 * ```
 */
export const INCEPTION_BATCH_NORM_EPS = 0.001;
/**
 * pytorch-fid's weights file (the TF 2015-12-05 graph ported to PyTorch; torch-fidelity ships the same weights).
 *
 * @example
 * ```ts
 * const bytes = await readFileBytes(FID_INCEPTION_FILE);
 * ```
 */
export const FID_INCEPTION_FILE = 'pt_inception-2015-12-05-6726825d.pth';
/**
 * The known SHA-256 prefix of that file: by torch.hub's naming convention the hex after the last "-" is
 * the start of the file's sha256. Recorded from the published file name; not verified here (the file
 * cannot be downloaded in this environment).
 *
 * @example
 * ```ts
 * weights.sha256.startsWith(FID_INCEPTION_SHA256_PREFIX); // true for the standard file
 * ```
 */
export const FID_INCEPTION_SHA256_PREFIX = '6726825d';
const SOURCE = 'https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth';

/**
 * One convolution with batch norm folded in, on the host: kernel HWIO, bias [out].
 *
 * @example
 * ```ts
 * const { spec, kernel, bias }: FoldedConvWeights = weights.convs[0];
 * ```
 */
export interface FoldedConvWeights {
  readonly spec: BasicConvSpec;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/**
 * The FID Inception weights ready for `fidInception`, on the host.
 *
 * @example
 * ```ts
 * const weights: FidInceptionWeights = await loadFidInceptionWeights(bytes, { file });
 * ```
 */
export interface FidInceptionWeights {
  /** `"pt_inception-2015-12-05-6726825d"` for the standard file, else `"inception-sha256:<16 hex>"`. */
  readonly id: string;
  /** SHA-256 of the file's bytes, 64 hex digits. */
  readonly sha256: string;
  /** 1 for the real network; 2–16 for the thinner test copies of the same structure. */
  readonly channelDivisor: number;
  readonly convs: readonly FoldedConvWeights[];
  /** Head W = fc.weightᵀ, [2048/divisor, 1008] row-major (the bias is not used: IS takes unbiased logits). */
  readonly fcKernel: Float32Array;
}

/**
 * Options of `loadFidInceptionWeights`.
 *
 * @example
 * ```ts
 * const options: LoadFidInceptionOptions = { file: 'inception.safetensors', sha256: '3f2a9c1d' };
 * ```
 */
export interface LoadFidInceptionOptions {
  /** Path or name for messages. */
  readonly file?: string;
  /**
   * Expected SHA-256 of the file (a prefix of at least 8 hex digits, or all 64). Default: for a
   * full-width .pth file, the known prefix `6726825d` of pytorch-fid's file; otherwise none (the
   * hash is still recorded in `id`).
   */
  readonly sha256?: string;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // subtle.digest takes ArrayBuffer-backed views only: copy (≈ 95 MB for the real file) only when shared.
  const data = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : Uint8Array.from(bytes);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isTorchFile(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b) || bytes[0] === 0x80; // zip "PK" or a legacy pickle's PROTO
}

/**
 * Reads the FID Inception weights from the bytes of pytorch-fid's `pt_inception-2015-12-05-6726825d.pth`
 * (zip or legacy format, through `@saddle/io`'s safe unpickler) or of a safetensors file with the same
 * keys, checks the file's SHA-256 (see `sha256`), checks every key and shape against the architecture,
 * and folds each eval-mode batch norm into its convolution in float64:
 * s = γ/√(σ² + 0.001), kernel' = kernel·s, bias' = β − μ·s, so relu(bn(conv(x))) = relu(conv(x, kernel') + bias').
 * The channel divisor is read from `Conv2d_1a_3x3.conv.weight` (32/divisor output channels).
 * Nothing is downloaded.
 *
 * @example
 * ```ts
 * const bytes = await readFileBytes('pt_inception-2015-12-05-6726825d.pth'); // @saddle/io/node
 * const weights = await loadFidInceptionWeights(bytes, { file: 'pt_inception-2015-12-05-6726825d.pth' });
 * const extractor = fidInception(weights);
 * ```
 */
export async function loadFidInceptionWeights(bytes: Uint8Array, options: LoadFidInceptionOptions = {}): Promise<FidInceptionWeights> {
  const file = options.file ?? 'weights';
  if (bytes.length < 16) {
    throw new SaddleError(`${bytes.length} bytes is not a weights file`, {
      code: 'CORRUPT_FILE', field: file, value: bytes.length, fix: `pass ${FID_INCEPTION_FILE} (pytorch-fid's release: ${SOURCE})`,
    });
  }
  const torchFile = isTorchFile(bytes);
  const stateDict = torchFile ? readTorchCheckpoint(bytes, { file }) : readSafetensors(bytes, { file }).tensors;
  const first = stateDict['Conv2d_1a_3x3.conv.weight'];
  const divisor = first === undefined || first.shape.length !== 4 ? NaN : 32 / (first.shape[0] as number);
  if (!(CHANNEL_DIVISORS as readonly number[]).includes(divisor)) {
    throw new SaddleError(`not FID Inception weights (Conv2d_1a_3x3.conv.weight is ${first === undefined ? 'missing' : `[${first.shape.join(', ')}]`})`, {
      code: 'STRUCTURE_MISMATCH', field: file, value: first?.shape, fix: `pass ${FID_INCEPTION_FILE} from ${SOURCE}`,
    });
  }
  const sha256 = await sha256Hex(bytes);
  const expected = options.sha256?.toLowerCase() ?? (torchFile && divisor === 1 ? FID_INCEPTION_SHA256_PREFIX : undefined);
  if (expected !== undefined && (!/^[0-9a-f]{8,64}$/.test(expected) || !sha256.startsWith(expected))) {
    throw new SaddleError(`sha256 ${sha256} does not start with the expected ${expected}`, {
      code: 'INVALID_ARGUMENT', field: file, value: sha256,
      fix: `use the unmodified ${FID_INCEPTION_FILE} (${SOURCE}), or pass sha256: '${sha256.slice(0, 8)}' to accept this file on purpose`,
    });
  }
  return foldStateDict(stateDict, divisor, file, sha256);
}

function foldStateDict(stateDict: Readonly<Record<string, NamedArray>>, divisor: number, file: string, sha256: string): FidInceptionWeights {
  const specs = inceptionConvs(divisor);
  const d = 2048 / divisor;
  const shapes = new Map<string, number[]>([['fc.weight', [INCEPTION_CLASSES, d]], ['fc.bias', [INCEPTION_CLASSES]]]);
  for (const s of specs) {
    shapes.set(`${s.torch}.conv.weight`, [s.out, s.in, ...s.kernel]);
    for (const key of ['weight', 'bias', 'running_mean', 'running_var']) shapes.set(`${s.torch}.bn.${key}`, [s.out]);
  }
  const keys = Object.keys(stateDict).filter((k) => !k.endsWith('.bn.num_batches_tracked'));
  const missing = [...shapes.keys()].filter((k) => stateDict[k] === undefined);
  const extra = keys.filter((k) => !shapes.has(k));
  const wrong = [...shapes].filter(([k, shape]) => stateDict[k] !== undefined && stateDict[k].shape.join(',') !== shape.join(','));
  if (missing.length + extra.length + wrong.length > 0) {
    const list = (xs: string[]): string => `${xs.slice(0, 4).join(', ')}${xs.length > 4 ? `, … (${xs.length})` : ''}`;
    throw new SaddleError(`keys do not match the FID Inception network (channel divisor ${divisor}): missing [${list(missing)}], extra [${list(extra)}], wrong shape [${list(wrong.map(([k]) => k))}]`, {
      code: 'STRUCTURE_MISMATCH', field: file, value: { missing: missing.length, extra: extra.length, wrongShape: wrong.length },
      fix: `pass pytorch-fid's ${FID_INCEPTION_FILE} (or a safetensors copy of its state_dict)`,
    });
  }
  const values = (key: string): ArrayLike<number> => {
    const a = stateDict[key] as NamedArray;
    if (a.data instanceof BigInt64Array) {
      throw new SaddleError(`${key} is ${a.dtype}, not floating point`, { code: 'INVALID_ARGUMENT', field: `${file}["${key}"]`, value: a.dtype, fix: 'save float32 weights' });
    }
    return a.data;
  };
  const convs = specs.map((spec) => {
    const w = values(`${spec.torch}.conv.weight`);
    const gamma = values(`${spec.torch}.bn.weight`);
    const beta = values(`${spec.torch}.bn.bias`);
    const mean = values(`${spec.torch}.bn.running_mean`);
    const variance = values(`${spec.torch}.bn.running_var`);
    const [kh, kw] = spec.kernel;
    const kernel = new Float32Array(kh * kw * spec.in * spec.out);
    const bias = new Float32Array(spec.out);
    for (let o = 0; o < spec.out; o++) {
      const s = (gamma[o] as number) / Math.sqrt((variance[o] as number) + INCEPTION_BATCH_NORM_EPS);
      bias[o] = (beta[o] as number) - (mean[o] as number) * s;
      // PyTorch OIHW [o][i][y][x] → HWIO [y][x][i][o].
      for (let i = 0; i < spec.in; i++) {
        for (let y = 0; y < kh; y++) {
          for (let x = 0; x < kw; x++) kernel[((y * kw + x) * spec.in + i) * spec.out + o] = (w[((o * spec.in + i) * kh + y) * kw + x] as number) * s;
        }
      }
    }
    return { spec, kernel, bias };
  });
  const fc = values('fc.weight');
  const fcKernel = new Float32Array(d * INCEPTION_CLASSES);
  for (let k = 0; k < INCEPTION_CLASSES; k++) for (let j = 0; j < d; j++) fcKernel[j * INCEPTION_CLASSES + k] = fc[k * d + j] as number;
  const id = divisor === 1 && sha256.startsWith(FID_INCEPTION_SHA256_PREFIX) ? 'pt_inception-2015-12-05-6726825d' : `inception-sha256:${sha256.slice(0, 16)}`;
  return { id, sha256, channelDivisor: divisor, convs, fcKernel };
}
