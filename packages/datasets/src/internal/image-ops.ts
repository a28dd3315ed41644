/** An image on the host: row-major HWC values. */
export interface HostImage<T extends ArrayLike<number> = ArrayLike<number>> {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly data: T;
}

/**
 * The centred `cropHeight`×`cropWidth` window: top = ⌊(H − h)/2⌋, left = ⌊(W − w)/2⌋.
 * The caller checks that the crop fits.
 */
export function centerCrop<T extends Uint8Array | Float32Array>(image: HostImage<T>, cropHeight: number, cropWidth: number): HostImage<T> {
  const { height, width, channels, data } = image;
  const top = Math.floor((height - cropHeight) / 2);
  const left = Math.floor((width - cropWidth) / 2);
  const out = new (data.constructor as new (n: number) => T)(cropHeight * cropWidth * channels);
  for (let y = 0; y < cropHeight; y++) {
    const from = ((top + y) * width + left) * channels;
    out.set(data.subarray(from, from + cropWidth * channels), y * cropWidth * channels);
  }
  return { height: cropHeight, width: cropWidth, channels, data: out };
}

/**
 * Area (box-filter) resampling to `outHeight`×`outWidth`, separable: each output pixel is the
 * average of the input it covers, weighting each input pixel by the length of its overlap with
 * the output pixel's footprint [o·s, (o+1)·s), s = in/out (OpenCV's INTER_AREA; exact block
 * means for integer factors). Upsampling repeats pixels.
 */
export function resizeArea(image: HostImage, outHeight: number, outWidth: number): HostImage<Float32Array> {
  const { height, width, channels, data } = image;
  const xs = footprints(width, outWidth);
  const ys = footprints(height, outHeight);
  const rows = new Float64Array(height * outWidth * channels);
  for (let y = 0; y < height; y++) {
    xs.forEach((taps, ox) => {
      for (const [x, w] of taps) {
        for (let c = 0; c < channels; c++) {
          const at = (y * outWidth + ox) * channels + c;
          rows[at] = (rows[at] as number) + w * (data[(y * width + x) * channels + c] as number);
        }
      }
    });
  }
  const out = new Float32Array(outHeight * outWidth * channels);
  ys.forEach((taps, oy) => {
    const acc = new Float64Array(outWidth * channels);
    for (const [y, w] of taps) {
      for (let i = 0; i < outWidth * channels; i++) acc[i] = (acc[i] as number) + w * (rows[y * outWidth * channels + i] as number);
    }
    out.set(acc, oy * outWidth * channels);
  });
  return { height: outHeight, width: outWidth, channels, data: out };
}

/** For each output index, the input indices it covers and their weights (summing to 1). */
function footprints(inSize: number, outSize: number): (readonly [number, number])[][] {
  const scale = inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    const from = o * scale;
    const to = (o + 1) * scale;
    const taps: (readonly [number, number])[] = [];
    for (let i = Math.floor(from); i < Math.min(inSize, Math.ceil(to)); i++) {
      const overlap = Math.min(to, i + 1) - Math.max(from, i);
      if (overlap > 1e-12) taps.push([i, overlap / scale]);
    }
    return taps;
  });
}
