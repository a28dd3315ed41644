import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SaddleError } from '@saddle/core';
import { writeFileAtomic } from '@saddle/io/node';
import type { Experiment, ExperimentResult } from '../experiment.js';
import { renderReportHtml } from '../report/render-html.js';
import { figureFileName, renderReportMarkdown } from '../report/render-markdown.js';
import type { ReportMeta } from '../report/report-meta.js';

/**
 * Paths of the files `writeReport` wrote.
 *
 * @example
 * ```ts
 * const written: WrittenReport = await writeReport(dir, experiment, config, result, meta);
 * console.log(`open ${written.html}`);
 * ```
 */
export interface WrittenReport {
  html: string;
  markdown: string;
  json: string;
  figures: string[];
}

/**
 * Writes a run's report directory: `report.html` (self-contained, figures inline),
 * `report.md` (figures as `figure-N.svg` beside it), `figure-N.svg` and `results.json`
 * (`{ experiment, config, meta, summary, comparisons, tables, data }`; figures only by title;
 * arrays of numbers and strings on one line, since runs log thousands of values).
 * Each file is written atomically, so a crash never leaves a torn report.
 *
 * @example
 * ```ts
 * const exp = experimentById('minmax-bilinear');
 * const config = exp.config(true);
 * const result = await exp.run(config, ctx);
 * await writeReport('runs/reproduce-minmax-bilinear', exp, config, result, meta);
 * ```
 */
export async function writeReport(dir: string, experiment: Pick<Experiment, 'id' | 'title' | 'paper'>, config: unknown, result: ExperimentResult, meta: ReportMeta): Promise<WrittenReport> {
  const input = { experiment: { id: experiment.id, title: experiment.title, paper: experiment.paper }, config, result, meta };
  const html = renderReportHtml(input);
  const markdown = renderReportMarkdown(input);
  let json: string;
  try {
    json = JSON.stringify(
      {
        experiment: input.experiment, config, meta, summary: result.summary, comparisons: result.comparisons,
        figures: result.figures.map((f) => f.title), tables: result.tables, data: result.data,
      },
      null,
      2,
    ).replace(/\[\n\s+([^[\]{}]*?)\n\s*\]/g, (_, items: string) => `[${items.split(/,\n\s*/).join(', ')}]`);
  } catch (cause) {
    throw new SaddleError('results are not JSON-serialisable', {
      code: 'INVALID_ARGUMENT', field: 'result.data', fix: 'keep only plain numbers, strings, arrays and objects in data', cause,
    });
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new SaddleError('cannot create the report directory', { code: 'IO_ERROR', field: 'out', value: dir, fix: 'pass a writable --out DIR', cause });
  }
  const paths: WrittenReport = { html: join(dir, 'report.html'), markdown: join(dir, 'report.md'), json: join(dir, 'results.json'), figures: [] };
  for (const [i, figure] of result.figures.entries()) {
    const path = join(dir, figureFileName(i));
    await writeFileAtomic(path, `${figure.svg.trim()}\n`);
    paths.figures.push(path);
  }
  await writeFileAtomic(paths.json, `${json}\n`);
  await writeFileAtomic(paths.markdown, markdown);
  await writeFileAtomic(paths.html, html);
  return paths;
}
