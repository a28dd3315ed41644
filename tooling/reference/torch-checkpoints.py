#!/usr/bin/env python3
"""Writes the PyTorch checkpoint fixtures of @saddle/io (packages/io/src/__fixtures__/torch/).

Run from the repository root: /usr/bin/python3 tooling/reference/torch-checkpoints.py
Needs Python 3 and PyTorch (Debian: apt-get install python3-torch).

Writes:
  small.zip.pth        torch.save(state_dict) in the zip format (PyTorch >= 1.6 default)
  small.legacy.pth     the same state_dict with _use_new_zipfile_serialization=False (pre-1.6 format)
  small.json           every tensor of that state_dict: dtype, shape and values in C order (the expected output)
  hostile.pkl          a bare pickle whose REDUCE calls os.system (never load it in Python)
  hostile.zip.pth      torch.save of a dict holding an object whose pickle calls builtins.eval
  hostile.legacy.pth   the same, legacy format, calling os.system
  npy/*.npy, npy.json  arrays saved by numpy.save / numpy.lib.format.write_array (versions 1.0-3.0, both
                       byte orders) and their expected values
  reference.safetensors  small.json's float32/int64/uint8 tensors written by this script with struct + json per the
                       safetensors README (the safetensors Python package is not in Debian, so this is a second
                       implementation of the spec, not the reference one)
The header of small.json records the command and versions.
"""
import collections
import json
import os
import pickle
import struct
import sys

import numpy as np
import torch

OUT = os.path.join('packages', 'io', 'src', '__fixtures__', 'torch')


def small_state_dict():
    g = torch.Generator().manual_seed(20201210)
    base = torch.randn(6, 4, generator=g)
    inner = collections.OrderedDict()
    inner['weight'] = torch.randn(2, 3, generator=g)
    sd = collections.OrderedDict()
    sd['linear.weight'] = torch.randn(3, 4, generator=g)
    sd['linear.bias'] = torch.randn(3, generator=g)
    sd['bn.running_mean'] = torch.randn(4, generator=g)
    sd['bn.num_batches_tracked'] = torch.tensor(1234567890123, dtype=torch.int64)
    sd['f64'] = torch.randn(2, 2, generator=g).double()
    sd['f16'] = torch.tensor([1.0, -2.5, 65504.0, 6.1035156e-05, 5.9604645e-08, 0.0], dtype=torch.float16)
    sd['i32'] = torch.tensor([[-7, 0], [2147483647, -2147483648]], dtype=torch.int32)
    sd['i16'] = torch.tensor([-32768, 32767, 5], dtype=torch.int16)
    sd['i8'] = torch.tensor([-128, 127, -1], dtype=torch.int8)
    sd['u8'] = torch.tensor([0, 255, 17], dtype=torch.uint8)
    sd['flags'] = torch.tensor([True, False, True])
    sd['scalar'] = torch.tensor(3.5)
    sd['empty'] = torch.zeros(0, 3)
    # Views that share one storage: an offset slice and a transposed (non-contiguous) view.
    sd['view.rows'] = base[2:5]
    sd['view.transposed'] = base.t()
    sd['nested'] = {'block': inner}
    sd['parameter'] = torch.nn.Parameter(torch.randn(2, generator=g))  # pickled via torch._utils._rebuild_parameter
    return sd


def flatten(prefix, obj, out):
    for key, value in obj.items():
        name = f'{prefix}{key}'
        if isinstance(value, dict):
            flatten(f'{name}.', value, out)
        else:
            out[name] = value


def describe(t):
    dtype = str(t.dtype).replace('torch.', '')
    values = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.int64:
        data = [str(int(v)) for v in values]
    elif t.dtype == torch.bool:
        data = [int(v) for v in values]
    elif t.dtype in (torch.float16, torch.float32, torch.float64):
        data = [float(v) for v in values.double()]
    else:
        data = [int(v) for v in values]
    return {'dtype': {'float': 'float32', 'double': 'float64', 'half': 'float16', 'long': 'int64', 'int': 'int32',
                      'short': 'int16'}.get(dtype, dtype), 'shape': list(t.shape), 'data': data}


class Evil:
    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg

    def __reduce__(self):
        return (self.fn, (self.arg,))


def main():
    os.makedirs(OUT, exist_ok=True)
    sd = small_state_dict()
    torch.save(sd, os.path.join(OUT, 'small.zip.pth'))
    torch.save(sd, os.path.join(OUT, 'small.legacy.pth'), _use_new_zipfile_serialization=False)
    flat = collections.OrderedDict()
    flatten('', sd, flat)
    header = {
        'command': '/usr/bin/python3 tooling/reference/torch-checkpoints.py',
        'versions': {'python': sys.version.split()[0], 'torch': torch.__version__, 'numpy': np.__version__},
        'note': 'expected tensors of small.zip.pth and small.legacy.pth, nested dicts flattened with "."; '
                'values in C order; int64 as decimal strings; bool as 0/1',
    }
    with open(os.path.join(OUT, 'small.json'), 'w') as f:
        json.dump({'header': header, 'tensors': {k: describe(v) for k, v in flat.items()}}, f, indent=1)
        f.write('\n')
    with open(os.path.join(OUT, 'hostile.pkl'), 'wb') as f:
        pickle.dump(Evil(os.system, 'echo pwned'), f, protocol=2)
    torch.save({'weight': torch.ones(2), 'payload': Evil(eval, '1+1')}, os.path.join(OUT, 'hostile.zip.pth'))
    torch.save({'weight': torch.ones(2), 'payload': Evil(os.system, 'echo pwned')},
               os.path.join(OUT, 'hostile.legacy.pth'), _use_new_zipfile_serialization=False)
    write_npy()
    write_safetensors(flat)


def write_npy():
    os.makedirs(os.path.join(OUT, 'npy'), exist_ok=True)
    rs = np.random.RandomState(7)
    arrays = {
        'f4': rs.standard_normal((2, 3)).astype('<f4'),
        'f8': rs.standard_normal(3),
        'f2': np.array([0.5, -1.25, 1000.0], dtype='<f2'),
        'i8': np.array([-(2 ** 62), 5], dtype='<i8'),
        'i4': np.array([[1, -2], [3, -4]], dtype='<i4'),
        'i2': np.array([-300, 300], dtype='<i2'),
        'i1': np.array([-5, 5], dtype='i1'),
        'u1': np.array([0, 1, 128, 255], dtype='u1'),
        'b1': np.array([True, False, True]),
        'be-f4': np.array([1.5, -2.0], dtype='>f4'),
        'be-i4': np.array([1, -70000], dtype='>i4'),
        'scalar': np.array(2.5, dtype='<f4'),
    }
    expected = {}
    for name, a in arrays.items():
        np.save(os.path.join(OUT, 'npy', f'{name}.npy'), a)
        expected[name] = {'shape': list(a.shape), 'data': [str(int(v)) if a.dtype.kind == 'i' and a.itemsize == 8 else
                                                          (int(v) if a.dtype.kind in 'iub' else float(v)) for v in a.reshape(-1)]}
    for version in [(2, 0), (3, 0)]:
        with open(os.path.join(OUT, 'npy', f'f4-v{version[0]}.npy'), 'wb') as f:
            np.lib.format.write_array(f, arrays['f4'], version=version)
    with open(os.path.join(OUT, 'npy.json'), 'w') as f:
        json.dump({'header': {'command': '/usr/bin/python3 tooling/reference/torch-checkpoints.py',
                              'versions': {'numpy': np.__version__}}, 'arrays': expected}, f, indent=1)
        f.write('\n')


def write_safetensors(flat):
    codes = {torch.float32: 'F32', torch.int64: 'I64', torch.uint8: 'U8'}
    names = [n for n, t in flat.items() if t.dtype in codes]
    names.sort(key=lambda n: (-flat[n].element_size(), n))
    header, blobs, offset = {'__metadata__': {'format': 'pt', 'source': 'torch-checkpoints.py'}}, [], 0
    for n in names:
        t = flat[n].detach().contiguous()
        blob = t.numpy().tobytes()
        header[n] = {'dtype': codes[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(os.path.join(OUT, 'reference.safetensors'), 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


if __name__ == '__main__':
    main()
