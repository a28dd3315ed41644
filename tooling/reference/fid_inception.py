#!/usr/bin/env python3
"""Reference features of the FID Inception-v3 network for @saddle/metrics, from an independent PyTorch model.

Writes packages/metrics/src/__fixtures__/inception/ (committed; the tests read it, this never runs in CI):

  weights-div16.pth   state_dict (torch.save, zip format) of the network below with every channel count
                      divided by 16, random weights from seed 20151205, pytorch-fid's key names
  inception.json      inputs (uint8 images), the features (pool3) and unbiased logits for both protocols,
                      small resize references, and the full-width network's state_dict shapes and parameter count
and packages/io/src/__fixtures__/npz/:
  stats.npz           pytorch-fid's statistics file layout: np.savez_compressed(mu=..., sigma=...) of 20 normal
                      8-d samples (seed 7); the same mu and sigma are in inception.json under "stats"
  stats-stored.npz    the same arrays with np.savez (stored, uncompressed entries)

Run from the repository root (about 10 s):

    /usr/bin/python3 tooling/reference/fid_inception.py

Needs Python 3, PyTorch and NumPy (Debian: apt-get install python3-torch). torchvision is not used: the
architecture below is written out from pytorch-fid's `fid_inception_v3` (torchvision's Inception3 with
num_classes=1008 and aux_logits=False, Mixed_5b-5d = FIDInceptionA, Mixed_6b-6e = FIDInceptionC, Mixed_7b =
FIDInceptionE_1, Mixed_7c = FIDInceptionE_2): BasicConv2d = conv (no bias) + BatchNorm2d(eps=0.001) + ReLU;
the average pools of the A, C and E_1 blocks use count_include_pad=False; E_2's pool branch is a 3x3 max pool.

Why reduced width: the full network has 23.8 M parameters (95 MB of float32), too large to commit. Dividing
every channel count by 16 keeps the identical structure (kernels, strides, paddings, pools, concatenation
order, the 1008-way head) with 0.2 M parameters; the TypeScript module takes the same divisor.

Protocols:
  tf1    (torch-fidelity / TF graph): uint8 -> float, TF1 ResizeBilinear to 299 (align_corners=False, no
         half-pixel centres: src = dst * in / out), then (x - 128) / 128. The resize is computed here in
         float64 NumPy from that formula.
  torch  (pytorch-fid): x / 255, F.interpolate(size=299, mode='bilinear', align_corners=False), then 2x - 1.
Logits are pool3 @ fc.weight.T without the bias (OpenAI / torch-fidelity `logits_unbiased`).
"""
import datetime
import hashlib
import json
import os
import platform
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join('packages', 'metrics', 'src', '__fixtures__', 'inception')
NPZ_OUT = os.path.join('packages', 'io', 'src', '__fixtures__', 'npz')
DIV = 16
SEED = 20151205


class BasicConv2d(nn.Module):
    def __init__(self, cin, cout, **kw):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **kw)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def c(n):
    return n // DIV


class FIDInceptionA(nn.Module):
    def __init__(self, cin, pool_features):
        super().__init__()
        self.branch1x1 = BasicConv2d(cin, c(64), kernel_size=1)
        self.branch5x5_1 = BasicConv2d(cin, c(48), kernel_size=1)
        self.branch5x5_2 = BasicConv2d(c(48), c(64), kernel_size=5, padding=2)
        self.branch3x3dbl_1 = BasicConv2d(cin, c(64), kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(c(64), c(96), kernel_size=3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(c(96), c(96), kernel_size=3, padding=1)
        self.branch_pool = BasicConv2d(cin, pool_features, kernel_size=1)

    def forward(self, x):
        b1 = self.branch1x1(x)
        b5 = self.branch5x5_2(self.branch5x5_1(x))
        b3 = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        bp = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False))
        return torch.cat([b1, b5, b3, bp], 1)


class InceptionB(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.branch3x3 = BasicConv2d(cin, c(384), kernel_size=3, stride=2)
        self.branch3x3dbl_1 = BasicConv2d(cin, c(64), kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(c(64), c(96), kernel_size=3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(c(96), c(96), kernel_size=3, stride=2)

    def forward(self, x):
        b3 = self.branch3x3(x)
        bd = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        return torch.cat([b3, bd, F.max_pool2d(x, kernel_size=3, stride=2)], 1)


class FIDInceptionC(nn.Module):
    def __init__(self, cin, c7):
        super().__init__()
        self.branch1x1 = BasicConv2d(cin, c(192), kernel_size=1)
        self.branch7x7_1 = BasicConv2d(cin, c7, kernel_size=1)
        self.branch7x7_2 = BasicConv2d(c7, c7, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7_3 = BasicConv2d(c7, c(192), kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_1 = BasicConv2d(cin, c7, kernel_size=1)
        self.branch7x7dbl_2 = BasicConv2d(c7, c7, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_3 = BasicConv2d(c7, c7, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7dbl_4 = BasicConv2d(c7, c7, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_5 = BasicConv2d(c7, c(192), kernel_size=(1, 7), padding=(0, 3))
        self.branch_pool = BasicConv2d(cin, c(192), kernel_size=1)

    def forward(self, x):
        b1 = self.branch1x1(x)
        b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        bd = self.branch7x7dbl_1(x)
        for layer in (self.branch7x7dbl_2, self.branch7x7dbl_3, self.branch7x7dbl_4, self.branch7x7dbl_5):
            bd = layer(bd)
        bp = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False))
        return torch.cat([b1, b7, bd, bp], 1)


class InceptionD(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.branch3x3_1 = BasicConv2d(cin, c(192), kernel_size=1)
        self.branch3x3_2 = BasicConv2d(c(192), c(320), kernel_size=3, stride=2)
        self.branch7x7x3_1 = BasicConv2d(cin, c(192), kernel_size=1)
        self.branch7x7x3_2 = BasicConv2d(c(192), c(192), kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7x3_3 = BasicConv2d(c(192), c(192), kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7x3_4 = BasicConv2d(c(192), c(192), kernel_size=3, stride=2)

    def forward(self, x):
        b3 = self.branch3x3_2(self.branch3x3_1(x))
        b7 = self.branch7x7x3_4(self.branch7x7x3_3(self.branch7x7x3_2(self.branch7x7x3_1(x))))
        return torch.cat([b3, b7, F.max_pool2d(x, kernel_size=3, stride=2)], 1)


class FIDInceptionE(nn.Module):
    def __init__(self, cin, max_pool):
        super().__init__()
        self.max_pool = max_pool  # True for FIDInceptionE_2 (Mixed_7c)
        self.branch1x1 = BasicConv2d(cin, c(320), kernel_size=1)
        self.branch3x3_1 = BasicConv2d(cin, c(384), kernel_size=1)
        self.branch3x3_2a = BasicConv2d(c(384), c(384), kernel_size=(1, 3), padding=(0, 1))
        self.branch3x3_2b = BasicConv2d(c(384), c(384), kernel_size=(3, 1), padding=(1, 0))
        self.branch3x3dbl_1 = BasicConv2d(cin, c(448), kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(c(448), c(384), kernel_size=3, padding=1)
        self.branch3x3dbl_3a = BasicConv2d(c(384), c(384), kernel_size=(1, 3), padding=(0, 1))
        self.branch3x3dbl_3b = BasicConv2d(c(384), c(384), kernel_size=(3, 1), padding=(1, 0))
        self.branch_pool = BasicConv2d(cin, c(192), kernel_size=1)

    def forward(self, x):
        b1 = self.branch1x1(x)
        b3 = self.branch3x3_1(x)
        b3 = torch.cat([self.branch3x3_2a(b3), self.branch3x3_2b(b3)], 1)
        bd = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        bd = torch.cat([self.branch3x3dbl_3a(bd), self.branch3x3dbl_3b(bd)], 1)
        if self.max_pool:
            pooled = F.max_pool2d(x, kernel_size=3, stride=1, padding=1)
        else:
            pooled = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        return torch.cat([b1, b3, bd, self.branch_pool(pooled)], 1)


class FIDInceptionV3(nn.Module):
    def __init__(self):
        super().__init__()
        self.Conv2d_1a_3x3 = BasicConv2d(3, c(32), kernel_size=3, stride=2)
        self.Conv2d_2a_3x3 = BasicConv2d(c(32), c(32), kernel_size=3)
        self.Conv2d_2b_3x3 = BasicConv2d(c(32), c(64), kernel_size=3, padding=1)
        self.Conv2d_3b_1x1 = BasicConv2d(c(64), c(80), kernel_size=1)
        self.Conv2d_4a_3x3 = BasicConv2d(c(80), c(192), kernel_size=3)
        self.Mixed_5b = FIDInceptionA(c(192), pool_features=c(32))
        self.Mixed_5c = FIDInceptionA(c(256), pool_features=c(64))
        self.Mixed_5d = FIDInceptionA(c(288), pool_features=c(64))
        self.Mixed_6a = InceptionB(c(288))
        self.Mixed_6b = FIDInceptionC(c(768), c(128))
        self.Mixed_6c = FIDInceptionC(c(768), c(160))
        self.Mixed_6d = FIDInceptionC(c(768), c(160))
        self.Mixed_6e = FIDInceptionC(c(768), c(192))
        self.Mixed_7a = InceptionD(c(768))
        self.Mixed_7b = FIDInceptionE(c(1280), max_pool=False)
        self.Mixed_7c = FIDInceptionE(c(2048), max_pool=True)
        self.fc = nn.Linear(c(2048), 1008)

    def forward(self, x):
        x = self.Conv2d_2b_3x3(self.Conv2d_2a_3x3(self.Conv2d_1a_3x3(x)))
        x = F.max_pool2d(x, kernel_size=3, stride=2)
        x = self.Conv2d_4a_3x3(self.Conv2d_3b_1x1(x))
        x = F.max_pool2d(x, kernel_size=3, stride=2)
        for name in ('5b', '5c', '5d', '6a', '6b', '6c', '6d', '6e', '7a', '7b', '7c'):
            x = getattr(self, f'Mixed_{name}')(x)
        pool3 = F.adaptive_avg_pool2d(x, (1, 1)).flatten(1)
        return pool3, pool3 @ self.fc.weight.t()


def randomise(model, g):
    """He-scaled conv weights and non-trivial batch-norm statistics, so activations stay O(1) through 94 layers."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            fan_in = m.weight[0].numel()
            m.weight.data = torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5
        elif isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            m.weight.data = 0.5 + torch.rand(n, generator=g)
            m.bias.data = 0.1 * torch.randn(n, generator=g)
            m.running_mean.data = 0.1 * torch.randn(n, generator=g)
            m.running_var.data = 0.5 + torch.rand(n, generator=g)
        elif isinstance(m, nn.Linear):
            m.weight.data = torch.randn(m.weight.shape, generator=g) / m.in_features ** 0.5
            m.bias.data = torch.randn(m.bias.shape, generator=g)


def resize_tf1(images, out_h, out_w):
    """TF1 ResizeBilinear, align_corners=False, half_pixel_centers=False, in float64: images [n, h, w, c]."""
    n, h, w, ch = images.shape
    x = images.astype(np.float64)
    ys = np.arange(out_h) * (h / out_h)
    xs = np.arange(out_w) * (w / out_w)
    y0 = np.floor(ys).astype(int)
    x0 = np.floor(xs).astype(int)
    y1 = np.minimum(y0 + 1, h - 1)
    x1 = np.minimum(x0 + 1, w - 1)
    fy = (ys - y0)[None, :, None, None]
    fx = (xs - x0)[None, None, :, None]
    top = x[:, y0][:, :, x0] + (x[:, y0][:, :, x1] - x[:, y0][:, :, x0]) * fx
    bottom = x[:, y1][:, :, x0] + (x[:, y1][:, :, x1] - x[:, y1][:, :, x0]) * fx
    return top + (bottom - top) * fy


def resize_torch(images, out_h, out_w):
    """F.interpolate bilinear, align_corners=False, on x / 255, in float64: returns [n, out_h, out_w, c]."""
    t = torch.from_numpy(images.astype(np.float64) / 255.0).permute(0, 3, 1, 2)
    return F.interpolate(t, size=(out_h, out_w), mode='bilinear', align_corners=False).permute(0, 2, 3, 1).numpy()


def run(model, x_nhwc):
    with torch.no_grad():
        pool3, logits = model(torch.from_numpy(x_nhwc.astype(np.float32)).permute(0, 3, 1, 2).contiguous())
    return pool3.numpy(), logits.numpy()


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def full_width_model():
    global DIV
    thin, DIV = DIV, 1
    try:
        return FIDInceptionV3()
    finally:
        DIV = thin


def main():
    torch.manual_seed(SEED)
    g = torch.Generator().manual_seed(SEED)
    model = FIDInceptionV3()
    randomise(model, g)
    model.eval()
    os.makedirs(OUT, exist_ok=True)
    pth = os.path.join(OUT, f'weights-div{DIV}.pth')
    torch.save(model.state_dict(), pth)

    rng = np.random.default_rng(SEED)
    images = rng.integers(0, 256, size=(3, 24, 20, 3), dtype=np.uint8)
    tf1 = (resize_tf1(images, 299, 299) - 128.0) / 128.0
    torch_input = 2.0 * resize_torch(images, 299, 299) - 1.0
    tf1_pool3, tf1_logits = run(model, tf1)
    torch_pool3, _ = run(model, torch_input)

    # Resize references on small sizes: up- and down-sampling, non-square.
    small = rng.integers(0, 256, size=(1, 13, 17, 3), dtype=np.uint8)
    resize_cases = []
    for (oh, ow) in ((29, 31), (7, 5)):
        resize_cases.append({'outHeight': oh, 'outWidth': ow,
                             'tf1': floats(resize_tf1(small, oh, ow)), 'torch': floats(resize_torch(small, oh, ow))})

    stats_rng = np.random.default_rng(7)
    feats = stats_rng.standard_normal((20, 8))
    mu = np.mean(feats, axis=0)
    sigma = np.cov(feats, rowvar=False)
    os.makedirs(NPZ_OUT, exist_ok=True)
    np.savez_compressed(os.path.join(NPZ_OUT, 'stats.npz'), mu=mu, sigma=sigma)
    np.savez(os.path.join(NPZ_OUT, 'stats-stored.npz'), mu=mu, sigma=sigma)
    with open(os.path.join(NPZ_OUT, 'stats.json'), 'w') as f:
        json.dump({'header': {'command': '/usr/bin/python3 tooling/reference/fid_inception.py', 'numpy': np.__version__},
                   'mu': floats(mu), 'sigma': floats(sigma)}, f)

    with open(pth, 'rb') as f:
        sha = hashlib.sha256(f.read()).hexdigest()

    # The full-width network's state_dict layout (what pt_inception-2015-12-05-6726825d.pth must hold).
    full = full_width_model()
    full_width = {'parameters': sum(p.numel() for p in full.parameters()),
                  'stateDict': {k: list(v.shape) for k, v in full.state_dict().items()}}
    fixture = {
        'header': {
            'command': '/usr/bin/python3 tooling/reference/fid_inception.py',
            'date': datetime.date.today().isoformat(),
            'python': platform.python_version(), 'torch': torch.__version__, 'numpy': np.__version__,
            'seed': SEED, 'channelDivisor': DIV, 'weightsSha256': sha,
            'note': 'pytorch-fid FID Inception structure, channels / 16, random weights; logits without bias',
        },
        'images': {'shape': list(images.shape), 'data': [int(v) for v in images.reshape(-1)]},
        'features': {
            'tf1': {'pool3': floats(tf1_pool3), 'logits': floats(tf1_logits)},
            'torch': {'pool3': floats(torch_pool3)},
            'featureSize': int(tf1_pool3.shape[1]),
        },
        'resize': {'image': {'shape': list(small.shape), 'data': [int(v) for v in small.reshape(-1)]}, 'cases': resize_cases},
        'stats': {'mu': floats(mu), 'sigma': floats(sigma)},
        'fullWidth': full_width,
    }
    with open(os.path.join(OUT, 'inception.json'), 'w') as f:
        json.dump(fixture, f)
    params = sum(p.numel() for p in model.parameters())
    print(f'{pth}: {params} parameters, sha256 {sha}; pool3 {tf1_pool3.shape}, range {tf1_pool3.min():.3g}..{tf1_pool3.max():.3g}',
          file=sys.stderr)


if __name__ == '__main__':
    main()
