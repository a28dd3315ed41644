import { main } from '../main.js';

/** What one in-process `saddle` invocation returned and printed. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `saddle ...argv` in this process, capturing its output (the CLI tests' one entry point). */
export async function saddle(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}
