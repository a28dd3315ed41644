// Generates the API reference (markdown) of every public entry point into docs/api/ with TypeDoc and
// typedoc-plugin-markdown. Usage: pnpm docs:api [--out <dir>]. Source links are off so that the output only
// changes when the documented API does.
import { Application, Converter } from 'typedoc';
import { publicEntries, ROOT } from './public-entries.mjs';

process.chdir(ROOT);
const outFlag = process.argv.indexOf('--out');
const out = outFlag === -1 ? 'docs/api' : process.argv[outFlag + 1];
const entries = publicEntries();
/** TypeDoc names a module by its path below the common base (`core/src`); the docs use package names. */
const nameOf = new Map(entries.map((e) => [e.file.replace(/^packages\//, '').replace(/\/index\.ts$/, ''), e.name]));

const app = await Application.bootstrapWithPlugins({
  name: 'Saddle API',
  entryPoints: entries.map((e) => e.file),
  entryPointStrategy: 'resolve',
  tsconfig: 'tooling/scripts/tsconfig.docs.json',
  plugin: ['typedoc-plugin-markdown'],
  out,
  readme: 'none',
  disableSources: true,
  excludePrivate: true,
  excludeInternal: true,
  skipErrorChecking: true,
  hidePageHeader: true,
  hideBreadcrumbs: true,
});
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
  for (const child of context.project.children ?? []) child.name = nameOf.get(child.name) ?? child.name;
});
const project = await app.convert();
if (project === undefined) {
  console.error('docs:api: TypeDoc could not convert the entry points (see the errors above)');
  process.exit(1);
}
await app.generateOutputs(project);
console.log(`docs:api: ${entries.length} entry points → ${out}/`);
