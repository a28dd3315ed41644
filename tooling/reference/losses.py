#!/usr/bin/env python3
"""Reference values for @saddle/losses, computed independently with PyTorch in float64.

Writes packages/losses/src/__fixtures__/losses.json. The tests read that committed file; this
script never runs in CI. Rerun it (from the repository root) only to change the cases:

    /usr/bin/python3 tooling/reference/losses.py

Each loss is written the way PyTorch code writes it (binary_cross_entropy_with_logits for the
JS-GAN and RaGAN terms, softplus for RS-GAN as in Sun et al.'s rsgan.py, mse_loss for LSGAN,
relu for the hinge losses), not from Saddle's h-function families. Inputs are float32 values;
everything is computed in float64 from them. Gradients are torch.autograd's; penalty
gradients with respect to the critic's weights use create_graph=True (double backprop).
"""
import datetime
import json
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "packages" / "losses" / "src" / "__fixtures__" / "losses.json"
SEED = 20201110  # Sun, Fang, Schwing on arXiv (2011.04926)


def f32(a):
    """float32 values as a float64 tensor (the exact values the tfjs tests hold)."""
    return torch.tensor(np.asarray(a, dtype=np.float32).astype(np.float64), dtype=torch.float64)


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, float(target)), reduction="none")


# Per-sample terms (paired by index where a term uses both batches) as functions of real
# logits r and generated logits f; None where the loss has no per-sample form for unequal n.
def losses():
    def sep(d_real, d_fake, g_fake):
        return {
            "discriminator": lambda r, f: (d_real(r).mean() + d_fake(f).mean(), d_real(r) + d_fake(f) if len(r) == len(f) else None),
            "generator": lambda r, f: (g_fake(f).mean(), g_fake(f)),
        }

    def paired(d, g):
        return {
            "discriminator": lambda r, f: (d(r, f).mean(), d(r, f)),
            "generator": lambda r, f: (g(r, f).mean(), g(r, f)),
        }

    def ragan(sign):
        def player(r, f):
            on_real = bce(r - f.mean(), 1 if sign > 0 else 0)
            on_fake = bce(f - r.mean(), 0 if sign > 0 else 1)
            return on_real.mean() + on_fake.mean(), on_real + on_fake if len(r) == len(f) else None
        return player

    return {
        "js-gan": sep(lambda r: bce(r, 1), lambda f: bce(f, 0), lambda f: -bce(f, 0)),
        "non-saturating": sep(lambda r: bce(r, 1), lambda f: bce(f, 0), lambda f: bce(f, 1)),
        "least-squares": sep(
            lambda r: 0.5 * F.mse_loss(r, torch.ones_like(r), reduction="none"),
            lambda f: 0.5 * F.mse_loss(f, torch.zeros_like(f), reduction="none"),
            lambda f: 0.5 * F.mse_loss(f, torch.ones_like(f), reduction="none"),
        ),
        "wasserstein": sep(lambda r: -r, lambda f: f, lambda f: -f),
        "hinge": sep(lambda r: F.relu(1 - r), lambda f: F.relu(1 + f), lambda f: -f),
        "rs-gan": paired(lambda r, f: F.softplus(f - r), lambda r, f: F.softplus(r - f)),
        "rs-hinge": paired(lambda r, f: F.relu(1 + f - r), lambda r, f: F.relu(1 + r - f)),
        "relativistic-average": {"discriminator": ragan(1), "generator": ragan(-1)},
    }


def evaluate(name, player, fn, real, fake):
    r = f32(real).requires_grad_(True)
    f = f32(fake).requires_grad_(True)
    mean, per_sample = fn(r, f)
    grad_real, grad_fake = torch.autograd.grad(mean, [r, f], allow_unused=True)
    zeros = torch.zeros_like
    return {
        "loss": name,
        "player": player,
        "mean": mean.item(),
        "perSample": None if per_sample is None else per_sample.detach().tolist(),
        "gradReal": (zeros(r) if grad_real is None else grad_real).tolist(),
        "gradFake": (zeros(f) if grad_fake is None else grad_fake).tolist(),
    }


def loss_cases(rng):
    # Paired batches: logits over [−30, 30] plus extremes up to |100| (differences up to 200).
    extremes_real = [-100.0, -50.0, -14.0, -1e-3, 0.0, 3.0, 50.0, 100.0]
    extremes_fake = [100.0, -100.0, 0.5, 14.0, -88.0, 0.0, -50.0, 99.0]
    real = np.concatenate([rng.uniform(-30, 30, 16), extremes_real]).astype(np.float32)
    fake = np.concatenate([rng.uniform(-30, 30, 16), extremes_fake]).astype(np.float32)
    # Unpaired batches (n_real ≠ n_fake) for the losses whose means allow it.
    real_u = rng.uniform(-8, 8, 24).astype(np.float32)
    fake_u = rng.uniform(-8, 8, 17).astype(np.float32)
    cases = []
    for label, (r, f, names) in {
        "paired": (real, fake, list(losses())),
        "unpaired": (real_u, fake_u, ["js-gan", "non-saturating", "least-squares", "wasserstein", "hinge", "relativistic-average"]),
    }.items():
        values = []
        for name in names:
            for player in ["discriminator", "generator"]:
                values.append(evaluate(name, player, losses()[name][player], r, f))
        cases.append({"case": label, "realLogits": r.tolist(), "fakeLogits": f.tolist(), "values": values})
    return cases


def critic_case(rng):
    """A softplus MLP critic 2 → 8 → 8 → 1 with fixed weights; penalties and their weight gradients.

    softplus, not tanh: tfjs 4.22 drops second-order terms through ops whose gradient reads their
    saved output (tanh, sigmoid, exp), so a penalty on a tanh critic has wrong weight gradients
    there; softplus's gradient reads its input.
    """
    shapes = {"dense0/kernel": (2, 8), "dense0/bias": (8,), "dense1/kernel": (8, 8), "dense1/bias": (8,), "dense2/kernel": (8, 1), "dense2/bias": (1,)}
    weights = {k: rng.normal(0, 0.85, s).astype(np.float32) for k, s in shapes.items()}
    real = rng.normal(0, 1.5, (6, 2)).astype(np.float32)
    fake = rng.normal(0, 1.5, (6, 2)).astype(np.float32)
    params = {k: f32(v).requires_grad_(True) for k, v in weights.items()}

    def critic(x):
        h = F.softplus(x @ params["dense0/kernel"] + params["dense0/bias"], threshold=50)
        h = F.softplus(h @ params["dense1/kernel"] + params["dense1/bias"], threshold=50)
        return (h @ params["dense2/kernel"] + params["dense2/bias"]).reshape(-1)

    def input_grad_norms2(points):
        x = f32(points).requires_grad_(True)
        (g,) = torch.autograd.grad(critic(x).sum(), [x], create_graph=True)
        return (g ** 2).sum(dim=1)

    def record(label, per_sample):
        mean = per_sample.mean()
        # The output bias does not reach ∇_x f: its gradient is None, i.e. zero.
        grads = torch.autograd.grad(mean, list(params.values()), allow_unused=True)
        return {
            "penalty": label,
            "mean": mean.item(),
            "perSample": per_sample.detach().tolist(),
            "gradParams": {k: (torch.zeros_like(p) if g is None else g).reshape(-1).tolist() for (k, p), g in zip(params.items(), grads)},
        }

    gp_weight, gp_target = 10.0, 1.0
    return {
        "weights": {k: {"shape": list(v.shape), "values": v.reshape(-1).tolist()} for k, v in weights.items()},
        "real": real.tolist(),
        "fake": fake.tolist(),
        "gradientPenalty": {"weight": gp_weight, "target": gp_target, "note": "evaluated with fake = real, so every interpolate is x_i"},
        "values": [
            record("gradient-penalty", gp_weight * (input_grad_norms2(real).sqrt() - gp_target) ** 2),
            record("gradient-penalty-one-sided", gp_weight * F.relu(input_grad_norms2(real).sqrt() - gp_target) ** 2),
            record("r1", 10.0 / 2 * input_grad_norms2(real)),
            record("r2", 10.0 / 2 * input_grad_norms2(fake)),
        ],
    }


def debian_package_version(name):
    """The Debian package that provided a module, e.g. python3-torch 1.13.1+dfsg-4 (None elsewhere)."""
    try:
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True, check=True).stdout
        return f"{name} {version}"
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    rng = np.random.RandomState(SEED)
    fixture = {
        "header": {
            "description": "Golden values for @saddle/losses from an independent PyTorch (float64) implementation",
            "command": "/usr/bin/python3 tooling/reference/losses.py",
            "python": platform.python_version(),
            "torch": torch.__version__,
            "numpy": np.__version__,
            "date": datetime.date.today().isoformat(),
            "torchPackage": debian_package_version("python3-torch"),
            "seed": SEED,
        },
        "losses": loss_cases(rng),
        "critic": critic_case(rng),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} (torch {torch.__version__}, numpy {np.__version__}, python {platform.python_version()})", file=sys.stderr)


if __name__ == "__main__":
    main()
