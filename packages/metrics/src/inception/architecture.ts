import { SaddleError } from '@saddle/core';

/**
 * One `BasicConv2d` of the FID Inception network: a convolution without bias, batch norm
 * (ε = 0.001) and ReLU. `torch` is its prefix in pytorch-fid's `state_dict`
 * (`<torch>.conv.weight`, `<torch>.bn.{weight,bias,running_mean,running_var}`).
 *
 * @example
 * ```ts
 * const first: BasicConvSpec = { torch: 'Conv2d_1a_3x3', in: 3, out: 32, kernel: [3, 3], stride: 2, padding: [0, 0] };
 * ```
 */
export interface BasicConvSpec {
  readonly torch: string;
  readonly in: number;
  readonly out: number;
  /** Kernel height and width (Inception uses 1×7, 7×1, 1×3 and 3×1 kernels too). */
  readonly kernel: readonly [number, number];
  readonly stride: number;
  /** Symmetric zero padding along height and width. */
  readonly padding: readonly [number, number];
}

/**
 * Classes of the 2015-12-05 graph's softmax head (1000 ImageNet classes + 8 unused).
 *
 * @example
 * ```ts
 * logits.shape; // [n, INCEPTION_CLASSES]
 * ```
 */
export const INCEPTION_CLASSES = 1008;
/**
 * Channel divisors whose every channel count is an integer: the full network (1) and thinner copies.
 *
 * @example
 * ```ts
 * inceptionConvs(CHANNEL_DIVISORS[4]); // channels / 16, the parity-test network
 * ```
 */
export const CHANNEL_DIVISORS = [1, 2, 4, 8, 16] as const;

/**
 * The convolution list of pytorch-fid's `fid_inception_v3()` (torchvision `Inception3` with
 * num_classes = 1008, no aux head, Mixed_5b–5d = FIDInceptionA, 6b–6e = FIDInceptionC,
 * 7b = FIDInceptionE_1, 7c = FIDInceptionE_2), every channel count divided by `divisor`
 * (1 = the real network, 2048-d pool3).
 *
 * @example
 * ```ts
 * inceptionConvs(1).length; // 94 convolutions
 * ```
 */
export function inceptionConvs(divisor: number): BasicConvSpec[] {
  if (!(CHANNEL_DIVISORS as readonly number[]).includes(divisor)) {
    throw new SaddleError(`channel divisor ${divisor} does not divide every channel count`, {
      code: 'INVALID_ARGUMENT', field: 'channelDivisor', value: divisor, fix: `use one of ${CHANNEL_DIVISORS.join(', ')} (1 is the real network)`,
    });
  }
  const c = (n: number): number => n / divisor;
  const list: BasicConvSpec[] = [];
  const add = (torch: string, cin: number, out: number, kernel: [number, number] | number, stride = 1, padding: [number, number] | number = 0): void => {
    const k: [number, number] = typeof kernel === 'number' ? [kernel, kernel] : kernel;
    const p: [number, number] = typeof padding === 'number' ? [padding, padding] : padding;
    list.push({ torch, in: cin, out, kernel: k, stride, padding: p });
  };
  add('Conv2d_1a_3x3', 3, c(32), 3, 2);
  add('Conv2d_2a_3x3', c(32), c(32), 3);
  add('Conv2d_2b_3x3', c(32), c(64), 3, 1, 1);
  add('Conv2d_3b_1x1', c(64), c(80), 1);
  add('Conv2d_4a_3x3', c(80), c(192), 3);
  const blockA = (name: string, cin: number, pool: number): void => {
    add(`${name}.branch1x1`, cin, c(64), 1);
    add(`${name}.branch5x5_1`, cin, c(48), 1);
    add(`${name}.branch5x5_2`, c(48), c(64), 5, 1, 2);
    add(`${name}.branch3x3dbl_1`, cin, c(64), 1);
    add(`${name}.branch3x3dbl_2`, c(64), c(96), 3, 1, 1);
    add(`${name}.branch3x3dbl_3`, c(96), c(96), 3, 1, 1);
    add(`${name}.branch_pool`, cin, pool, 1);
  };
  blockA('Mixed_5b', c(192), c(32));
  blockA('Mixed_5c', c(256), c(64));
  blockA('Mixed_5d', c(288), c(64));
  add('Mixed_6a.branch3x3', c(288), c(384), 3, 2);
  add('Mixed_6a.branch3x3dbl_1', c(288), c(64), 1);
  add('Mixed_6a.branch3x3dbl_2', c(64), c(96), 3, 1, 1);
  add('Mixed_6a.branch3x3dbl_3', c(96), c(96), 3, 2);
  const blockC = (name: string, c7: number): void => {
    add(`${name}.branch1x1`, c(768), c(192), 1);
    add(`${name}.branch7x7_1`, c(768), c7, 1);
    add(`${name}.branch7x7_2`, c7, c7, [1, 7], 1, [0, 3]);
    add(`${name}.branch7x7_3`, c7, c(192), [7, 1], 1, [3, 0]);
    add(`${name}.branch7x7dbl_1`, c(768), c7, 1);
    add(`${name}.branch7x7dbl_2`, c7, c7, [7, 1], 1, [3, 0]);
    add(`${name}.branch7x7dbl_3`, c7, c7, [1, 7], 1, [0, 3]);
    add(`${name}.branch7x7dbl_4`, c7, c7, [7, 1], 1, [3, 0]);
    add(`${name}.branch7x7dbl_5`, c7, c(192), [1, 7], 1, [0, 3]);
    add(`${name}.branch_pool`, c(768), c(192), 1);
  };
  blockC('Mixed_6b', c(128));
  blockC('Mixed_6c', c(160));
  blockC('Mixed_6d', c(160));
  blockC('Mixed_6e', c(192));
  add('Mixed_7a.branch3x3_1', c(768), c(192), 1);
  add('Mixed_7a.branch3x3_2', c(192), c(320), 3, 2);
  add('Mixed_7a.branch7x7x3_1', c(768), c(192), 1);
  add('Mixed_7a.branch7x7x3_2', c(192), c(192), [1, 7], 1, [0, 3]);
  add('Mixed_7a.branch7x7x3_3', c(192), c(192), [7, 1], 1, [3, 0]);
  add('Mixed_7a.branch7x7x3_4', c(192), c(192), 3, 2);
  const blockE = (name: string, cin: number): void => {
    add(`${name}.branch1x1`, cin, c(320), 1);
    add(`${name}.branch3x3_1`, cin, c(384), 1);
    add(`${name}.branch3x3_2a`, c(384), c(384), [1, 3], 1, [0, 1]);
    add(`${name}.branch3x3_2b`, c(384), c(384), [3, 1], 1, [1, 0]);
    add(`${name}.branch3x3dbl_1`, cin, c(448), 1);
    add(`${name}.branch3x3dbl_2`, c(448), c(384), 3, 1, 1);
    add(`${name}.branch3x3dbl_3a`, c(384), c(384), [1, 3], 1, [0, 1]);
    add(`${name}.branch3x3dbl_3b`, c(384), c(384), [3, 1], 1, [1, 0]);
    add(`${name}.branch_pool`, cin, c(192), 1);
  };
  blockE('Mixed_7b', c(1280));
  blockE('Mixed_7c', c(2048));
  return list;
}
