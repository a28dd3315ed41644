import { corruptFile } from './corrupt-file.js';

/**
 * A Python callable that a pickle may call (REDUCE, NEWOBJ): the unpickler only ever calls
 * these, so a pickle can do nothing but build values from the allowed constructors.
 */
export class PickleCallable {
  constructor(
    readonly qualifiedName: string,
    readonly call: (args: readonly unknown[]) => unknown,
  ) {}
}

/** What `unpickle` needs besides the bytes. */
export interface UnpickleOptions {
  /** The file name, for messages. */
  readonly file: string;
  /** The allowed globals by `module.name`; any other GLOBAL/STACK_GLOBAL is refused before anything else runs. */
  readonly globals: ReadonlyMap<string, unknown>;
  /** Resolves a BINPERSID id (torch: a storage reference); absent → BINPERSID is refused. */
  readonly persistentLoad?: (id: unknown) => unknown;
}

const MARK = Symbol('mark');
const textDecoder = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * A safe unpickler for pickle protocols 0–5's binary opcodes: it builds Python values as plain JS
 * values (None → null, bool, int → number, or bigint beyond ±2^53, float → number, str → string,
 * bytes → Uint8Array, list and tuple → array, dict → Map) and calls only the `PickleCallable`s in
 * `options.globals`. It reads one pickle starting at `start` and returns its value and the offset
 * after its STOP. Every length is checked against the bytes before use; unknown opcodes and
 * globals are `CORRUPT_FILE` errors naming the byte offset.
 */
export function unpickle(bytes: Uint8Array, start: number, options: UnpickleOptions): { value: unknown; end: number } {
  const { file, globals, persistentLoad } = options;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let pos = start;
  let opAt = start;
  const fail = (problem: string, value?: unknown): never => {
    throw corruptFile(file, `pickle at byte ${opAt}: ${problem}`, value, 'pass a file written by torch.save (or pickle) that is complete and unmodified');
  };
  const take = (n: number | bigint): number => {
    if (n < 0 || BigInt(pos) + BigInt(n) > BigInt(bytes.length)) fail(`truncated: needs ${n} more bytes, ${bytes.length - pos} left`, Number(n));
    const at = pos;
    pos += Number(n);
    return at;
  };
  const u8 = (): number => bytes[take(1)]!;
  const u16 = (): number => view.getUint16(take(2), true);
  const u32 = (): number => view.getUint32(take(4), true);
  const u64 = (): bigint => view.getBigUint64(take(8), true);
  const pop = (): unknown => {
    if (stack.length === 0 || stack[stack.length - 1] === MARK) fail('stack underflow');
    return stack.pop();
  };
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail('no MARK on the stack');
    const items = stack.splice(at);
    items.shift();
    return items;
  };
  const top = (): unknown => {
    if (stack.length === 0) fail('stack underflow');
    return stack[stack.length - 1];
  };
  const text = (n: number | bigint, decoder: TextDecoder): string => {
    const at = take(n);
    try {
      return decoder.decode(bytes.subarray(at, pos));
    } catch {
      return fail('string is not valid UTF-8');
    }
  };
  const blob = (n: number | bigint): Uint8Array => bytes.slice(take(n), pos);
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0 || end - pos > 256) fail('GLOBAL name is not a newline-terminated line');
    return text(end - pos + 1, latin1).slice(0, -1);
  };
  const global = (module: unknown, name: unknown): unknown => {
    const key = `${String(module)}.${String(name)}`;
    if (typeof module !== 'string' || typeof name !== 'string' || !globals.has(key)) {
      throw corruptFile(file, `refuses the pickle global ${key}: a .pth is untrusted and loading it must never run code`, key,
        'only tensors, storages and (Ordered)dicts can be read; re-save with torch.save(model.state_dict(), path)');
    }
    return globals.get(key);
  };
  const call = (callee: unknown, args: unknown): unknown => {
    if (!(callee instanceof PickleCallable)) fail('calls something that is not an allowed callable', describe(callee));
    if (!Array.isArray(args)) fail('call arguments are not a tuple');
    return (callee as PickleCallable).call(args as unknown[]);
  };
  const dictOf = (target: unknown): Map<unknown, unknown> => {
    if (!(target instanceof Map)) fail('SETITEM(S) on something that is not a dict', describe(target));
    return target as Map<unknown, unknown>;
  };
  const listOf = (target: unknown): unknown[] => {
    if (!Array.isArray(target)) fail('APPEND(S) on something that is not a list', describe(target));
    return target as unknown[];
  };
  const signed = (n: number): bigint | number => {
    const at = take(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
    if (n > 0 && bytes[at + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const memoGet = (index: number): unknown => {
    if (!memo.has(index)) fail(`memo ${index} was never stored`, index);
    return memo.get(index);
  };

  for (;;) {
    opAt = pos;
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: u64(); break; // FRAME: a length hint only
      case 0x2e: return { value: pop(), end: pos }; // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(view.getInt32(take(4), true)); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: stack.push(signed(u8())); break; // LONG1
      case 0x8b: { const n = view.getInt32(take(4), true); stack.push(n > 64 ? fail('LONG4 of more than 64 bytes', n) : signed(n)); break; }
      case 0x47: stack.push(view.getFloat64(take(8), false)); break; // BINFLOAT (big-endian)
      case 0x55: stack.push(text(u8(), latin1)); break; // SHORT_BINSTRING
      case 0x54: stack.push(text(view.getInt32(take(4), true), latin1)); break; // BINSTRING
      case 0x8c: stack.push(text(u8(), textDecoder)); break; // SHORT_BINUNICODE
      case 0x58: stack.push(text(u32(), textDecoder)); break; // BINUNICODE
      case 0x8d: stack.push(text(u64(), textDecoder)); break; // BINUNICODE8
      case 0x43: stack.push(blob(u8())); break; // SHORT_BINBYTES
      case 0x42: stack.push(blob(u32())); break; // BINBYTES
      case 0x8e: stack.push(blob(u64())); break; // BINBYTES8
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(Object.freeze([])); break; // EMPTY_TUPLE
      case 0x74: stack.push(Object.freeze(popMark())); break; // TUPLE
      case 0x85: stack.push(Object.freeze([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); stack.push(Object.freeze([pop(), b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); stack.push(Object.freeze([pop(), b, c])); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { // DICT
        const items = popMark();
        const dict = new Map<unknown, unknown>();
        for (let i = 0; i + 1 < items.length; i += 2) dict.set(items[i], items[i + 1]);
        stack.push(dict);
        break;
      }
      case 0x61: { const v = pop(); listOf(top()).push(v); break; } // APPEND
      case 0x65: { const items = popMark(); const list = listOf(top()); for (const item of items) list.push(item); break; } // APPENDS
      case 0x73: { const v = pop(); const k = pop(); dictOf(top()).set(k, v); break; } // SETITEM
      case 0x75: { // SETITEMS
        const items = popMark();
        const dict = dictOf(top());
        if (items.length % 2 !== 0) fail('SETITEMS with an odd number of items', items.length);
        for (let i = 0; i < items.length; i += 2) dict.set(items[i], items[i + 1]);
        break;
      }
      case 0x63: { const module = line(); stack.push(global(module, line())); break; } // GLOBAL
      case 0x93: { const name = pop(); stack.push(global(pop(), name)); break; } // STACK_GLOBAL
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(memoGet(u8())); break; // BINGET
      case 0x6a: stack.push(memoGet(u32())); break; // LONG_BINGET
      case 0x51: { // BINPERSID
        const id = pop();
        stack.push(persistentLoad === undefined ? fail('persistent id outside a torch checkpoint', describe(id)) : persistentLoad(id));
        break;
      }
      case 0x52: case 0x81: { const args = pop(); stack.push(call(pop(), args)); break; } // REDUCE, NEWOBJ
      case 0x62: { // BUILD: only an OrderedDict's attribute state (torch's `_metadata`), which is dropped
        pop();
        if (!(top() instanceof Map)) fail('BUILD on something other than an OrderedDict', describe(top()));
        break;
      }
      default:
        fail(`unsupported opcode 0x${op.toString(16).padStart(2, '0')}`, op);
    }
  }
}

function describe(value: unknown): string {
  if (value instanceof PickleCallable) return value.qualifiedName;
  if (value instanceof Map) return 'dict';
  if (Array.isArray(value)) return 'list/tuple';
  return value === null ? 'None' : typeof value;
}
