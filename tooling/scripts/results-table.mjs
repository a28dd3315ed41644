#!/usr/bin/env node
// Prints a results table (markdown) from the committed reports:
//   node tooling/scripts/results-table.mjs [docs/reports] [--summary] [--links PREFIX]
// Default: one row per comparison of every docs/reports/<id>/results.json, with the command that
// reruns it (docs/reports/README.md). --summary: one row per experiment with its agreement counts
// (the root README). --links: the prefix of the report links (default docs/reports/).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const summary = args.includes('--summary');
const linksAt = args.indexOf('--links');
const links = linksAt >= 0 ? args[linksAt + 1] : 'docs/reports/';
const positional = args.filter((a, i) => !a.startsWith('--') && (linksAt < 0 || i !== linksAt + 1));
const root = positional[0] ?? new URL('../../docs/reports/', import.meta.url).pathname;
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const reports = readdirSync(root)
  .filter((id) => existsSync(join(root, id, 'results.json')))
  .sort()
  .map((id) => ({ id, json: JSON.parse(readFileSync(join(root, id, 'results.json'), 'utf8')) }));
if (reports.length === 0) {
  console.error(`results-table: no */results.json under ${root}`);
  process.exit(1);
}

/** Agreement verdicts in report order, with their plural form for counts ("3 agree"). */
const AGREEMENTS = { agrees: 'agree', partly: 'partly', disagrees: 'disagree', 'not comparable': 'not comparable' };
const rerunOf = (meta) => `\`${meta.command}\` (${meta.wallSeconds.toFixed(0)} s, ${meta.backend})`;
if (summary) {
  const rows = ['| experiment | comparisons with the paper | rerun (wall time here) |', '|---|---|---|'];
  for (const { id, json } of reports) {
    const counts = Object.entries(AGREEMENTS).map(([a, plural]) => [plural, json.comparisons.filter((c) => c.agreement === a).length]).filter(([, n]) => n > 0);
    rows.push(`| [${cell(id)}](${links}${id}/report.md) | ${counts.map(([a, n]) => `${n} ${a}`).join(', ')} | ${cell(rerunOf(json.meta))} |`);
  }
  console.log(rows.join('\n'));
  process.exit(0);
}

const lines = ['| experiment | quantity | the paper says | Saddle measured | agreement | rerun |', '|---|---|---|---|---|---|'];
for (const { id, json } of reports) {
  const { meta, comparisons } = json;
  const rerun = rerunOf(meta);
  comparisons.forEach((c, i) => {
    const name = i === 0 ? `[${cell(id)}](${links}${id}/report.md)` : '';
    lines.push(`| ${name} | ${cell(c.quantity)} | ${cell(c.paperSays)} | ${cell(c.measured)} | ${cell(c.agreement)} | ${i === 0 ? cell(rerun) : ''} |`);
  });
}
console.log(lines.join('\n'));
