// The TSDoc audit behind check-docs.mjs: for each entry file, every export and whether the symbol it stands
// for (through re-exports) has a TSDoc summary and an @example.
import ts from 'typescript';

/**
 * @param {{ name: string, file: string }[]} entries entry points (absolute file paths)
 * @param {string} tsconfig the compiler options to read them with
 * @returns {{ rows: { entry: object, name: string, summary?: string, examples?: string[], problem?: string }[], options: ts.CompilerOptions }}
 */
export function auditDocs(entries, tsconfig) {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  const program = ts.createProgram(entries.map((e) => e.file), parsed.options);
  const checker = program.getTypeChecker();
  const target = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const rows = [];
  for (const entry of entries) {
    const source = program.getSourceFile(entry.file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) {
      rows.push({ entry, name: '(entry point)', problem: 'not a module' });
      continue;
    }
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const s = target(symbol);
      const summary = ts.displayPartsToString(s.getDocumentationComment(checker)).trim();
      const examples = s.getJsDocTags(checker).filter((t) => t.name === 'example').map((t) => ts.displayPartsToString(t.text ?? []));
      const problem = !summary ? 'no TSDoc summary' : examples.length === 0 ? 'no @example' : undefined;
      rows.push({ entry, name: symbol.getName(), summary, examples, problem });
    }
  }
  return { rows, options: parsed.options };
}
