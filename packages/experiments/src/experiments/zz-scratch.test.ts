import { describeWithBackends } from '@saddle/testing';
import { it } from 'vitest';
import { balaji2021Overparam } from './balaji2021-overparam.js';

describeWithBackends('scratch', { skip: { cpu: 'x' } }, ({ backend }) => {
  it('learns?', async () => {
    const t0 = performance.now();
    const r = await balaji2021Overparam.run({ ...balaji2021Overparam.config(false), part: 'dcgan', dcganWidths: [8, 32], dcganIterations: 1200, dcganBatchSize: 32, dcganEvalEvery: 200, dcganEvalSamples: 240 },
      { seeds: 1, quick: false, backendName: backend.name, progress: (s, d, t) => console.log(s, d, t, ((performance.now() - t0) / 1000).toFixed(0)) });
    console.log(JSON.stringify((r.data as { dcgan: { runs: { coverage: unknown }[] } }).dcgan.runs.map((x) => x.coverage)));
    console.log(JSON.stringify(r.tables[0]?.rows), ((performance.now() - t0) / 1000).toFixed(0));
  }, 1_800_000);
});
