import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { sun2020TwoCluster } from './sun2020-two-cluster.js';

interface Run {
  init: string;
  loss: string;
  seed: number;
  finalCounts: [number, number];
  finalLossD: number;
  log: { epoch: number[]; lossD: number[]; counts: [number, number][]; dAtCenters: [number, number][] };
}

describeWithBackends('sun2020-two-cluster (quick)', { skip: { wasm: 'the runs are float64 on the host; TF.js only initialises, which the trainer test covers on every backend' } }, () => {
  it('runs JS and RS from both starts on every seed with finite, in-range logs', async () => {
    const config = sun2020TwoCluster.config(true);
    const result = await sun2020TwoCluster.run(config, { seeds: 1, quick: true, backendName: 'cpu', progress: () => undefined });
    const runs = (result.data as { runs: Run[] }).runs;
    expect(runs).toHaveLength(4);
    expect(new Set(runs.map((r) => `${r.init}/${r.loss}/${r.seed}`)).size).toBe(4);
    for (const run of runs) {
      expect(run.log.epoch).toHaveLength(Math.ceil(config.epochs.collapsed / config.logEvery));
      // The D loss lies between 0 and its value at a constant D, log 2 (JS halved) plus slack for a bad D.
      for (const v of run.log.lossD) expect(v > 0 && v < 3).toBe(true);
      for (const [d0, d4] of run.log.dAtCenters) expect(d0 >= 0 && d0 <= 1 && d4 >= 0 && d4 <= 1).toBe(true);
      expect(run.finalCounts[0] + run.finalCounts[1]).toBeLessThanOrEqual(config.count);
    }
    // The collapsed start puts every generated point in cluster 0's window at epoch 0.
    for (const run of runs.filter((r) => r.init === 'collapsed')) expect(run.log.counts[0]).toEqual([100, 0]);
    expect(result.comparisons).toHaveLength(6);
    for (const c of result.comparisons) expect(['agrees', 'partly', 'disagrees', 'not comparable']).toContain(c.agreement);
    expect(result.figures.length).toBeGreaterThanOrEqual(3);
  });
});
