import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason } from './chromium.js';
import { CONFORMANCE_CASES, PAGE_BACKENDS, WORKER_CASES } from './conformance/cases.js';
import { runConformanceInChromium, type ChromiumRun } from './conformance/run-in-chromium.js';
import { CONFORMANCE_TOLERANCE } from './conformance/tolerance.js';

// One vitest test per (backend, case), named from the shared case list; the page runs them all
// in one Chromium session (beforeAll) and each test reads its own result.
const missing = chromiumMissingReason();
const SUITE = 'backend conformance in headless Chromium';

if (missing !== undefined && process.env.CI !== '1') {
  describe(SUITE, () => {
    it.skip(`skipped: ${missing}`, () => undefined);
  });
} else {
  describe(SUITE, () => {
    let run: ChromiumRun | undefined;
    let failure: unknown;
    beforeAll(async () => {
      if (missing !== undefined) return;
      try {
        run = await runConformanceInChromium();
      } catch (error) {
        failure = error;
      }
    }, 300_000);

    afterAll(() => {
      if (run === undefined) return;
      const lines = PAGE_BACKENDS.map((backend) => {
        const mine = run!.results.filter((r) => r.backend === backend);
        const passed = mine.filter((r) => r.error === undefined).length;
        const worst = Math.max(...mine.map((r) => r.maxRelError));
        const seconds = mine.reduce((sum, r) => sum + r.ms, 0) / 1000;
        const slowest = mine.reduce((a, b) => (b.ms > a.ms ? b : a));
        const tol = CONFORMANCE_TOLERANCE[backend];
        return `${backend}: ${passed}/${mine.length} passed (|a − e| ≤ ${tol?.atol} + ${tol?.rtol}·|e|), max relative error ` +
          `${worst.toExponential(2)}, ${seconds.toFixed(1)} s with the cpu reference, slowest ${(slowest.ms / 1000).toFixed(1)} s: ${slowest.name}`;
      });
      console.log(`in-page conformance (${run.renderer}), ${run.seconds.toFixed(1)} s:\n  ${lines.join('\n  ')}`);
    });

    it('Chromium is installed (required when CI=1)', () => {
      expect(missing, 'CI runs the browser suites; .ci/run installs Debian chromium').toBeUndefined();
    });

    const contexts = [['page', CONFORMANCE_CASES], ['worker', WORKER_CASES]] as const;
    for (const [context, cases] of contexts) {
      for (const backend of PAGE_BACKENDS) {
        for (const testCase of cases) {
          const name = `${testCase.name} [${backend}${context === 'worker' ? ', in a Web Worker' : ''}]`;
          const skip = testCase.skip?.[backend];
          if (skip !== undefined) {
            it.skip(`${name} (skipped: ${skip})`, () => undefined);
            continue;
          }
          it(name, () => {
            if (missing !== undefined) throw new Error(missing);
            if (failure !== undefined) throw failure;
            const result = run?.results.find((r) => r.context === context && r.backend === backend && r.name === testCase.name);
            if (result === undefined) throw new Error('the page reported no result for this case');
            if (result.error !== undefined) throw new Error(result.error);
          });
        }
      }
    }
  });
}
