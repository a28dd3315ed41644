import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaddleError } from '@saddle/core';
import { svgLinePlot } from '@saddle/theory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../experiment.js';
import { machineInfo } from '../node/machine-info.js';
import { writeReport } from '../node/write-report.js';
import { escapeHtml } from './escape.js';
import { renderReportHtml } from './render-html.js';
import { renderReportMarkdown } from './render-markdown.js';
import type { ReportMeta } from './report-meta.js';

const HOSTILE = '<script>alert("x")</script> | a & b';

const result: ExperimentResult = {
  summary: `summary ${HOSTILE}`,
  comparisons: [
    { quantity: 'rate', paperSays: '0.995038', measured: '0.995041', agreement: 'agrees', tolerance: '1e-4: float32' },
    { quantity: HOSTILE, paperSays: '3–4×', measured: '1.6×', agreement: 'disagrees', tolerance: 'outside 2–5×' },
  ],
  figures: [{ title: 'curve', caption: 'c', svg: svgLinePlot({ series: [{ name: 's', x: [0, 1], y: [1, 2] }] }) }],
  tables: [{ title: 't', columns: ['k', 'value'], rows: [[4, 0.123456789], ['x|y', 1e-7]] }],
  data: { values: [1, 2, 3] },
};
const meta: ReportMeta = {
  command: 'saddle reproduce demo --seeds 2 --backend cpu --out /tmp/x', seeds: 2, quick: true, backend: 'cpu', wallSeconds: 1.26,
  startedAt: '2026-01-01T00:00:00.000Z', versions: { '@saddle/experiments': '0.1.0' }, node: 'v20.0.0', machine: machineInfo(),
};
const experiment = { id: 'demo', title: `Demo ${HOSTILE}`, paper: 'papers §5.2' };
const input = { experiment, config: { steps: 10, note: HOSTILE }, result, meta };

describe('report rendering', () => {
  it('escapes every text in HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderReportHtml(input);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('puts the comparison table, the figures, the run and the config in the HTML', () => {
    const html = renderReportHtml(input);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<th>the paper says</th><th>Saddle measured</th><th>agreement</th><th>tolerance and why</th>');
    expect(html).toContain('<td class="disagrees">disagrees</td>');
    expect(html).toContain('<td>0.995041</td>');
    expect(html).toMatch(/<figure><svg[\s\S]*<\/svg><figcaption>/);
    expect(html).toContain(escapeHtml(meta.command));
    expect(html).toContain('1.3 s');
    expect(html).toContain(`${meta.machine.cores} cores`);
    expect(html).toContain('&quot;steps&quot;: 10');
  });

  it('refuses a figure that is not a plain SVG document', () => {
    const bad = { ...input, result: { ...result, figures: [{ title: 'x', svg: '<svg onload="alert(1)"></svg>' }] } };
    expect(() => renderReportHtml(bad)).toThrow(SaddleError);
    expect(() => renderReportHtml({ ...input, result: { ...result, figures: [{ title: 'x', svg: '<img src=x>' }] } })).toThrow(/result\.figures\[0\]\.svg/);
  });

  it('writes a markdown comparison table with escaped cells', () => {
    const md = renderReportMarkdown(input);
    expect(md).toContain('| quantity | the paper says | Saddle measured | agreement | tolerance and why |');
    expect(md).toContain('| rate | 0.995038 | 0.995041 | agrees | 1e-4: float32 |');
    expect(md).toContain('\\| a & b');
    expect(md).toContain('| x\\|y | 1.0000e-7 |');
    expect(md).toContain('![curve](figure-1.svg)');
  });
});

describe('writeReport', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saddle-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes report.html, report.md, results.json and the figures', async () => {
    const out = join(dir, 'nested', 'demo');
    const written = await writeReport(out, experiment, input.config, result, meta);
    const text = await readFile(written.json, 'utf8');
    expect(text).toContain('"values": [1, 2, 3]');
    const json = JSON.parse(text);
    expect(json).toMatchObject({ experiment: { id: 'demo' }, config: { steps: 10 }, meta: { seeds: 2 }, comparisons: result.comparisons, data: result.data, figures: ['curve'] });
    expect(await readFile(written.html, 'utf8')).toContain('class="comparisons"');
    expect(await readFile(written.markdown, 'utf8')).toContain('## The paper says / Saddle measured / agreement');
    expect((await readFile(join(out, 'figure-1.svg'), 'utf8')).startsWith('<svg')).toBe(true);
  });

  it('refuses results that are not JSON', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(writeReport(join(dir, 'bad'), experiment, {}, { ...result, data: cyclic }, meta)).rejects.toThrow(/result\.data/);
  });
});
