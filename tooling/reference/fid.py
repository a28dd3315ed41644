#!/usr/bin/env python3
"""Reference values for the metric math of @saddle/metrics, computed independently with NumPy/SciPy.

Writes packages/metrics/src/__fixtures__/metrics.json. The tests read that committed file; this
script never runs in CI. Rerun it (from the repository root) only to change the cases:

    /usr/bin/python3 tooling/reference/fid.py

- FID: pytorch-fid's `calculate_frechet_distance` (scipy.linalg.sqrtm of Σ1·Σ2, retried with
  1e-6·I when not finite, real part taken when the imaginary diagonal is below 1e-3), on
  statistics from `np.mean` / `np.cov(rowvar=False)`; one full-rank and one rank-deficient (n < d) case,
  plus Tr sqrtm(Σ1Σ2) of two random SPD matrices. The rank-deficient case is also computed with
  mpmath at 60 digits (symmetric-eig route), because scipy's sqrtm of a singular product keeps
  round-off of order √ε per zero eigenvalue.
- IS: torch-fidelity's `isc_features_to_metric` without shuffling, in float64 with
  scipy.special.log_softmax.
- KID: torch-fidelity's `mmd2` (unbiased, polynomial kernel) with one subset holding every
  sample, so no random draw is involved.
- Precision/recall: Kynkäänniemi et al.'s k-NN radii (k = 3) with dense distance matrices.

Features are rounded to float32 before use, so the JSON numbers are exactly what Saddle reads.
"""
import datetime
import json
import platform
import sys
from pathlib import Path

import mpmath
import numpy as np
import scipy
import scipy.linalg
import scipy.special

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "packages" / "metrics" / "src" / "__fixtures__" / "metrics.json"
SEED = 20171206  # Heusel et al., NeurIPS 2017


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def stats(x):
    return x.mean(axis=0), np.cov(x, rowvar=False)


def pytorch_fid_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid's calculate_frechet_distance, verbatim in substance."""
    diff = mu1 - mu2
    covmean, _ = scipy.linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    offset_used = 0.0
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = scipy.linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
        offset_used = eps
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("imaginary component {}".format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean), offset_used


def exact_fid(x1, x2, digits=60):
    """FID of two float64 feature sets at `digits` digits: Tr((Σ1Σ2)^{1/2}) = Σ √λ(Σ1^{1/2} Σ2 Σ1^{1/2})."""
    mpmath.mp.dps = digits
    d = x1.shape[1]

    def mp_stats(x):
        rows = [[mpmath.mpf(float(v)) for v in r] for r in x]
        n = len(rows)
        mu = [sum(r[j] for r in rows) / n for j in range(d)]
        s = mpmath.matrix(d, d)
        for i in range(d):
            for j in range(d):
                s[i, j] = sum((r[i] - mu[i]) * (r[j] - mu[j]) for r in rows) / (n - 1)
        return mu, s

    mu1, s1 = mp_stats(x1)
    mu2, s2 = mp_stats(x2)
    e, q = mpmath.eigsy(s1)
    root = q * mpmath.diag([mpmath.sqrt(max(v, 0)) for v in e]) * q.T
    tr = sum(mpmath.sqrt(max(v, 0)) for v in mpmath.eigsy(root * s2 * root, eigvals_only=True))
    fid = sum((a - b) ** 2 for a, b in zip(mu1, mu2)) + sum(s1[i, i] + s2[i, i] for i in range(d)) - 2 * tr
    return float(fid)


def inception_score(logits, splits):
    n = logits.shape[0]
    p = scipy.special.softmax(logits, axis=1)
    log_p = scipy.special.log_softmax(logits, axis=1)
    scores = []
    for i in range(splits):
        sl = slice(i * n // splits, (i + 1) * n // splits)
        q = p[sl].mean(axis=0, keepdims=True)
        kl = (p[sl] * (log_p[sl] - np.log(q))).sum(axis=1).mean()
        scores.append(float(np.exp(kl)))
    return scores, float(np.mean(scores)), float(np.std(scores))


def mmd2(f1, f2, degree=3, gamma=None, coef0=1):
    """torch-fidelity's mmd2 (from Bińkowski et al.'s code)."""
    if gamma is None:
        gamma = 1.0 / f1.shape[1]
    kernel = lambda a, b: (gamma * a.dot(b.T) + coef0) ** degree
    k11, k22, k12 = kernel(f1, f1), kernel(f2, f2), kernel(f1, f2)
    m = f1.shape[0]
    kt_xx = (k11.sum(axis=-1) - np.diag(k11)).sum()
    kt_yy = (k22.sum(axis=-1) - np.diag(k22)).sum()
    k_xy = k12.sum(axis=0).sum()
    return float((kt_xx + kt_yy) / (m * (m - 1)) - 2 * k_xy / (m * m))


def precision_recall(real, fake, k=3):
    def radii(x):
        d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
        return np.partition(d, k, axis=1)[:, k]  # k-th neighbour; column 0 is the sample itself

    def covered(manifold, r, queries):
        d = np.sqrt(((queries[:, None, :] - manifold[None, :, :]) ** 2).sum(-1))
        return float((d <= r[None, :]).any(axis=1).mean())

    return covered(real, radii(real), fake), covered(fake, radii(fake), real)


def main():
    rng = np.random.default_rng(SEED)
    d = 16
    mix = rng.normal(size=(d, d)) / np.sqrt(d)
    real = f32(rng.normal(size=(40, d)) @ mix + 0.5)
    fake = f32(1.3 * rng.normal(size=(50, d)) @ mix.T + rng.normal(size=d) * 0.2)
    mu1, s1 = stats(real)
    mu2, s2 = stats(fake)
    fid_full, off_full = pytorch_fid_distance(mu1, s1, mu2, s2)
    few_real, few_fake = real[:10], fake[:12]
    fid_rank, off_rank = pytorch_fid_distance(*stats(few_real), *stats(few_fake))
    fid_rank_exact = exact_fid(few_real, few_fake)

    a = rng.normal(size=(32, 32))
    b = rng.normal(size=(32, 32))
    spd1 = f32(a @ a.T / 32 + 0.1 * np.eye(32))
    spd2 = f32(b @ b.T / 32 + 0.1 * np.eye(32))
    spd1, spd2 = (spd1 + spd1.T) / 2, (spd2 + spd2.T) / 2
    tr_sqrt = float(np.trace(scipy.linalg.sqrtm(spd1 @ spd2)).real)

    logits = f32(3 * rng.normal(size=(50, 10)))
    split_scores, is_mean, is_std = inception_score(logits, 5)

    kid_real, kid_fake = real[:30], fake[:30]
    kid = mmd2(kid_real, kid_fake)
    precision, recall = precision_recall(real, fake, 3)

    out = {
        "header": {
            "command": "/usr/bin/python3 tooling/reference/fid.py",
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "mpmath": mpmath.__version__,
            "platform": platform.platform(),
            "date": datetime.date.today().isoformat(),
            "seed": SEED,
        },
        "features": {"d": d, "real": real.ravel().tolist(), "fake": fake.ravel().tolist(), "nReal": 40, "nFake": 50},
        "statistics": {"realMean": mu1.tolist(), "realCovariance": s1.ravel().tolist()},
        "fid": {"full": fid_full, "fullOffset": off_full, "rankDeficient": {"nReal": 10, "nFake": 12, "value": fid_rank, "offset": off_rank, "exact": fid_rank_exact}},
        "spd": {"d": 32, "a": spd1.ravel().tolist(), "b": spd2.ravel().tolist(), "traceSqrtProduct": tr_sqrt},
        "inceptionScore": {"logits": logits.ravel().tolist(), "shape": [50, 10], "splits": 5, "splitScores": split_scores, "mean": is_mean, "std": is_std},
        "kid": {"nReal": 30, "nFake": 30, "degree": 3, "coef0": 1, "mmd2": kid},
        "precisionRecall": {"k": 3, "precision": precision, "recall": recall},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: fid {fid_full:.12g} (rank-deficient {fid_rank:.12g}, offset {off_rank}, exact {fid_rank_exact:.17g}), "
          f"IS {is_mean:.6f} ± {is_std:.6f}, KID {kid:.6g}, P/R {precision}/{recall}")


if __name__ == "__main__":
    main()
