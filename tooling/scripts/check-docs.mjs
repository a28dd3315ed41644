#!/usr/bin/env node
// Every export of every public entry point (see public-entries.mjs) must carry TSDoc with a summary and an
// `@example`. Prints the offenders by package and exits 1 when there are any.
//   node tooling/scripts/check-docs.mjs             the check (pnpm docs:check; a counted check in .ci/run)
//   node tooling/scripts/check-docs.mjs --examples  also type-checks every ```ts block of every @example
//                                                   (a report: snippets are often fragments, see below)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { auditDocs } from './doc-audit.mjs';
import { publicEntries, ROOT } from './public-entries.mjs';

const entries = publicEntries();
const tsconfig = join(ROOT, 'tooling/scripts/tsconfig.docs.json');
const { rows, options: baseOptions } = auditDocs(entries.map((e) => ({ ...e, file: join(ROOT, e.file) })), tsconfig);

const offenders = rows.filter((r) => r.problem);
const byPackage = new Map();
for (const r of offenders) byPackage.set(r.entry.name, [...(byPackage.get(r.entry.name) ?? []), r]);
for (const [name, list] of byPackage) {
  console.log(`${name}: ${list.length} undocumented`);
  for (const r of list) console.log(`  ${r.name} (${r.problem})`);
}
console.log(`docs:check: ${rows.length} exports in ${entries.length} entry points, ${rows.length - offenders.length} documented with an @example, ${offenders.length} not`);

if (process.argv.includes('--examples')) checkExamples(rows.filter((r) => !r.problem));
process.exitCode = offenders.length > 0 ? 1 : 0;

/**
 * Writes each ```ts block of each @example to packages/<pkg>/.doc-examples/ (so the package's own dependencies
 * resolve), importing the names it uses from its entry point, from @saddle/core and `tf` from @tensorflow/tfjs-core
 * unless the block imports them itself, type-checks them in one program and prints how many compile. Blocks that use variables
 * they never define (`params`, `z`) fail with "Cannot find name"; those are counted separately.
 */
function checkExamples(documented) {
  const files = [];
  const dirs = new Set();
  const exported = new Map();
  for (const r of rows) exported.set(r.entry.name, [...(exported.get(r.entry.name) ?? []), r.name]);
  documented.forEach((r, i) => {
    r.examples.forEach((text, j) => {
      const code = [...text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
      if (!code.trim()) return;
      const dir = join(ROOT, r.entry.dir, '.doc-examples');
      dirs.add(dir);
      const file = join(dir, `${r.name}-${i}-${j}.ts`);
      const imported = new Set([...code.matchAll(/import\s+(?:type\s+)?(?:\*\s+as\s+(\w+)|\{([^}]*)\}|(\w+))/g)]
        .flatMap((m) => [m[1], m[3], ...(m[2] ?? '').split(',').map((s) => s.trim().split(/\s+as\s+/).pop())]).filter(Boolean));
      const used = (names) => names.filter((n) => !imported.has(n) && new RegExp(`\\b${n}\\b`).test(code));
      const own = used(exported.get(r.entry.name) ?? []);
      const core = r.entry.pkg === '@saddle/core' ? [] : used(exported.get('@saddle/core') ?? []).filter((n) => !own.includes(n));
      const head = [
        own.length ? `import { ${own.join(', ')} } from '${relative(dir, r.entry.file).replace(/\.ts$/, '.js')}';` : '',
        core.length ? `import { ${core.join(', ')} } from '@saddle/core';` : '',
        !imported.has('tf') && /\btf\./.test(code) ? `import * as tf from '@tensorflow/tfjs-core';` : '',
      ];
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${head.join('\n')}\n${code}\nexport {};\n`);
      files.push({ file, row: r });
    });
  });
  try {
    const examples = ts.createProgram(files.map((f) => f.file), { ...baseOptions, noEmit: true, noUnusedLocals: false, verbatimModuleSyntax: false, isolatedModules: false });
    let pass = 0;
    let undefinedNames = 0;
    const failures = [];
    for (const { file, row } of files) {
      const diagnostics = ts.getPreEmitDiagnostics(examples, examples.getSourceFile(file));
      if (diagnostics.length === 0) { pass += 1; continue; }
      if (diagnostics.some((d) => d.code === 2304)) undefinedNames += 1;
      failures.push(`  ${row.entry.name} ${row.name}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, ' ')}`);
    }
    console.log(failures.join('\n'));
    console.log(`docs:check --examples: ${files.length} example blocks, ${pass} type-check, ${files.length - pass} do not (${undefinedNames} of them use names they never define)`);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
