import { DTYPES, elementCount, type ArrayDtype, type NamedArray } from '../named-array.js';
import { corruptFile } from './corrupt-file.js';
import { PickleCallable } from './pickle.js';
import { decodeValues } from './typed-bytes.js';

/** A `torch.<Type>Storage` class named in a pickle: its element dtype. */
export class StorageType {
  constructor(readonly dtype: ArrayDtype) {}
}

/** A storage a pickle refers to by persistent id: its key, dtype, length in elements and, for legacy views, the slice. */
export class StorageRef {
  constructor(
    readonly key: string,
    readonly dtype: ArrayDtype,
    readonly numel: number,
    readonly view?: { readonly offset: number; readonly size: number },
  ) {}
}

/** What `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)` describes. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly shape: readonly number[],
    readonly stride: readonly number[],
  ) {}
}

const STORAGE_TYPES: Readonly<Record<string, ArrayDtype>> = {
  FloatStorage: 'float32', DoubleStorage: 'float64', HalfStorage: 'float16', LongStorage: 'int64', IntStorage: 'int32',
  ShortStorage: 'int16', CharStorage: 'int8', ByteStorage: 'uint8', BoolStorage: 'bool',
};

/**
 * The only globals a torch state_dict pickle may name: the OrderedDict class, the tensor and
 * parameter rebuild functions, and the storage classes. Everything else (os.system,
 * builtins.eval, torch.storage._load_from_bytes, ...) is refused by the unpickler.
 */
export function torchGlobals(file: string): ReadonlyMap<string, unknown> {
  const fail = (problem: string, value?: unknown): never => {
    throw corruptFile(file, problem, value, 'pass a state_dict saved with torch.save(model.state_dict(), path)');
  };
  const int = (v: unknown, what: string): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail(`${what} is not an integer ≥ 0`, v));
  const ints = (v: unknown, what: string): number[] => (Array.isArray(v) ? v.map((d: unknown) => int(d, what)) : fail(`${what} is not a tuple`, v));
  const rebuildTensor = (args: readonly unknown[]): TensorRef => {
    const [storage, offset, size, stride] = args;
    if (!(storage instanceof StorageRef)) return fail('a tensor is rebuilt from something that is not a storage', typeof storage);
    const shape = ints(size, 'tensor size');
    const strides = ints(stride, 'tensor stride');
    if (strides.length !== shape.length) fail(`tensor size ${shape.length}-D but stride ${strides.length}-D`, shape);
    return new TensorRef(storage, int(offset, 'storage offset'), shape, strides);
  };
  const globals = new Map<string, unknown>([
    ['collections.OrderedDict', new PickleCallable('collections.OrderedDict', (args) => new Map(pairs(args[0], fail)))],
    ['torch._utils._rebuild_tensor_v2', new PickleCallable('torch._utils._rebuild_tensor_v2', rebuildTensor)],
    ['torch._utils._rebuild_tensor', new PickleCallable('torch._utils._rebuild_tensor', rebuildTensor)],
    ['torch._utils._rebuild_parameter', new PickleCallable('torch._utils._rebuild_parameter', (args) =>
      args[0] instanceof TensorRef ? args[0] : fail('a parameter wraps something that is not a tensor', typeof args[0]))],
  ]);
  for (const [name, dtype] of Object.entries(STORAGE_TYPES)) globals.set(`torch.${name}`, new StorageType(dtype));
  return globals;
}

function pairs(items: unknown, fail: (problem: string, value?: unknown) => never): [unknown, unknown][] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return fail('OrderedDict is built from something that is not a list of pairs', typeof items);
  return items.map((pair: unknown) => (Array.isArray(pair) && pair.length === 2 ? [pair[0], pair[1]] as [unknown, unknown] : fail('OrderedDict item is not a (key, value) pair')));
}

/**
 * Parses a storage persistent id: zip format `('storage', StorageType, key, location, numel)`;
 * legacy format the same plus `view_metadata`, `None` or `(view_key, offset, size)`.
 */
export function storageFromId(id: unknown, file: string): StorageRef {
  const fail = (problem: string, value?: unknown): never => {
    throw corruptFile(file, `storage reference ${problem}`, value, 'pass a state_dict saved with torch.save');
  };
  if (!Array.isArray(id) || id[0] !== 'storage' || id.length < 5) return fail('is not ("storage", type, key, location, numel)', typeof id);
  const [, type, key, , numel, view] = id as unknown[];
  if (!(type instanceof StorageType)) return fail('names no known storage type', typeof type);
  if (typeof key !== 'string' || key.length === 0 || key.length > 64) return fail('has a bad key', key);
  if (typeof numel !== 'number' || !Number.isSafeInteger(numel) || numel < 0) return fail('has a bad element count', String(numel));
  if (view === undefined || view === null) return new StorageRef(key, type.dtype, numel);
  const [, offset, size] = Array.isArray(view) ? view : [];
  if (typeof offset !== 'number' || typeof size !== 'number' || offset < 0 || size < 0 || offset + size > numel) return fail('has a bad view (offset, size)', view);
  return new StorageRef(key, type.dtype, numel, { offset, size });
}

/**
 * Copies a tensor's values out of its storage bytes into a C-ordered `NamedArray`. Contiguous
 * tensors are one copy; strided views (transposes, slices) are gathered element by element. The
 * largest element index, offset + Σ (size_i − 1)·stride_i, must lie inside the storage.
 */
export function materialise(tensor: TensorRef, storageBytes: Uint8Array, name: string, file: string): NamedArray {
  const { storage, shape, stride } = tensor;
  const { dtype } = storage;
  const size = DTYPES[dtype].bytes;
  const base = tensor.offset + (storage.view?.offset ?? 0);
  const numel = storage.view?.size ?? storage.numel;
  const count = elementCount(shape);
  if (storageBytes.length < storage.numel * size) {
    throw corruptFile(file, `storage ${storage.key} of ${name} holds ${storageBytes.length} bytes but declares ${storage.numel} ${dtype} values`, storage.key, 'the file is truncated or damaged');
  }
  if (count === 0) return { dtype, shape: [...shape], data: new DTYPES[dtype].array(0) };
  const last = tensor.offset + shape.reduce((acc, d, i) => acc + (d - 1) * stride[i]!, 0);
  if (last >= numel) {
    throw corruptFile(file, `tensor ${name} of shape [${shape.join(', ')}] reaches element ${last} of a ${numel}-element storage`, name, 'the file is damaged');
  }
  const contiguous = shape.every((d, i) => d === 1 || stride[i] === elementCount(shape.slice(i + 1)));
  if (contiguous) {
    return { dtype, shape: [...shape], data: decodeValues(storageBytes.subarray(base * size), dtype, count) };
  }
  const source = decodeValues(storageBytes.subarray(base * size), dtype, last - tensor.offset + 1);
  const out = new DTYPES[dtype].array(count);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let at = 0;
    for (let d = 0; d < shape.length; d++) at += index[d]! * stride[d]!;
    out[i] = source[at]! as never;
    for (let d = shape.length - 1; d >= 0 && ++index[d]! === shape[d]; d--) index[d] = 0;
  }
  return { dtype, shape: [...shape], data: out };
}
