import { describeValue } from '@saddle/core';
import { z } from 'zod';

/**
 * One line per issue, `path.to.field: problem (got VALUE); allowed: ...`, with the value read
 * from `input` and the allowed values taken from the issue (ranges, choices) or, for unknown
 * keys, from the schema's own key list. `rename` maps a config path to the name the user typed
 * (a flag such as `--steps`).
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  schema: z.ZodType,
  rename: (path: string) => string = (path) => path,
): string[] {
  return issues.flatMap((issue) => {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const at = schemaAt(schema, path);
      const allowed = at instanceof z.ZodObject ? Object.keys(at.shape) : [];
      return issue.keys.map((key) => {
        const where = rename(formatPath([...path, key]));
        return `${where}: unknown key (got ${describeValue(valueAt(input, [...path, key]))}); allowed: ${allowed.join(', ')}`;
      });
    }
    const value = valueAt(input, path);
    const got = value === undefined ? 'nothing' : describeValue(value);
    const { problem, allowed } = explain(issue, schemaAt(schema, path));
    return [`${rename(formatPath(path))}: ${problem} (got ${got}); allowed: ${allowed}`];
  });
}

function explain(issue: z.core.$ZodIssue, field: unknown): { problem: string; allowed: string } {
  // zod reports "expected number" for a string given to z.int(), and ranges without the
  // integer constraint; the schema knows better.
  const integer = field instanceof z.ZodNumber && field.isInt;
  switch (issue.code) {
    case 'invalid_type':
      return { problem: 'wrong type', allowed: article(integer || issue.expected === 'int' ? 'integer' : issue.expected) };
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
      const sign = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      const what =
        issue.origin === 'array'
          ? `a list of ${small ? 'at least' : 'at most'} ${String(bound)} items`
          : `${integer ? 'an integer' : 'a number'} ${sign} ${String(bound)}`;
      return { problem: small ? 'too small' : 'too large', allowed: what };
    }
    case 'invalid_value':
      return { problem: 'not one of the choices', allowed: issue.values.map((v) => JSON.stringify(v)).join(', ') };
    case 'custom':
      return { problem: issue.message, allowed: String((issue.params as { allowed?: string } | undefined)?.allowed ?? 'see saddle train --help') };
    default:
      return { problem: issue.message, allowed: 'see saddle train --help' };
  }
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** `generator.hiddenSizes[0]` from ['generator', 'hiddenSizes', 0]; the root is `config`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'config';
  return path.reduce<string>((s, key) => (typeof key === 'number' ? `${s}[${key}]` : s === '' ? String(key) : `${s}.${String(key)}`), '');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The schema that validates the value at `path`, looking through defaults, optionals and transforms. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): unknown {
  let current: unknown = schema;
  for (let i = 0; ; ) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.in;
    else if (i === path.length) return current;
    else if (current instanceof z.ZodObject) current = current.shape[String(path[i++])];
    else if (current instanceof z.ZodArray) {
      current = current.element;
      i++;
    }
    else return undefined;
  }
}
