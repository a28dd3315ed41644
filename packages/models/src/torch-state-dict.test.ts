import * as tf from '@tensorflow/tfjs-core';
import { disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { cnnGenerator } from './cnn-generator.js';
import { snCnnDiscriminator } from './sn-cnn-discriminator.js';
import { lcgValues, torchConv2d, torchLinear, type Nchw } from './test-support/torch-reference.js';
import { fromTorchStateDict, type TorchTensor } from './torch-state-dict.js';

const TOL = { rtol: 1e-4, atol: 1e-5 };

/** A synthetic SNDCDiscriminator32(F=1) state_dict with random weights and random unit u, v. */
function syntheticDiscriminator(): Record<string, TorchTensor> {
  const sd: Record<string, TorchTensor> = {};
  const convs = [[3, 1, 3], [1, 1, 4], [1, 2, 3], [2, 2, 4], [2, 4, 3], [4, 4, 4], [4, 8, 3]] as const;
  let seed = 1;
  const unit = (n: number): Float32Array => { const v = lcgValues(n, seed++); const norm = Math.hypot(...v); return v.map((x) => x / norm); };
  convs.forEach(([cin, cout, k], i) => {
    sd[`conv${i + 1}.bias`] = { shape: [cout], data: lcgValues(cout, seed++, 0.1) };
    sd[`conv${i + 1}.weight_orig`] = { shape: [cout, cin, k, k], data: lcgValues(cout * cin * k * k, seed++) };
    sd[`conv${i + 1}.weight_u`] = { shape: [cout], data: unit(cout) };
    sd[`conv${i + 1}.weight_v`] = { shape: [cin * k * k], data: unit(cin * k * k) };
  });
  sd['proj.weight_orig'] = { shape: [1, 128], data: lcgValues(128, seed++) };
  sd['proj.weight_u'] = { shape: [1], data: Float32Array.of(1) };
  sd['proj.weight_v'] = { shape: [128], data: unit(128) };
  return sd;
}

/** PyTorch eval-mode spectral norm: W / (uᵀ W v) with W [out, rest] in PyTorch's layout. */
function torchSpectralNormEval(sd: Record<string, TorchTensor>, prefix: string): Float64Array {
  const w = sd[`${prefix}.weight_orig`] as TorchTensor;
  const u = (sd[`${prefix}.weight_u`] as TorchTensor).data as Float32Array;
  const v = (sd[`${prefix}.weight_v`] as TorchTensor).data as Float32Array;
  const rest = v.length;
  let sigma = 0;
  u.forEach((ui, o) => { for (let r = 0; r < rest; r++) sigma += ui * ((w.data[o * rest + r] as number) * (v[r] as number)); });
  return Float64Array.from(w.data as Float32Array, (x) => x / sigma);
}

/** The whole SNDCDiscriminator32 forward in PyTorch's layout (NCHW, OIHW), float64. */
function torchDiscriminator(sd: Record<string, TorchTensor>, images: Nchw): Float64Array {
  let h = images;
  for (let i = 1; i <= 7; i++) {
    const w = sd[`conv${i}.weight_orig`] as TorchTensor;
    const k = w.shape[2] as number;
    h = torchConv2d(h, torchSpectralNormEval(sd, `conv${i}`), w.shape as [number, number, number, number], (sd[`conv${i}.bias`] as TorchTensor).data as Float32Array, k === 4 ? 2 : 1, 1);
    h = { data: h.data.map((x) => (x > 0 ? x : 0.1 * x)), shape: h.shape };
  }
  return torchLinear(h.data, images.shape[0], torchSpectralNormEval(sd, 'proj'), 1);
}

describeWithBackends('fromTorchStateDict', ALL_BACKENDS, () => {
  it('maps an SN-CNN discriminator (weight_orig, weight_u, weight_v reordered) so eval logits equal PyTorch\'s', async () => {
    const sd = syntheticDiscriminator();
    const d = snCnnDiscriminator({ numFeatures: 1 });
    const { params, state } = fromTorchStateDict(d, sd);
    const nchw = lcgValues(2 * 3 * 32 * 32, 99);
    const images: Nchw = { data: Float64Array.from(nchw), shape: [2, 3, 32, 32] };
    const x = tf.tidy(() => tf.transpose(tf.tensor4d(nchw, [2, 3, 32, 32]), [0, 2, 3, 1]) as tf.Tensor4D);
    const { output } = d.apply(params, state, x, { training: false });
    await expectTensorClose(output, torchDiscriminator(sd, images), TOL);
    disposeTree([params, state, x, output]);
  });

  it('refuses missing and extra keys, listing them, and wrong shapes and dtypes, naming the key', () => {
    const sd = syntheticDiscriminator();
    const d = snCnnDiscriminator({ numFeatures: 1 });
    const { 'conv3.bias': _dropped, ...missing } = sd;
    expect(() => fromTorchStateDict(d, { ...missing, 'conv9.weight': { shape: [1], data: new Float32Array(1) } }))
      .toThrowError(/stateDict: state_dict keys do not match SNDCDiscriminator32\(numFeatures=1\): missing \[conv3\.bias\], extra \[conv9\.weight\]/);
    expect(() => fromTorchStateDict(snCnnDiscriminator({ numFeatures: 2 }), sd))
      .toThrowError(/stateDict\["conv1\.weight_orig"\]: shape of conv1\.weight_orig does not match SNDCDiscriminator32\(numFeatures=2\) \(got \[1, 3, 3, 3\]\); expected \[2, 3, 3, 3\] with 54 values/);
    expect(() => fromTorchStateDict(d, { ...sd, 'conv1.bias': { shape: [1], data: new Float64Array(1) } }))
      .toThrowError(/stateDict\["conv1\.bias"\]: conv1\.bias is not float32/);
  });

  it('accepts and drops BatchNorm num_batches_tracked (int64) and maps BN statistics into state', () => {
    const g = cnnGenerator({ numFeatures: 1 });
    const sd: Record<string, TorchTensor> = {};
    let seed = 1;
    for (const layer of g.layers) {
      const add = (key: string, shape: number[]): void => { sd[`${layer.torch}.${key}`] = { shape, data: lcgValues(shape.reduce((a, b) => a * b, 1), seed++) }; };
      if (layer.kind === 'batchNorm') {
        for (const key of ['weight', 'bias', 'running_mean', 'running_var']) add(key, [layer.channels]);
        sd[`${layer.torch}.num_batches_tracked`] = { shape: [], data: BigInt64Array.of(7n) };
      } else if (layer.kind === 'linear') {
        add('weight', [layer.out, layer.in]);
        add('bias', [layer.out]);
      } else {
        add('weight', layer.kind === 'conv' ? [layer.out, layer.in, layer.k, layer.k] : [layer.in, layer.out, layer.k, layer.k]);
        add('bias', [layer.out]);
      }
    }
    const { params, state } = fromTorchStateDict(g, sd);
    expect(Object.keys(state).sort()).toEqual(['deconv1_bn', 'deconv2_bn', 'deconv3_bn'].flatMap((n) => [`${n}/runningMean`, `${n}/runningVar`]).sort());
    expect(params['deconv1/kernel']?.shape).toEqual([4, 4, 4, 8]);
    expect(params['l1/kernel']?.shape).toEqual([128, 128]);
    disposeTree([params, state]);
  });
});
