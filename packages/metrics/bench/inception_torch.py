#!/usr/bin/env python3
"""PyTorch CPU reference timing for packages/metrics/bench/inception.bench.mjs (run by it; prints one JSON line).

The full-width FID Inception network of tooling/reference/fid_inception.py (the pytorch-fid structure, channel
divisor 1, random weights: speed does not depend on the values), in eval mode under torch.no_grad, on BATCH
random 299x299 inputs in [-1, 1]. Only the network is timed here; the Saddle run also times its resize from
32x32 uint8, a negligible share of the work. CPU time (time.process_time) counts every thread. THREADS (default:
torch's own choice) is passed to torch.set_num_threads; the bench runs it with OMP_WAIT_POLICY=PASSIVE, so idle
OpenMP threads sleep instead of spinning and CPU time counts work, and with OMP_NUM_THREADS and
OPENBLAS_NUM_THREADS = THREADS, since OpenBLAS's own thread pool ignores torch.set_num_threads.

    OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=T OPENBLAS_NUM_THREADS=T /usr/bin/python3 packages/metrics/bench/inception_torch.py BATCH REPEATS T
    # {"imagesPerSecond", "cpuSecondsPerImage", "threads", ...}
"""
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..', 'tooling', 'reference'))
import fid_inception  # noqa: E402

batch, repeats = int(sys.argv[1]), int(sys.argv[2])
if len(sys.argv) > 3:
    torch.set_num_threads(int(sys.argv[3]))
fid_inception.DIV = 1
torch.manual_seed(0)
model = fid_inception.FIDInceptionV3().eval()
x = torch.rand(batch, 3, 299, 299) * 2 - 1
with torch.no_grad():
    model(x)  # warm-up
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(repeats):
        pool3, _ = model(x)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
print(json.dumps({'imagesPerSecond': batch * repeats / seconds, 'cpuSecondsPerImage': cpu_seconds / (batch * repeats), 'torch': torch.__version__, 'threads': torch.get_num_threads(),
                  'featureSize': pool3.shape[1]}))
