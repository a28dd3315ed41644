import { SaddleError } from '@saddle/core';
import type { Figure, Table } from '../experiment.js';
import { escapeHtml } from './escape.js';
import { COMPARISON_COLUMNS, formatCell, runFacts, type ReportInput } from './report-input.js';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.agrees{background:#e6f4e6}td.partly{background:#fff5d6}td.disagrees{background:#fbe3e3}
figure{margin:1.5rem 0}figcaption{color:#555;max-width:640px}pre{background:#f6f6f6;padding:.8rem;overflow:auto}`;

/**
 * The self-contained `report.html` of a run: summary, the "the paper says / Saddle measured /
 * agreement" table with its tolerances, the figures as inline SVG, the tables, the config and
 * the run's circumstances (command, seeds, versions, Node, machine, wall time). Every text is
 * HTML-escaped; a figure must be an `<svg>` document without scripts, or it is refused.
 *
 * @example
 * ```ts
 * const html = renderReportHtml({ experiment, config, result, meta });
 * ```
 */
export function renderReportHtml(input: ReportInput): string {
  const { experiment, config, result, meta } = input;
  const e = escapeHtml;
  const comparisonRows = result.comparisons.map((c) => {
    const agreementClass = c.agreement.replace(/ /g, '-');
    return `<tr><td>${e(c.quantity)}</td><td>${e(c.paperSays)}</td><td>${e(c.measured)}</td><td class="${e(agreementClass)}">${e(c.agreement)}</td><td>${e(c.tolerance)}</td></tr>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(experiment.title)}: Saddle report</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${e(experiment.title)}</h1>`,
    `<p><code>${e(experiment.id)}</code> · ${e(experiment.paper)} · ${meta.quick ? 'quick settings' : 'default settings'}</p>`,
    `<p>${e(result.summary)}</p>`,
    '<h2>The paper says / Saddle measured / agreement</h2>',
    `<table class="comparisons"><thead><tr>${COMPARISON_COLUMNS.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${comparisonRows.join('\n')}</tbody></table>`,
    ...(result.figures.length > 0 ? ['<h2>Figures</h2>', ...result.figures.map((f, i) => figureHtml(f, i))] : []),
    ...(result.tables.length > 0 ? ['<h2>Tables</h2>', ...result.tables.map(tableHtml)] : []),
    '<h2>Run</h2>',
    `<table class="run"><tbody>${runFacts(meta).map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</tbody></table>`,
    '<h2>Config</h2>',
    `<pre>${e(JSON.stringify(config, null, 2))}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
}

function figureHtml(figure: Figure, index: number): string {
  const svg = figure.svg.trim();
  if (!svg.startsWith('<svg') || !svg.endsWith('</svg>') || /<script|\son\w+\s*=|javascript:/i.test(svg)) {
    throw new SaddleError('a figure must be one <svg> document without scripts or event handlers', {
      code: 'INVALID_ARGUMENT', field: `result.figures[${index}].svg`, value: svg, fix: 'draw figures with svgLinePlot from @saddle/theory',
    });
  }
  const caption = figure.caption === undefined ? '' : ` ${escapeHtml(figure.caption)}`;
  return `<figure>${svg}<figcaption><strong>${escapeHtml(figure.title)}.</strong>${caption}</figcaption></figure>`;
}

function tableHtml(table: Table): string {
  const e = escapeHtml;
  const head = `<tr>${table.columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${e(formatCell(cell))}</td>`).join('')}</tr>`).join('\n');
  return `<h3>${e(table.title)}</h3><table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}
