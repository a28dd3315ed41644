import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { materialise, storageFromId, StorageType, TensorRef } from './torch-tensors.js';

const floats = (...v: number[]) => new Uint8Array(new Float32Array(v).buffer);

describe('materialise', () => {
  it('gathers strided views: a transpose, a broadcast (stride 0) and a legacy storage view', () => {
    const storage = storageFromId(['storage', new StorageType('float32'), '0', 'cpu', 6, null], 'f');
    const bytes = floats(0, 1, 2, 3, 4, 5);
    const transposed = materialise(new TensorRef(storage, 0, [3, 2], [1, 3]), bytes, 't', 'f');
    expect(Array.from(transposed.data as Float32Array)).toEqual([0, 3, 1, 4, 2, 5]);
    // torch.arange(7.)[4:].expand(2, 3): offset 4, stride 0 along the broadcast axis.
    const seven = storageFromId(['storage', new StorageType('float32'), '1', 'cpu', 7, null], 'f');
    const expanded = materialise(new TensorRef(seven, 4, [2, 3], [0, 1]), floats(0, 1, 2, 3, 4, 5, 6), 'e', 'f');
    expect(Array.from(expanded.data as Float32Array)).toEqual([4, 5, 6, 4, 5, 6]);
    // Legacy view_metadata (view_key, offset, size): the tensor indexes the slice [2, 5) of the root storage.
    const view = storageFromId(['storage', new StorageType('float32'), '0', 'cpu', 6, ['1', 2, 3]], 'f');
    expect(Array.from(materialise(new TensorRef(view, 1, [2], [1]), bytes, 'v', 'f').data as Float32Array)).toEqual([3, 4]);
  });

  it('refuses a tensor that reaches past its storage, or a storage shorter than declared', () => {
    const storage = storageFromId(['storage', new StorageType('float32'), '0', 'cpu', 6, null], 'f.pth');
    expect(() => materialise(new TensorRef(storage, 1, [2, 3], [3, 1]), floats(0, 1, 2, 3, 4, 5), 'w', 'f.pth')).toThrow(/f\.pth: tensor w of shape \[2, 3\] reaches element 6 of a 6-element storage/);
    expect(() => materialise(new TensorRef(storage, 0, [6], [1]), floats(0, 1), 'w', 'f.pth')).toThrow(/holds 8 bytes but declares 6 float32 values/);
  });

  it('refuses malformed storage ids', () => {
    for (const id of [null, ['storage'], ['storage', 'FloatStorage', '0', 'cpu', 1], ['storage', new StorageType('uint8'), '0', 'cpu', -1], ['storage', new StorageType('uint8'), '0', 'cpu', 4, ['1', 3, 3]]]) {
      expect(() => storageFromId(id, 'f.pth')).toThrow(SaddleError);
    }
  });
});
