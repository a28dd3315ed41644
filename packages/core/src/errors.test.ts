import { describe, expect, it } from 'vitest';
import { describeValue, SaddleError } from './errors.js';

describe('SaddleError', () => {
  it('names the field, the value and the fix', () => {
    const e = new SaddleError('must be positive', {
      code: 'INVALID_ARGUMENT', field: 'optimizer.learningRate', value: -1, fix: 'pass a number > 0',
    });
    expect(e.message).toBe('optimizer.learningRate: must be positive (got -1); pass a number > 0');
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.name).toBe('SaddleError');
    expect(e).toBeInstanceOf(Error);
  });

  it('abridges long values', () => {
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(57)}..."`);
    expect(describeValue([1, 2, 3, 4, 5, 6, 7])).toBe('[1, 2, 3, 4, 5, 6, ...]');
    expect(describeValue({ a: 1 })).toBe('{...}');
  });
});
