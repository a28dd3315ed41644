import { NUMBER } from './args.js';

/**
 * A plain-text table: a header row, a rule, and columns separated by two spaces; the first
 * column and every column holding text (not only numbers) are left-aligned, numbers right-aligned.
 *
 * @example
 * ```ts
 * formatTable(['k', 'residual'], [['4', '0.426']]); // "k  residual\n-  --------\n4     0.426\n"
 * ```
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const left = header.map((_, c) => c === 0 || rows.some((r) => !NUMBER.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (left[c] === true ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** `v` with `digits` decimals, without a sign on a value that rounds to zero. */
export function fixed(v: number, digits = 4): string {
  const s = v.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}

/** `v` in exponent form with 3 significant decimals (residuals, which span decades). */
export function exponent(v: number): string {
  return v.toExponential(3);
}

/** A list of numbers as `0, 1` (shortest round-trip form). */
export function list(values: readonly number[]): string {
  return values.map((v) => String(v)).join(', ');
}
