import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { PickleCallable, unpickle } from './pickle.js';

const globals = new Map<string, unknown>([['m.pair', new PickleCallable('m.pair', (args) => ({ pair: args }))]]);
const load = (...ops: number[]) => unpickle(new Uint8Array(ops), 0, { file: 'p.pkl', globals }).value;
const utf8 = (s: string) => Array.from(new TextEncoder().encode(s));
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
const u64 = (n: number) => [...u32(n), 0, 0, 0, 0];

function refusal(read: () => unknown): SaddleError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(SaddleError);
    expect((e as SaddleError).message).toContain('p.pkl');
    return e as SaddleError;
  }
  throw new Error('expected a SaddleError');
}

describe("unpickle (hand-assembled opcodes; values as Python's pickle.loads gives them)", () => {
  it('reads ints of every width, floats, booleans and None', () => {
    expect(load(0x4a, ...u32(-5 >>> 0), 0x2e)).toBe(-5); // BININT
    expect(load(0x4d, 0x34, 0x12, 0x2e)).toBe(0x1234); // BININT2
    expect(load(0x8a, 2, 0x00, 0x80, 0x2e)).toBe(-32768); // LONG1, two's complement
    expect(load(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x2e)).toBe(2n ** 64n); // beyond 2^53: a bigint
    expect(load(0x47, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18, 0x2e)).toBe(Math.PI); // BINFLOAT, big-endian
    expect(load(0x28, 0x88, 0x89, 0x4e, 0x74, 0x2e)).toEqual([true, false, null]); // MARK NEWTRUE NEWFALSE NONE TUPLE
  });

  it('reads strings and bytes of each length encoding', () => {
    expect(load(0x8c, 3, ...utf8('abc'), 0x2e)).toBe('abc'); // SHORT_BINUNICODE
    expect(load(0x58, ...u32(5), ...utf8('é€'), 0x2e)).toBe('é€'); // BINUNICODE (UTF-8)
    expect(load(0x8d, ...u64(2), ...utf8('hi'), 0x2e)).toBe('hi'); // BINUNICODE8
    expect(load(0x55, 2, 0x6f, 0x6b, 0x2e)).toBe('ok'); // SHORT_BINSTRING (Python 2 str)
    expect(load(0x43, 2, 7, 8, 0x2e)).toEqual(new Uint8Array([7, 8])); // SHORT_BINBYTES
    expect(load(0x42, ...u32(1), 9, 0x2e)).toEqual(new Uint8Array([9])); // BINBYTES
  });

  it('builds lists, tuples and dicts and shares memoised values', () => {
    // FRAME, EMPTY_LIST, MEMOIZE, MARK, BININT1 1, BININT1 2, APPENDS, BINGET 0 (the same list), TUPLE2
    const [a, b] = load(0x95, ...u64(12), 0x5d, 0x94, 0x28, 0x4b, 1, 0x4b, 2, 0x65, 0x68, 0, 0x86, 0x2e) as unknown[][];
    expect(a).toEqual([1, 2]);
    expect(a).toBe(b);
    // EMPTY_DICT, SHORT_BINUNICODE "k", BININT1 3, SETITEM; MARK ... DICT
    expect(load(0x7d, 0x8c, 1, 0x6b, 0x4b, 3, 0x73, 0x2e)).toEqual(new Map([['k', 3]]));
    expect(load(0x28, 0x4b, 1, 0x4b, 2, 0x64, 0x2e)).toEqual(new Map([[1, 2]]));
    expect(load(0x4b, 1, 0x4b, 2, 0x4b, 3, 0x87, 0x2e)).toEqual([1, 2, 3]); // TUPLE3
    expect(load(0x28, 0x4b, 4, 0x6c, 0x4b, 5, 0x61, 0x2e)).toEqual([4, 5]); // LIST, APPEND
  });

  it('calls only allowed callables, through GLOBAL and STACK_GLOBAL', () => {
    const line = (s: string) => [...utf8(s), 0x0a];
    expect(load(0x63, ...line('m'), ...line('pair'), 0x4b, 1, 0x85, 0x52, 0x2e)).toEqual({ pair: [1] });
    expect(load(0x8c, 1, 0x6d, 0x8c, 4, ...utf8('pair'), 0x93, 0x29, 0x52, 0x2e)).toEqual({ pair: [] });
    expect(refusal(() => load(0x63, ...line('os'), ...line('system'), 0x2e)).message).toMatch(/refuses the pickle global os\.system/);
    // REDUCE of a value that is not a callable (a string) is refused, not attempted.
    expect(refusal(() => load(0x8c, 1, 0x78, 0x29, 0x52, 0x2e)).message).toMatch(/not an allowed callable/);
  });

  it('refuses malformed pickles: truncation, underflow, unknown memo, unknown opcode, persistent ids, BUILD', () => {
    expect(refusal(() => load(0x58, ...u32(100), 0x61)).message).toMatch(/truncated: needs 100 more bytes/);
    expect(refusal(() => load(0x8d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)).message).toMatch(/truncated/);
    expect(refusal(() => load(0x2e)).message).toMatch(/stack underflow/);
    expect(refusal(() => load(0x68, 3, 0x2e)).message).toMatch(/memo 3 was never stored/);
    expect(refusal(() => load(0x69, 0x2e)).message).toMatch(/unsupported opcode 0x69/); // INST (protocol 0)
    expect(refusal(() => load(0x4e, 0x51, 0x2e)).message).toMatch(/persistent id outside a torch checkpoint/);
    expect(refusal(() => load(0x5d, 0x7d, 0x62, 0x2e)).message).toMatch(/BUILD on something other than an OrderedDict/);
    expect(refusal(() => load(0x4b, 1)).message).toMatch(/truncated/); // no STOP
  });
});
