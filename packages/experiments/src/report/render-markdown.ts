import type { Table } from '../experiment.js';
import { escapeMarkdownCell } from './escape.js';
import { COMPARISON_COLUMNS, formatCell, runFacts, type ReportInput } from './report-input.js';

/**
 * The `report.md` of a run: the same content as `report.html`, with each figure linked as
 * `figure-N.svg` (written beside it) instead of inlined.
 *
 * @example
 * ```ts
 * const md = renderReportMarkdown({ experiment, config, result, meta });
 * ```
 */
export function renderReportMarkdown(input: ReportInput): string {
  const { experiment, config, result, meta } = input;
  const comparisons: Table = {
    title: '',
    columns: [...COMPARISON_COLUMNS],
    rows: result.comparisons.map((c) => [c.quantity, c.paperSays, c.measured, c.agreement, c.tolerance]),
  };
  return [
    `# ${experiment.title}`,
    '',
    `\`${experiment.id}\` · ${experiment.paper} · ${meta.quick ? 'quick settings' : 'default settings'}`,
    '',
    result.summary,
    '',
    '## The paper says / Saddle measured / agreement',
    '',
    markdownTable(comparisons),
    '',
    ...(result.figures.length > 0
      ? ['## Figures', '', ...result.figures.flatMap((f, i) => [`![${escapeMarkdownCell(f.title)}](${figureFileName(i)})`, '', `**${f.title}.**${f.caption === undefined ? '' : ` ${f.caption}`}`, ''])]
      : []),
    ...(result.tables.length > 0 ? ['## Tables', '', ...result.tables.flatMap((t) => [`### ${t.title}`, '', markdownTable(t), ''])] : []),
    '## Run',
    '',
    markdownTable({ title: '', columns: ['', ''], rows: runFacts(meta) }),
    '',
    '## Config',
    '',
    '```json',
    JSON.stringify(config, null, 2),
    '```',
    '',
  ].join('\n');
}

/** The file name figure `index` is written to beside `report.md`: `figure-1.svg`, … */
export function figureFileName(index: number): string {
  return `figure-${index + 1}.svg`;
}

function markdownTable(table: Table): string {
  const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => escapeMarkdownCell(formatCell(c))).join(' | ')} |`;
  return [row(table.columns), `|${table.columns.map(() => '---').join('|')}|`, ...table.rows.map(row)].join('\n');
}
