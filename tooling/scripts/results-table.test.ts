import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = new URL('./results-table.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'saddle-results-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('results-table.mjs', () => {
  it('prints one markdown row per comparison with the rerun command, escaping pipes', () => {
    mkdirSync(join(dir, 'demo'));
    writeFileSync(join(dir, 'demo', 'results.json'), JSON.stringify({
      meta: { command: 'saddle reproduce demo --seeds 1 --backend wasm --out docs/reports/demo', wallSeconds: 12.4, backend: 'wasm' },
      comparisons: [
        { quantity: 'rate', paperSays: '0.99', measured: '|Δ| 1e-9', agreement: 'agrees', tolerance: '1e-4' },
        { quantity: 'ratio', paperSays: '3–4×', measured: '1.6×', agreement: 'disagrees', tolerance: '2–5×' },
      ],
    }));
    const out = execFileSync(process.execPath, [script, dir], { encoding: 'utf8' }).trim().split('\n');
    expect(out[0]).toBe('| experiment | quantity | the paper says | Saddle measured | agreement | rerun |');
    expect(out).toHaveLength(4);
    expect(out[2]).toBe('| [demo](docs/reports/demo/report.md) | rate | 0.99 | \\|Δ\\| 1e-9 | agrees | `saddle reproduce demo --seeds 1 --backend wasm --out docs/reports/demo` (12 s, wasm) |');
    expect(out[3]).toBe('|  | ratio | 3–4× | 1.6× | disagrees |  |');
  });

  it('--summary prints one row per experiment with its agreement counts; --links sets the link prefix', () => {
    const out = execFileSync(process.execPath, [script, dir, '--summary', '--links', './'], { encoding: 'utf8' }).trim().split('\n');
    expect(out).toEqual([
      '| experiment | comparisons with the paper | rerun (wall time here) |',
      '|---|---|---|',
      '| [demo](./demo/report.md) | 1 agree, 1 disagree | `saddle reproduce demo --seeds 1 --backend wasm --out docs/reports/demo` (12 s, wasm) |',
    ]);
  });
});
