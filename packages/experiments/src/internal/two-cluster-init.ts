import type * as tf from '@tensorflow/tfjs-core';
import { disposeTree, type Rng } from '@saddle/core';
import { mlp } from '@saddle/models';
import type { HostMlp } from './host-mlp.js';

/**
 * An `mlp` of `@saddle/models` initialised by its own `init` (PyTorch's default
 * U(±1/√fan_in)), copied to the host in float64.
 */
export async function hostMlpFromModels(sizes: readonly number[], activation: HostMlp['activation'], rng: Rng): Promise<HostMlp> {
  const module = mlp({ inputSize: sizes[0] as number, hiddenSizes: sizes.slice(1, -1), outputSize: sizes.at(-1) as number, activation });
  const { params } = module.init(rng);
  const layers = sizes.length - 1;
  const read = async (name: string) => Float64Array.from(await (params[name] as tf.Tensor).data());
  const kernels: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < layers; l++) {
    kernels.push(await read(`dense${l}/kernel`));
    biases.push(await read(`dense${l}/bias`));
  }
  disposeTree(params);
  return { sizes, activation, kernels, biases };
}

/**
 * The controlled start of `GAN2_2Cluster.py` (`gen_control_init = 1`): every weight
 * U[−range, range], every bias 0, so all generated points start near 0 (collapsed on cluster 0).
 */
export function uniformHostMlp(sizes: readonly number[], activation: HostMlp['activation'], range: number, rng: Rng): HostMlp {
  const kernels = sizes.slice(0, -1).map((fanIn, l) => rng.fold(`dense${l}`).uniform(fanIn * (sizes[l + 1] as number)).map((u) => (2 * u - 1) * range));
  const biases = sizes.slice(1).map((fanOut) => new Float64Array(fanOut));
  return { sizes, activation, kernels: kernels.map((k) => Float64Array.from(k)), biases };
}
