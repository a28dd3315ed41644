/**
 * How a layer's weight is initialised; biases always use PyTorch's default U(±1/√fanIn).
 * `dcgan` is Radford et al.'s N(0, 0.02²) (and, for batch norm, γ ~ N(1, 0.02²), β = 0).
 *
 * @example
 * ```ts
 * const inits: WeightInit[] = snCnnDiscriminator({ numFeatures: 64 }).layers.flatMap((l) => (l.kind === 'batchNorm' ? [] : [l.init]));
 * // every entry is 'orthogonal', as RS-GAN's init_ortho_weights
 * ```
 */
export type WeightInit = 'torch' | 'xavierUniform' | 'orthogonal' | 'dcgan';

/**
 * One parameterised layer of an architecture, named twice: `name` in Saddle's params and `torch` in the
 * PyTorch `state_dict`. Architectures are lists of these, so initialisation, parameter counts and the
 * PyTorch name mapping all come from one description.
 * - `linear`: kernel [in, out] (PyTorch weight [out, in]);
 * - `conv`: kernel HWIO [k, k, in, out] (PyTorch OIHW);
 * - `convTranspose`: kernel [k, k, out, in] (PyTorch IOHW [in, out, k, k]);
 * - `batchNorm`: γ, β in params, running mean and variance in state.
 * `spectralNorm` adds the power-iteration vectors `u` [out] and `v` [rest] to state.
 *
 * @example
 * ```ts
 * const layers: readonly LayerSpec[] = cnnGenerator({ numFeatures: 16 }).layers;
 * const convs = layers.filter((l) => l.kind === 'conv').map((l) => `${l.name} ← ${l.torch}`); // ['conv4 ← conv4']
 * ```
 */
export type LayerSpec =
  | { readonly kind: 'linear'; readonly name: string; readonly torch: string; readonly in: number; readonly out: number; readonly bias: boolean; readonly spectralNorm: boolean; readonly init: WeightInit }
  | { readonly kind: 'conv'; readonly name: string; readonly torch: string; readonly in: number; readonly out: number; readonly k: number; readonly bias: boolean; readonly spectralNorm: boolean; readonly init: WeightInit }
  | { readonly kind: 'convTranspose'; readonly name: string; readonly torch: string; readonly in: number; readonly out: number; readonly k: number; readonly bias: boolean; readonly init: 'torch' | 'dcgan' }
  | { readonly kind: 'batchNorm'; readonly name: string; readonly torch: string; readonly channels: number; readonly init?: 'torch' | 'dcgan' };
