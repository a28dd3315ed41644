import { hostBackward, hostForward, type HostMlp } from './host-mlp.js';

/** One run of the two-cluster GAN (papers §2.3). */
export interface TwoClusterRunOptions {
  /** `js`: L_D = ½[mean softplus(−f(x)) + mean softplus(f(y))], L_G = mean softplus(−f(y)); `rs`: L_D = mean softplus(f(y_i) − f(x_i)), L_G = mean softplus(f(x_i) − f(y_i)). */
  readonly loss: 'js' | 'rs';
  /** x_i, the n real points (one full batch, fixed order). */
  readonly points: Float64Array;
  /** z_i, the n fixed latents paired with x_i. */
  readonly latents: Float64Array;
  /** Initial networks; copied, never modified. */
  readonly generator: HostMlp;
  readonly discriminator: HostMlp;
  readonly epochs: number;
  readonly discriminatorSteps: number;
  readonly generatorSteps: number;
  readonly learningRate: number;
  /** Heavy-ball momentum, PyTorch convention: b ← μb + g, θ ← θ − ηb. */
  readonly momentum: number;
  /** Record every `logEvery` epochs (and after the last). */
  readonly logEvery: number;
  readonly centers: readonly [number, number];
  /** A generated point counts for cluster c when |y − c| < halfWindow (the code's 1.2 × radius 0.3 = 0.36). */
  readonly halfWindow: number;
}

/** What a run records at each logged epoch. */
export interface TwoClusterLog {
  readonly epoch: number[];
  /** D loss at the last D step of the epoch, before its update (as `GAN2_2Cluster.py` logs it). */
  readonly lossD: number[];
  /** Generated points in the window of cluster 0 and of cluster 1, from G(z) at the epoch's start. */
  readonly counts: [number, number][];
  /** D(x) = σ(f(x)) at x = centers[0] and x = centers[1]. */
  readonly dAtCenters: [number, number][];
  /** Final G(z_i). */
  readonly final: number[];
}

const softplus = (u: number) => (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));
const sigma = (u: number) => 1 / (1 + Math.exp(-u));

function cloneNet(net: HostMlp): HostMlp {
  return { ...net, kernels: net.kernels.map((k) => Float64Array.from(k)), biases: net.biases.map((b) => Float64Array.from(b)) };
}

function zerosLike(net: HostMlp): Float64Array[] {
  return [...net.kernels.map((k) => new Float64Array(k.length)), ...net.biases.map((b) => new Float64Array(b.length))];
}

/** θ ← θ − η·b with b ← μ·b + g, over kernels then biases. */
function momentumStep(net: HostMlp, buffers: Float64Array[], grads: { kernels: Float64Array[]; biases: Float64Array[] }, lr: number, mu: number): void {
  const params = [...net.kernels, ...net.biases];
  const gs = [...grads.kernels, ...grads.biases];
  params.forEach((p, a) => {
    const buf = buffers[a] as Float64Array;
    const g = gs[a] as Float64Array;
    for (let i = 0; i < p.length; i++) {
      const b = mu * (buf[i] as number) + (g[i] as number);
      buf[i] = b;
      p[i] = (p[i] as number) - lr * b;
    }
  });
}

/** Generated points with |y − c| < h, for each centre c (papers §2.3: c ± 1.2·radius). */
export function countInWindows(y: Iterable<number>, centers: readonly [number, number], halfWindow: number): [number, number] {
  let a = 0;
  let b = 0;
  for (const v of y) {
    if (Math.abs(v - centers[0]) < halfWindow) a++;
    if (Math.abs(v - centers[1]) < halfWindow) b++;
  }
  return [a, b];
}

/**
 * Trains the two-cluster GAN exactly as `GAN2_2Cluster.py` (papers §2.3): each epoch computes
 * ŷ = G(z) once, takes `discriminatorSteps` D steps on (x, ŷ), then `generatorSteps` G steps
 * re-computing G(z) each time; SGD with momentum for both players, buffers kept across epochs.
 * Float64 throughout.
 */
export function trainTwoCluster(options: TwoClusterRunOptions, onEpoch?: (epoch: number) => void): TwoClusterLog {
  const { loss, points: x, latents: z, epochs, learningRate: lr, momentum: mu, logEvery, centers, halfWindow } = options;
  const n = x.length;
  const G = cloneNet(options.generator);
  const D = cloneNet(options.discriminator);
  const bufG = zerosLike(G);
  const bufD = zerosLike(D);
  const both = new Float64Array(2 * n);
  x.forEach((v, i) => (both[i] = v));
  const gradOut = new Float64Array(2 * n);
  const log: TwoClusterLog = { epoch: [], lossD: [], counts: [], dAtCenters: [], final: [] };
  const probe = Float64Array.from(centers);

  for (let epoch = 0; epoch < epochs; epoch++) {
    const yHat = hostForward(G, z, n).acts.at(-1) as Float64Array;
    for (let i = 0; i < n; i++) both[n + i] = yHat[i] as number;
    let lossD = Number.NaN;
    for (let k = 0; k < options.discriminatorSteps; k++) {
      const trace = hostForward(D, both, 2 * n);
      const f = trace.acts.at(-1) as Float64Array;
      let total = 0;
      for (let i = 0; i < n; i++) {
        const fx = f[i] as number;
        const fy = f[n + i] as number;
        if (loss === 'js') {
          // ½[softplus(−f(x)) + softplus(f(y))]/n per sample.
          total += 0.5 * (softplus(-fx) + softplus(fy));
          gradOut[i] = (-0.5 * sigma(-fx)) / n;
          gradOut[n + i] = (0.5 * sigma(fy)) / n;
        } else {
          const u = fy - fx;
          total += softplus(u);
          gradOut[i] = -sigma(u) / n;
          gradOut[n + i] = sigma(u) / n;
        }
      }
      lossD = total / n;
      momentumStep(D, bufD, hostBackward(D, trace, gradOut), lr, mu);
    }
    if (epoch % logEvery === 0) {
      const dc = hostForward(D, probe, 2).acts.at(-1) as Float64Array;
      log.epoch.push(epoch);
      log.lossD.push(lossD);
      log.counts.push(countInWindows(yHat, centers, halfWindow));
      log.dAtCenters.push([sigma(dc[0] as number), sigma(dc[1] as number)]);
    }
    for (let k = 0; k < options.generatorSteps; k++) {
      const gTrace = hostForward(G, z, n);
      const y = gTrace.acts.at(-1) as Float64Array;
      // JS-GAN's G loss sees only f(y); RS-GAN's pairs f(x_i) with f(y_i).
      const input = loss === 'js' ? y : both;
      if (loss === 'rs') for (let i = 0; i < n; i++) both[n + i] = y[i] as number;
      const dTrace = hostForward(D, input, input.length);
      const f = dTrace.acts.at(-1) as Float64Array;
      const offset = loss === 'js' ? 0 : n;
      const gradF = new Float64Array(input.length);
      for (let i = 0; i < n; i++) {
        const fy = f[offset + i] as number;
        // JS: ∂/∂f(y) of softplus(−f(y)) is −σ(−f(y)); RS: of softplus(f(x) − f(y)) is −σ(f(x) − f(y)).
        gradF[offset + i] = -(loss === 'js' ? sigma(-fy) : sigma((f[i] as number) - fy)) / n;
      }
      const gInput = hostBackward(D, dTrace, gradF, true).input;
      momentumStep(G, bufG, hostBackward(G, gTrace, gInput.subarray(offset)), lr, mu);
    }
    onEpoch?.(epoch);
  }
  const y = hostForward(G, z, n).acts.at(-1) as Float64Array;
  log.final.push(...y);
  return log;
}
