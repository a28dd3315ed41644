#!/usr/bin/env python3
"""Writes the 48x48 parity fixtures and the Table 2 parameter counts of @saddle/models
(packages/models/src/__fixtures__/rsgan-48/).

Run from the repository root: /usr/bin/python3 tooling/reference/rsgan-48.py
Needs Python 3, numpy and PyTorch (Debian: apt-get install python3-torch; written with torch 1.13.1, CPU).

The modules below are written from the architecture descriptions of RS-GAN's networks.py, gen_resblocks.py and
disc_resblocks.py (papers.md section 2.5): DCGenerator32 / SNDCDiscriminator32 with first_kernel 6 (the 48x48 CNN
pair), ResNetGenerator48 / SNResNetProjectionDiscriminator48, and the 32x32 ResNet pair for the counts.

Writes:
  table2.json           trainable parameter counts (sum of p.numel() over module.parameters()) of G and D for the
                        regular, channel/2, channel/4 and bottleneck nets at 32x32, built as getGD_SN builds them
                        (ResNet 32: D gets num_features // 2)
  <net>.pth             state_dict of a small random-weight network (torch.save, zip format), BatchNorm affine
                        parameters and running statistics randomised, spectral norm's u and v after 3 training
                        passes; nets: cnn-g48 (F=2), cnn-d48 (F=2), resnet-g48 (F=2), resnet-d48 (F=2),
                        generators with dim_z = 16 to keep the files small
  latents.npy           float32 [2, 16], standard normal
  images.npy            float32 [2, 3, 48, 48] (NCHW), uniform in [-1, 1], the discriminators' input
  <net>.eval.npy        the net's output for those inputs in eval mode (generators: NCHW images; discriminators: [2, 1])
  <net>.train.npy       the output in training mode, starting from the saved state_dict (BatchNorm uses batch
                        statistics; spectral norm runs one power iteration first)
  manifest.json         the nets' settings, this command and the versions used
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import init, utils

OUT = os.path.join('packages', 'models', 'src', '__fixtures__', 'rsgan-48')
SEED = 20201210


def upsample(x):
    h, w = x.size()[2:]
    return F.interpolate(x, size=(h * 2, w * 2), mode='bilinear', align_corners=False)


class GenBlock(nn.Module):
    """y = c_sc(up(x)) + c2(relu(b2(c1(up(relu(b1(x))))))), hidden out (or out // 2 with bottleneck)."""

    def __init__(self, in_ch, out_ch, bottleneck):
        super().__init__()
        h_ch = out_ch // 2 if bottleneck else out_ch
        self.c1 = nn.Conv2d(in_ch, h_ch, 3, 1, 1)
        self.c2 = nn.Conv2d(h_ch, out_ch, 3, 1, 1)
        self.b1 = nn.BatchNorm2d(in_ch)
        self.b2 = nn.BatchNorm2d(h_ch)
        self.c_sc = nn.Conv2d(in_ch, out_ch, 1)

    def forward(self, x):
        h = self.c1(upsample(F.relu(self.b1(x))))
        return self.c_sc(upsample(x)) + self.c2(F.relu(self.b2(h)))


class DiscBlock(nn.Module):
    """y = pool(c_sc(x)) + pool(c2(act(c1(act(x))))), hidden in (or in // 2), every conv spectrally normalised."""

    def __init__(self, in_ch, out_ch, bottleneck, act):
        super().__init__()
        h_ch = in_ch // 2 if bottleneck else in_ch
        self.act = act
        self.c1 = utils.spectral_norm(nn.Conv2d(in_ch, h_ch, 3, 1, 1))
        self.c2 = utils.spectral_norm(nn.Conv2d(h_ch, out_ch, 3, 1, 1))
        self.c_sc = utils.spectral_norm(nn.Conv2d(in_ch, out_ch, 1, 1, 0))
        for conv in (self.c1, self.c2, self.c_sc):
            init.orthogonal_(conv.weight_orig.data)

    def forward(self, x):
        h = self.c2(self.act(self.c1(self.act(x))))
        return F.avg_pool2d(self.c_sc(x), 2) + F.avg_pool2d(h, 2)


class OptimizedBlock(nn.Module):
    """y = c_sc(pool(x)) + pool(c2(act(c1(x)))), hidden out (or out // 2)."""

    def __init__(self, in_ch, out_ch, bottleneck, act):
        super().__init__()
        h_ch = out_ch // 2 if bottleneck else out_ch
        self.act = act
        self.c1 = utils.spectral_norm(nn.Conv2d(in_ch, h_ch, 3, 1, 1))
        self.c2 = utils.spectral_norm(nn.Conv2d(h_ch, out_ch, 3, 1, 1))
        self.c_sc = utils.spectral_norm(nn.Conv2d(in_ch, out_ch, 1, 1, 0))
        for conv in (self.c1, self.c2, self.c_sc):
            init.orthogonal_(conv.weight_orig.data)

    def forward(self, x):
        return self.c_sc(F.avg_pool2d(x, 2)) + F.avg_pool2d(self.c2(self.act(self.c1(x))), 2)


def leaky(x):
    return F.leaky_relu(x, 0.1)


class ResNetGenerator(nn.Module):
    """ResNetGenerator32 (widths F, F, F, F; bottom 4) or ResNetGenerator48 (8F, 4F, 2F, F; bottom 6)."""

    def __init__(self, f, image_size, bottleneck=False, dim_z=128):
        super().__init__()
        widths = [f] * 4 if image_size == 32 else [8 * f, 4 * f, 2 * f, f]
        self.bottom = image_size // 8
        self.l1 = nn.Linear(dim_z, widths[0] * self.bottom ** 2)
        for i in range(3):
            setattr(self, f'block{i + 2}', GenBlock(widths[i], widths[i + 1], bottleneck))
        self.b5 = nn.BatchNorm2d(f)
        self.conv5 = nn.Conv2d(f, 3, 1, 1)

    def forward(self, z):
        h = self.l1(z).view(z.size(0), -1, self.bottom, self.bottom)
        for i in range(2, 5):
            h = getattr(self, f'block{i}')(h)
        return torch.tanh(self.conv5(F.relu(self.b5(h))))


class SNResNetDiscriminator(nn.Module):
    """SNResNetProjectionDiscriminator32 (F everywhere, 4 blocks) or 48 (F, 2F, 4F, 8F, 16F, 5 blocks)."""

    def __init__(self, f, image_size, bottleneck=False):
        super().__init__()
        widths = [3, f, f, f, f] if image_size == 32 else [3, f, 2 * f, 4 * f, 8 * f, 16 * f]
        self.blocks = len(widths) - 1
        self.block1 = OptimizedBlock(3, widths[1], bottleneck, leaky)
        for i in range(2, self.blocks + 1):
            setattr(self, f'block{i}', DiscBlock(widths[i - 1], widths[i], bottleneck, leaky))
        self.proj = utils.spectral_norm(nn.Linear(widths[-1], 1, bias=False))
        init.orthogonal_(self.proj.weight_orig.data)

    def forward(self, x):
        h = x
        for i in range(1, self.blocks + 1):
            h = getattr(self, f'block{i}')(h)
        return self.proj(leaky(h).sum(dim=(2, 3)))


class CnnGenerator(nn.Module):
    """DCGenerator32 with first_kernel s = image_size / 8; Linear and Conv weights xavier-uniform."""

    def __init__(self, f, image_size, dim_z=128):
        super().__init__()
        self.f, self.s = f, image_size // 8
        self.l1 = nn.Linear(dim_z, 8 * f * self.s * self.s)
        widths = [8 * f, 4 * f, 2 * f, f]
        for i in range(1, 4):
            setattr(self, f'deconv{i}', nn.ConvTranspose2d(widths[i - 1], widths[i], 4, 2, 1))
            setattr(self, f'deconv{i}_bn', nn.BatchNorm2d(widths[i]))
        self.conv4 = nn.Conv2d(f, 3, 3, 1, 1)
        init.xavier_uniform_(self.l1.weight)
        init.xavier_uniform_(self.conv4.weight)

    def forward(self, z):
        x = self.l1(z).view(-1, 8 * self.f, self.s, self.s)
        for i in range(1, 4):
            x = F.relu(getattr(self, f'deconv{i}_bn')(getattr(self, f'deconv{i}')(x)))
        return torch.tanh(self.conv4(x))


class SnCnnDiscriminator(nn.Module):
    """SNDCDiscriminator32 with first_kernel s = image_size / 8; weights orthogonal."""

    CONVS = [(3, 1, 3), (1, 1, 4), (1, 2, 3), (2, 2, 4), (2, 4, 3), (4, 4, 4), (4, 8, 3)]

    def __init__(self, f, image_size):
        super().__init__()
        s = image_size // 8
        for i, (a, b, k) in enumerate(self.CONVS):
            cin = 3 if i == 0 else a * f
            conv = nn.Conv2d(cin, b * f, k, 2 if k == 4 else 1, 1)
            init.orthogonal_(conv.weight)
            setattr(self, f'conv{i + 1}', utils.spectral_norm(conv))
        proj = nn.Linear(8 * f * s * s, 1, bias=False)
        init.orthogonal_(proj.weight)
        self.proj = utils.spectral_norm(proj)

    def forward(self, x):
        for i in range(1, 8):
            x = leaky(getattr(self, f'conv{i}')(x))
        return self.proj(x.reshape(x.size(0), -1))


def count(module):
    return sum(p.numel() for p in module.parameters())


def table2():
    cnn = {name: {'numFeatures': f, 'generator': count(CnnGenerator(f, 32)), 'discriminator': count(SnCnnDiscriminator(f, 32))}
           for name, f in [('regular', 64), ('channel/2', 32), ('channel/4', 16)]}
    resnet = {}
    for name, f, bottleneck in [('regular', 256, False), ('channel/2', 128, False), ('channel/4', 64, False),
                                ('bottleneck', 128, True), ('bottleneck at full width', 256, True)]:
        resnet[name] = {'numFeatures': f, 'bottleneck': bottleneck,
                        'generator': count(ResNetGenerator(f, 32, bottleneck)),
                        'discriminator': count(SNResNetDiscriminator(f // 2, 32, bottleneck))}
    return {'definition': 'trainable parameters (sum of p.numel() over module.parameters()) of getGD_SN(structure, '
                          'image_size=32, num_features) netG and netD; buffers (BatchNorm statistics, spectral '
                          'norm u and v) excluded', 'cnn': cnn, 'resnet': resnet}


def randomise_batch_norm(module, g):
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            c = m.num_features
            m.weight.data = 1 + 0.2 * torch.randn(c, generator=g)
            m.bias.data = 0.1 * torch.randn(c, generator=g)
            m.running_mean.data = 0.1 * torch.randn(c, generator=g)
            m.running_var.data = 0.5 + torch.rand(c, generator=g)


def save(name, module, inputs):
    torch.save(module.state_dict(), os.path.join(OUT, f'{name}.pth'))
    module.eval()
    with torch.no_grad():
        np.save(os.path.join(OUT, f'{name}.eval.npy'), module(inputs).numpy().astype(np.float32))
    module.train()
    with torch.no_grad():
        np.save(os.path.join(OUT, f'{name}.train.npy'), module(inputs).numpy().astype(np.float32))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(SEED)
    g = torch.Generator().manual_seed(SEED)
    dim_z, f = 16, 2
    latents = torch.randn(2, dim_z, generator=g)
    images = torch.rand(2, 3, 48, 48, generator=g) * 2 - 1
    np.save(os.path.join(OUT, 'latents.npy'), latents.numpy())
    np.save(os.path.join(OUT, 'images.npy'), images.numpy())

    nets = {
        'cnn-g48': (CnnGenerator(f, 48, dim_z), latents),
        'cnn-d48': (SnCnnDiscriminator(f, 48), images),
        'resnet-g48': (ResNetGenerator(f, 48, dim_z=dim_z), latents),
        'resnet-d48': (SNResNetDiscriminator(f, 48), images),
    }
    for name, (module, inputs) in nets.items():
        randomise_batch_norm(module, g)
        if name.endswith('d48'):
            module.train()
            with torch.no_grad():
                for _ in range(3):
                    module(images)  # power iterations, so the saved u and v are not the random initial ones
        save(name, module, inputs)

    manifest = {
        'command': '/usr/bin/python3 tooling/reference/rsgan-48.py',
        'versions': {'python': sys.version.split()[0], 'torch': torch.__version__, 'numpy': np.__version__},
        'nets': {
            'cnn-g48': {'builder': 'cnnGenerator', 'numFeatures': f, 'imageSize': 48, 'latentSize': dim_z},
            'cnn-d48': {'builder': 'snCnnDiscriminator', 'numFeatures': f, 'imageSize': 48},
            'resnet-g48': {'builder': 'resNetGenerator', 'numFeatures': f, 'imageSize': 48, 'latentSize': dim_z},
            'resnet-d48': {'builder': 'snResNetDiscriminator', 'numFeatures': f, 'imageSize': 48},
        },
        'parameters': {name: count(module) for name, (module, _) in nets.items()},
    }
    with open(os.path.join(OUT, 'manifest.json'), 'w') as fh:
        json.dump(manifest, fh, indent=2)
        fh.write('\n')
    with open(os.path.join(OUT, 'table2.json'), 'w') as fh:
        json.dump(table2(), fh, indent=2)
        fh.write('\n')


if __name__ == '__main__':
    main()
