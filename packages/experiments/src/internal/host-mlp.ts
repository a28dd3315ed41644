/**
 * A float64 multilayer perceptron on the host, with hand-written backpropagation, for the tiny
 * networks of the 1-D two-cluster experiment (papers §2.3): there a TF.js step costs ~3 ms of
 * per-op overhead, 100× the arithmetic (ADR 0013). Layout and maths match `mlp` of
 * `@saddle/models`: h_{l+1} = φ(h_l W_l + b_l), kernels [in, out] row-major, linear output.
 */
export interface HostMlp {
  /** Layer widths, input first: [1, 5, 5, 1] is Linear(1,5) → φ → Linear(5,5) → φ → Linear(5,1). */
  readonly sizes: readonly number[];
  readonly activation: 'tanh' | 'sigmoid';
  /** W_l, [sizes[l], sizes[l+1]] row-major. */
  readonly kernels: Float64Array[];
  readonly biases: Float64Array[];
}

/** The activations of one forward pass: acts[0] is the input, acts[L] the output. */
export interface HostMlpTrace {
  readonly n: number;
  readonly acts: Float64Array[];
}

/** Gradients of one backward pass. */
export interface HostMlpGrads {
  readonly kernels: Float64Array[];
  readonly biases: Float64Array[];
  /** ∂L/∂input, [n, sizes[0]]. */
  readonly input: Float64Array;
}

/** A forward pass on n inputs ([n, sizes[0]] row-major). */
export function hostForward(net: HostMlp, input: Float64Array, n: number): HostMlpTrace {
  const { sizes, kernels, biases } = net;
  const sigmoid = net.activation === 'sigmoid';
  const acts = [input];
  let h = input;
  for (let l = 0; l < sizes.length - 1; l++) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const W = kernels[l] as Float64Array;
    const b = biases[l] as Float64Array;
    const last = l === sizes.length - 2;
    const out = new Float64Array(n * fanOut);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < fanOut; j++) {
        let s = b[j] as number;
        for (let k = 0; k < fanIn; k++) s += (h[i * fanIn + k] as number) * (W[k * fanOut + j] as number);
        out[i * fanOut + j] = last ? s : sigmoid ? 1 / (1 + Math.exp(-s)) : Math.tanh(s);
      }
    }
    acts.push(out);
    h = out;
  }
  return { n, acts };
}

/**
 * Backpropagates ∂L/∂output ([n, out]) through a traced forward pass. With `inputOnly` the
 * parameter gradients are skipped (left empty): the generator's step needs only ∂L/∂y through D.
 */
export function hostBackward(net: HostMlp, trace: HostMlpTrace, gradOutput: Float64Array, inputOnly = false): HostMlpGrads {
  const { sizes, kernels } = net;
  const { n, acts } = trace;
  const sigmoid = net.activation === 'sigmoid';
  const L = sizes.length - 1;
  const gk: Float64Array[] = new Array<Float64Array>(L);
  const gb: Float64Array[] = new Array<Float64Array>(L);
  let g = gradOutput;
  for (let l = L - 1; l >= 0; l--) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const W = kernels[l] as Float64Array;
    const h = acts[l] as Float64Array;
    const gW = new Float64Array(inputOnly ? 0 : fanIn * fanOut);
    const gB = new Float64Array(inputOnly ? 0 : fanOut);
    const gH = new Float64Array(n * fanIn);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < fanOut; j++) {
        const gij = g[i * fanOut + j] as number;
        if (!inputOnly) {
          gB[j] = (gB[j] as number) + gij;
          for (let k = 0; k < fanIn; k++) gW[k * fanOut + j] = (gW[k * fanOut + j] as number) + (h[i * fanIn + k] as number) * gij;
        }
        for (let k = 0; k < fanIn; k++) gH[i * fanIn + k] = (gH[i * fanIn + k] as number) + (W[k * fanOut + j] as number) * gij;
      }
    }
    if (l > 0) {
      // Through φ of the layer below: tanh' = 1 − a², σ' = a(1 − a).
      for (let idx = 0; idx < gH.length; idx++) {
        const a = h[idx] as number;
        gH[idx] = (gH[idx] as number) * (sigmoid ? a * (1 - a) : 1 - a * a);
      }
    }
    gk[l] = gW;
    gb[l] = gB;
    g = gH;
  }
  return { kernels: gk, biases: gb, input: g };
}
