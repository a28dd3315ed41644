#!/usr/bin/env node
// Prints the README's results table (markdown) from the committed reports:
//   node tooling/scripts/results-table.mjs [docs/reports]
// One row per comparison of every docs/reports/<id>/results.json, with the command that reruns it.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? new URL('../../docs/reports/', import.meta.url).pathname;
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const reports = readdirSync(root)
  .filter((id) => existsSync(join(root, id, 'results.json')))
  .sort()
  .map((id) => ({ id, json: JSON.parse(readFileSync(join(root, id, 'results.json'), 'utf8')) }));
if (reports.length === 0) {
  console.error(`results-table: no */results.json under ${root}`);
  process.exit(1);
}

const lines = ['| experiment | quantity | the paper says | Saddle measured | agreement | rerun |', '|---|---|---|---|---|---|'];
for (const { id, json } of reports) {
  const { meta, comparisons } = json;
  const rerun = `\`${meta.command}\` (${meta.wallSeconds.toFixed(0)} s, ${meta.backend})`;
  comparisons.forEach((c, i) => {
    const name = i === 0 ? `[${cell(id)}](docs/reports/${id}/report.md)` : '';
    lines.push(`| ${name} | ${cell(c.quantity)} | ${cell(c.paperSays)} | ${cell(c.measured)} | ${cell(c.agreement)} | ${i === 0 ? cell(rerun) : ''} |`);
  });
}
console.log(lines.join('\n'));
