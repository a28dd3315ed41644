// Writers of the published byte layouts, for tests: each follows its format's spec, independently
// of the loaders under test.

/** An IDX file: [0, 0, type, D], D big-endian uint32 sizes, then big-endian values. */
export function idxFile(typeCode: number, shape: readonly number[], values: ArrayLike<number>): Uint8Array {
  const size = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 }[typeCode]!;
  const out = new Uint8Array(4 + 4 * shape.length + size * values.length);
  const view = new DataView(out.buffer);
  out.set([0, 0, typeCode, shape.length]);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const at = 4 + 4 * shape.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeCode === 0x08) view.setUint8(at + i, v);
    else if (typeCode === 0x09) view.setInt8(at + i, v);
    else if (typeCode === 0x0b) view.setInt16(at + 2 * i, v, false);
    else if (typeCode === 0x0c) view.setInt32(at + 4 * i, v, false);
    else if (typeCode === 0x0d) view.setFloat32(at + 4 * i, v, false);
    else view.setFloat64(at + 8 * i, v, false);
  }
  return out;
}

/** A .npy file as numpy.save writes it: preamble, a dict header padded with spaces to a multiple of 64 bytes and ending in '\n', then the data. */
export function npyFile(descr: string, shape: readonly number[], values: ArrayLike<number>, options: { version?: 1 | 2; fortran?: boolean } = {}): Uint8Array {
  const { version = 1, fortran = false } = options;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const preamble = version === 1 ? 10 : 12;
  header += ' '.repeat(63 - ((preamble + header.length) % 64)) + '\n';
  const little = descr[0] !== '>';
  const kind = descr.slice(1);
  const size = Number(kind.slice(1));
  const out = new Uint8Array(preamble + header.length + size * values.length);
  const view = new DataView(out.buffer);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);
  const at = preamble + header.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const o = at + size * i;
    if (kind === 'u1' || kind === 'b1') view.setUint8(o, v);
    else if (kind === 'i1') view.setInt8(o, v);
    else if (kind === 'u2') view.setUint16(o, v, little);
    else if (kind === 'i2') view.setInt16(o, v, little);
    else if (kind === 'i4') view.setInt32(o, v, little);
    else if (kind === 'u4') view.setUint32(o, v, little);
    else if (kind === 'f4') view.setFloat32(o, v, little);
    else if (kind === 'f8') view.setFloat64(o, v, little);
    else if (kind === 'i8') view.setBigInt64(o, BigInt(v), little);
    else throw new Error(`test writer: no dtype ${descr}`);
  }
  return out;
}

/** The HWC value of pixel (row, col, channel) of a test image: a pattern that differs in every coordinate. */
export function pixel(image: number, row: number, col: number, channel: number): number {
  return (image * 37 + row * 11 + col * 5 + channel * 71) % 256;
}

/** CIFAR records: label byte(s), then the R, G, B planes of 32×32 row-major, built from `pixel`. */
export function cifarFile(labels: readonly (readonly number[])[], firstImage = 0): Uint8Array {
  const record = labels[0]!.length + 3072;
  const out = new Uint8Array(labels.length * record);
  labels.forEach((label, n) => {
    out.set(label, n * record);
    for (let c = 0; c < 3; c++) {
      for (let row = 0; row < 32; row++) {
        for (let col = 0; col < 32; col++) out[n * record + label.length + c * 1024 + row * 32 + col] = pixel(firstImage + n, row, col, c);
      }
    }
  });
  return out;
}

/** STL-10 images: per image the R, G, B planes of 96×96, each column-major, built from `pixel`. */
export function stlImages(count: number): Uint8Array {
  const out = new Uint8Array(count * 27648);
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < 3; c++) {
      for (let col = 0; col < 96; col++) {
        for (let row = 0; row < 96; row++) out[n * 27648 + c * 9216 + col * 96 + row] = pixel(n, row, col, c);
      }
    }
  }
  return out;
}
