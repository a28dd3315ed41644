#!/usr/bin/env python3
"""The workloads of `pnpm bench` (tooling/bench/src/workloads.mjs) in PyTorch, timed on this machine.

Run by tooling/bench/src/main.mjs as

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tooling/reference/bench_torch.py --threads 2 --iterations 5

and prints one JSON object on stdout: the torch version, BLAS, threads and, per workload, the
median wall and CPU (all threads) time of one training step in ms, and the wall samples. Never run in CI; nothing is committed from it but
the table in docs/benchmarks.md. Measured with Debian's python3-torch 1.13 and libopenblas0-pthread
(with Debian's reference BLAS the linear layers are about 8× slower: install OpenBLAS).

One step is what Saddle's alternating Adam makes: a discriminator move, then a generator move.
  D move: y = G(z) without a graph; L_D = mean softplus(−D(x)) + mean softplus(D(y)); Adam on D.
  G move: L_G = mean softplus(−D(G(z))) (D(x) is evaluated too, as Saddle's game does); Adam on G.
Batch-norm layers run in training mode, D on the real and the fake batch separately.
"""
import argparse
import json
import os
import statistics
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402  (after the OpenMP environment is set)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def dcgan(k=64, latent=100):
    """DCGAN for 32×32×3 (PyTorch examples/dcgan with three stages): G 4k/2k/k, D k/2k/4k, no biases."""
    g = nn.Sequential(
        nn.ConvTranspose2d(latent, 4 * k, 4, 1, 0, bias=False), nn.BatchNorm2d(4 * k), nn.ReLU(True),
        nn.ConvTranspose2d(4 * k, 2 * k, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * k), nn.ReLU(True),
        nn.ConvTranspose2d(2 * k, k, 4, 2, 1, bias=False), nn.BatchNorm2d(k), nn.ReLU(True),
        nn.ConvTranspose2d(k, 3, 4, 2, 1, bias=False), nn.Tanh(),
    )
    d = nn.Sequential(
        nn.Conv2d(3, k, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
        nn.Conv2d(k, 2 * k, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * k), nn.LeakyReLU(0.2, True),
        nn.Conv2d(2 * k, 4 * k, 4, 2, 1, bias=False), nn.BatchNorm2d(4 * k), nn.LeakyReLU(0.2, True),
        nn.Conv2d(4 * k, 1, 4, 1, 0, bias=False),
    )
    return g, d


def mlp(sizes):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def trainer(g, d, real, latent_shape, lr, beta1):
    opt_g = torch.optim.Adam(g.parameters(), lr=lr, betas=(beta1, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=lr, betas=(beta1, 0.999))

    def step():
        z = torch.randn(latent_shape)
        with torch.no_grad():
            fake = g(z)
        loss_d = F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean()
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        with torch.no_grad():
            d(real)
        loss_g = F.softplus(-d(g(z))).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        return loss_d.item(), loss_g.item()

    return step


def measure(step, warmup, iterations):
    for _ in range(warmup):
        step()
    samples, cpu = [], []
    for _ in range(iterations):
        t0, c0 = time.perf_counter(), time.process_time()
        step()
        samples.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)  # every thread of this process
    return {"median_ms": statistics.median(samples), "cpu_median_ms": statistics.median(cpu), "samples_ms": samples}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--mlp-iterations", type=int, default=50)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    g, d = dcgan()
    dcgan_step = trainer(g, d, torch.tanh(torch.randn(64, 3, 32, 32)), (64, 100, 1, 1), 2e-4, 0.5)
    mg, md = mlp([8, 64, 64, 2]), mlp([2, 64, 64, 1])
    mlp_step = trainer(mg, md, torch.randn(256, 2), (256, 8), 1e-3, 0.5)
    # Debian's torch is built against the generic libblas.so.3; which library that is, is an alternative.
    libblas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    blas = next((line.split("=", 1)[1] for line in torch.__config__.show().replace(",", "\n").splitlines() if "BLAS_INFO" in line), "?")
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "blas": blas.strip(),
        "libblas": libblas,
        "results": {
            "dcgan": measure(dcgan_step, 1, args.iterations),
            "mlp": measure(mlp_step, 5, args.mlp_iterations),
        },
    }))


if __name__ == "__main__":
    main()
