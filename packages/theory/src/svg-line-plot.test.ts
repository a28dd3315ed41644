import { describe, expect, it } from 'vitest';
import { svgLinePlot } from './svg-line-plot.js';

describe('svgLinePlot', () => {
  it('draws one path per line series, dots for point series, a legend, labels and round ticks', () => {
    const svg = svgLinePlot({
      title: 'P11 & P22 <ODE>',
      xLabel: 't',
      yLabel: 'cosine',
      series: [
        { name: 'ODE', x: [0, 50, 100], y: [0.1, 0.5, 0.9] },
        { name: 'simulation', x: [0, 50, 100], y: [0.1, 0.52, 0.88], style: 'points', color: '#000' },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('P11 &amp; P22 &lt;ODE&gt;');
    expect(svg).toContain('>simulation</text>');
    // x over [−4, 104]: ticks every 20; y over [0.068, 0.932]: every 0.2.
    for (const tick of ['>0</text>', '>20</text>', '>100</text>', '>0.4</text>', '>0.8</text>']) expect(svg).toContain(tick);
  });

  it('breaks a line at non-finite values and, on a log axis, drops values ≤ 0 and labels decades', () => {
    const svg = svgLinePlot({ series: [{ name: 'r', x: [0, 1, 2, 3, 4], y: [1, 1e-3, Number.NaN, 1e-6, 0] }], yScale: 'log' });
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] as string;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    for (const tick of ['>1</text>', '>0.01</text>', '>1.0e-4</text>']) expect(svg).toContain(tick);
  });

  it('refuses an empty plot and mismatched series', () => {
    expect(() => svgLinePlot({ series: [] })).toThrowError(/series: a plot needs at least one series/);
    expect(() => svgLinePlot({ series: [{ name: 'a', x: [1, 2], y: [1] }] })).toThrowError(/series\[0\].y: x and y must have equal lengths \(got 1\); pass 2 y values/);
  });
});
