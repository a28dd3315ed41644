/**
 * Node flags that make a child process or worker thread run the workspace's TypeScript sources,
 * as vitest does: `--conditions=@saddle/source` resolves every `@saddle/*` package to its `src/`,
 * and the registered hooks strip types with esbuild (no type check; vitest and tsc do that). Tests
 * that start processes or workers pass them, so they never run a stale or missing build.
 *
 * @example
 * ```ts
 * spawn(process.execPath, [...sourceExecArgv(), 'packages/cli/src/cli.ts', 'train']);
 * const game = await dataParallelGame({ ..., execArgv: sourceExecArgv() });
 * ```
 */
export function sourceExecArgv(): string[] {
  return ['--conditions=@saddle/source', '--import', new URL('../source/register.mjs', import.meta.url).href];
}
