// The TSDoc audit of `pnpm docs:check` on a small module written here: it must flag a missing summary
// and a missing @example, follow re-exports to the documented declaration, and count types and constants.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditDocs } from './doc-audit.mjs';

const dir = mkdtempSync(join(tmpdir(), 'saddle-doc-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('auditDocs', () => {
  it('finds exports without a summary or an @example, through re-exports', () => {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022' } }));
    writeFileSync(join(dir, 'impl.ts'), [
      '/**', ' * Adds one.', ' *', ' * @example', ' * ```ts', ' * inc(1); // 2', ' * ```', ' */',
      'export function inc(x: number): number { return x + 1; }',
      '/** Options without an example. */',
      'export interface IncOptions { readonly by: number }',
      'export const LIMIT = 10;',
    ].join('\n'));
    writeFileSync(join(dir, 'index.ts'), "export { inc, LIMIT } from './impl.js';\nexport type { IncOptions } from './impl.js';\n");
    const { rows } = auditDocs([{ name: 'demo', file: join(dir, 'index.ts') }], join(dir, 'tsconfig.json')) as {
      rows: { name: string; problem?: string; examples?: string[] }[];
    };
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['IncOptions', 'LIMIT', 'inc']);
    expect(byName.inc?.problem).toBeUndefined();
    expect(byName.inc?.examples?.[0]).toContain('inc(1); // 2');
    expect(byName.IncOptions?.problem).toBe('no @example');
    expect(byName.LIMIT?.problem).toBe('no TSDoc summary');
  });
});
