/**
 * The shared tsup preset: ESM only, declarations, one entry per public subpath.
 * @param {Partial<import('tsup').Options>} overrides
 * @returns {import('tsup').Options}
 */
export function preset(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'es2022',
    platform: 'neutral',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}
