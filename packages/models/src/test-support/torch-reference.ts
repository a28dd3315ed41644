// Independent float64 reference implementations of PyTorch ops in PyTorch's own layouts (NCHW
// activations, OIHW / IOHW weights), written from the PyTorch docs' formulas with plain loops, so
// tests can check Saddle's NHWC layers and the state_dict mapping against them.

/** A dense NCHW array. */
export interface Nchw {
  readonly data: Float64Array;
  readonly shape: readonly [number, number, number, number];
}

const at4 = (s: readonly number[], a: number, b: number, c: number, d: number): number =>
  ((a * (s[1] as number) + b) * (s[2] as number) + c) * (s[3] as number) + d;

/** `nn.Linear`: y[n, o] = Σ_i x[n, i] W[o, i] + b[o], W [out, in]. */
export function torchLinear(x: ArrayLike<number>, n: number, w: ArrayLike<number>, out: number, b?: ArrayLike<number>): Float64Array {
  const inn = x.length / n;
  const y = new Float64Array(n * out);
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < out; o++) {
      let acc = b === undefined ? 0 : (b[o] as number);
      for (let i = 0; i < inn; i++) acc += (x[r * inn + i] as number) * (w[o * inn + i] as number);
      y[r * out + o] = acc;
    }
  }
  return y;
}

/** `nn.Conv2d`: y[n,o,i,j] = b[o] + Σ_{c,a,e} W[o,c,a,e]·x[n,c,i·s−p+a,j·s−p+e] (zero outside). */
export function torchConv2d(x: Nchw, w: ArrayLike<number>, wShape: readonly [number, number, number, number], b: ArrayLike<number> | undefined, s: number, p: number): Nchw {
  const [n, c, h, wd] = x.shape;
  const [o, , kh, kw] = wShape;
  const oh = Math.floor((h + 2 * p - kh) / s) + 1;
  const ow = Math.floor((wd + 2 * p - kw) / s) + 1;
  const shape = [n, o, oh, ow] as const;
  const y = new Float64Array(n * o * oh * ow);
  for (let r = 0; r < n; r++) for (let q = 0; q < o; q++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    let acc = b === undefined ? 0 : (b[q] as number);
    for (let ci = 0; ci < c; ci++) for (let a = 0; a < kh; a++) for (let e = 0; e < kw; e++) {
      const yy = i * s - p + a;
      const xx = j * s - p + e;
      if (yy < 0 || yy >= h || xx < 0 || xx >= wd) continue;
      acc += (w[at4(wShape, q, ci, a, e)] as number) * (x.data[at4(x.shape, r, ci, yy, xx)] as number);
    }
    y[at4(shape, r, q, i, j)] = acc;
  }
  return { data: y, shape };
}

/** `nn.ConvTranspose2d`: each x[n,c,i,j] adds x·W[c,o,a,e] to y[n,o,i·s−p+a,j·s−p+e]; W [in, out, kh, kw]. */
export function torchConvTranspose2d(x: Nchw, w: ArrayLike<number>, wShape: readonly [number, number, number, number], b: ArrayLike<number> | undefined, s: number, p: number): Nchw {
  const [n, c, h, wd] = x.shape;
  const [, o, kh, kw] = wShape;
  const oh = (h - 1) * s - 2 * p + kh;
  const ow = (wd - 1) * s - 2 * p + kw;
  const shape = [n, o, oh, ow] as const;
  const y = new Float64Array(n * o * oh * ow);
  for (let r = 0; r < n; r++) for (let q = 0; q < o; q++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    y[at4(shape, r, q, i, j)] = b === undefined ? 0 : (b[q] as number);
  }
  for (let r = 0; r < n; r++) for (let ci = 0; ci < c; ci++) for (let i = 0; i < h; i++) for (let j = 0; j < wd; j++) {
    const v = x.data[at4(x.shape, r, ci, i, j)] as number;
    for (let q = 0; q < o; q++) for (let a = 0; a < kh; a++) for (let e = 0; e < kw; e++) {
      const yy = i * s - p + a;
      const xx = j * s - p + e;
      if (yy < 0 || yy >= oh || xx < 0 || xx >= ow) continue;
      const idx = at4(shape, r, q, yy, xx);
      y[idx] = (y[idx] as number) + v * (w[at4(wShape, ci, q, a, e)] as number);
    }
  }
  return { data: y, shape };
}

/** `nn.BatchNorm2d` in eval mode, then an optional elementwise map. */
export function torchBatchNormEval(x: Nchw, gamma: ArrayLike<number>, beta: ArrayLike<number>, mean: ArrayLike<number>, variance: ArrayLike<number>): Nchw {
  const [n, c, h, w] = x.shape;
  const y = new Float64Array(x.data.length);
  for (let r = 0; r < n; r++) for (let q = 0; q < c; q++) for (let i = 0; i < h * w; i++) {
    const k = (r * c + q) * h * w + i;
    y[k] = ((gamma[q] as number) * ((x.data[k] as number) - (mean[q] as number))) / Math.sqrt((variance[q] as number) + 1e-5) + (beta[q] as number);
  }
  return { data: y, shape: x.shape };
}

/** NCHW → NHWC, as a flat array. */
export function nchwToNhwc(x: Nchw): Float64Array {
  const [n, c, h, w] = x.shape;
  const y = new Float64Array(x.data.length);
  for (let r = 0; r < n; r++) for (let q = 0; q < c; q++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    y[((r * h + i) * w + j) * c + q] = x.data[at4(x.shape, r, q, i, j)] as number;
  }
  return y;
}

/** Deterministic pseudo-random values in [−scale, scale) (a 32-bit LCG), for synthetic weights. */
export function lcgValues(count: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 4294967296 * 2 - 1) * scale;
  }
  return out;
}
