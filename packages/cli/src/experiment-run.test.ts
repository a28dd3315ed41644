import { describe, expect, it } from 'vitest';
import { shellQuote } from './commands/experiment-run.js';

describe('shellQuote (the rerun command a report records)', () => {
  it('leaves safe paths bare and single-quotes the rest, escaping quotes as POSIX shells read them', () => {
    expect(shellQuote('docs/reports/minmax-bilinear')).toBe('docs/reports/minmax-bilinear');
    expect(shellQuote('runs/my run')).toBe("'runs/my run'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
