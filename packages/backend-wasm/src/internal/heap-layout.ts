import type { backend_util } from '@tensorflow/tfjs-core';

/**
 * `dst[c, p, n] = src[n, p, c]`: the first and last axes of a `[n, p, c]` array swapped, in JS on
 * heap views. tfjs-backend-wasm 4.22's `Transpose` runs this permutation at ≈ 7 ns per float on a
 * [64, 256, 64] batch (it walks the output with strided reads across the whole input); here, for
 * each `p`, the `n` source rows of `c` floats stay in L1 while they are read, ≈ 2 ns per float.
 */
export function swapOuterAxes(dst: Float32Array, src: Float32Array, n: number, p: number, c: number): void {
  const rowStride = p * c;
  for (let k = 0; k < p; k++) {
    for (let ch = 0; ch < c; ch++) {
      let s = k * c + ch;
      let d = (ch * p + k) * n;
      for (let b = 0; b < n; b++, s += rowStride) dst[d++] = src[s]!;
    }
  }
}

/** Element strides of a 4-D input's batch, channel, row and column axes (NHWC or NCHW). */
export interface Strides4 {
  readonly batch: number;
  readonly channel: number;
  readonly row: number;
  readonly col: number;
}

/** The strides of `[n, h, w, c]` (channelsLast) or `[n, c, h, w]` (channelsFirst) data. */
export function stridesOf(info: backend_util.Conv2DInfo): Strides4 {
  const { inHeight: h, inWidth: w, inChannels: c } = info;
  return info.dataFormat === 'channelsLast'
    ? { batch: h * w * c, channel: 1, row: w * c, col: c }
    : { batch: c * h * w, channel: h * w, row: w, col: 1 };
}

/**
 * The transposed columns (im2col) of images `b0 … b0 + images − 1` of `x`, X zero outside the image:
 *
 *   colsT[(kh, kw, ci), (b, y, x)] = X[b0 + b, y·s_h + kh − pad_top, x·s_w + kw − pad_left, ci]
 *
 * a `[fh·fw·C_in, images·OH·OW]` row-major matrix, so that dW = colsT · dY is a plain matrix
 * product. Image by image, so the image being read stays in cache while its rows are written.
 */
export function im2colTransposed(
  colsT: Float32Array,
  x: Float32Array,
  strides: Strides4,
  b0: number,
  images: number,
  info: backend_util.Conv2DInfo,
): void {
  const { inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const pixels = oh * ow;
  const columns = images * pixels;
  // The outputs y (x) whose tap kh (kw) lands inside the image: first ≤ y < end.
  const first = (k: number, pad: number, stride: number) => Math.max(0, Math.ceil((pad - k) / stride));
  const end = (k: number, pad: number, stride: number, size: number, out: number) =>
    Math.min(out, Math.max(0, Math.floor((size - 1 + pad - k) / stride) + 1));
  const colStep = sw * strides.col;
  for (let b = 0; b < images; b++) {
    const image = (b0 + b) * strides.batch;
    for (let kh = 0; kh < fh; kh++) {
      const y0 = first(kh, top, sh);
      const y1 = Math.max(y0, end(kh, top, sh, h, oh));
      for (let kw = 0; kw < fw; kw++) {
        const x0 = first(kw, left, sw);
        const x1 = Math.max(x0, end(kw, left, sw, w, ow));
        for (let c = 0; c < ci; c++) {
          const row = ((kh * fw + kw) * ci + c) * columns + b * pixels;
          colsT.fill(0, row, row + y0 * ow);
          colsT.fill(0, row + y1 * ow, row + pixels);
          for (let y = y0; y < y1; y++) {
            const q = row + y * ow;
            for (let xo = 0; xo < x0; xo++) colsT[q + xo] = 0;
            for (let xo = x1; xo < ow; xo++) colsT[q + xo] = 0;
            let s = image + c * strides.channel + (y * sh + kh - top) * strides.row + (x0 * sw + kw - left) * strides.col;
            for (let xo = x0; xo < x1; xo++, s += colStep) colsT[q + xo] = x[s]!;
          }
        }
      }
    }
  }
}
