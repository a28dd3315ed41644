import { DTYPES, type NamedArray } from './named-array.js';
import { corruptFile, UNNAMED } from './internal/corrupt-file.js';
import { unpickle } from './internal/pickle.js';
import { materialise, storageFromId, StorageRef, TensorRef, torchGlobals } from './internal/torch-tensors.js';
import { isZip, readStoredZip } from './internal/zip.js';
import type { ReadOptions } from './read-options.js';

/** The legacy format's magic number, 0x1950a86a20f9469cfc6c, pickled first. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

/**
 * Reads a PyTorch checkpoint written by `torch.save(state_dict, path)` into named host arrays,
 * without running any code from the file. Both formats are read:
 *
 * - **zip** (PyTorch ≥ 1.6): a zip archive of stored entries `<prefix>/data.pkl` (the pickle) and
 *   `<prefix>/data/<key>` (each storage's raw little-endian bytes), `<prefix>/byteorder` optional;
 * - **legacy** (`_use_new_zipfile_serialization=False`, and every file from PyTorch < 1.6): five
 *   pickles back to back, the magic number 0x1950a86a20f9469cfc6c, the protocol version 1001,
 *   the system info dict (`little_endian` must be true), the state_dict pickle, the list of
 *   storage keys; then per key, in that order, the element count (int64 LE) and the raw values.
 *
 * The pickle is read by a safe unpickler that allows only `collections.OrderedDict`,
 * `torch._utils._rebuild_tensor(_v2)`, `torch._utils._rebuild_parameter` and the storage classes
 * `torch.{Float,Double,Half,Long,Int,Short,Char,Byte,Bool}Storage`; any other global (os.system,
 * builtins.eval, ...) is refused when it is named, before anything is built. Tensors honour
 * their storage offset and strides (views are copied into C order). Nested dicts are flattened
 * with "." (`{ block: { weight } }` → `"block.weight"`), lists with their index; non-tensor
 * leaves (an `epoch` number, strings, None) are skipped. Returned arrays are fresh copies the
 * caller owns; float16 values are decoded to a `Float32Array` with dtype kept `'float16'`.
 * Every size is checked against the file before it is used, so a damaged or hostile file is a
 * `CORRUPT_FILE` SaddleError naming the file, never a crash, hang or huge allocation.
 *
 * @example
 * ```ts
 * const params = readTorchCheckpoint(await readFileBytes('G.pth'), { file: 'G.pth' });
 * params['l1.weight']; // { dtype: 'float32', shape: [2048, 128], data: Float32Array(262144) }
 * ```
 * @see PyTorch `torch/serialization.py` (`_save`, `_legacy_save`) for both layouts
 */
export function readTorchCheckpoint(bytes: Uint8Array, options: ReadOptions = {}): Record<string, NamedArray> {
  const file = options.file ?? UNNAMED;
  return isZip(bytes) ? readZipCheckpoint(bytes, file) : readLegacyCheckpoint(bytes, file);
}

function readZipCheckpoint(bytes: Uint8Array, file: string): Record<string, NamedArray> {
  const entries = readStoredZip(bytes, file);
  const pickleName = [...entries.keys()].find((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickleName === undefined) {
    throw corruptFile(file, 'zip archive has no <name>/data.pkl: not a torch.save file', [...entries.keys()].slice(0, 4).join(', '), 'pass a file written by torch.save');
  }
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteorder = entries.get(`${prefix}byteorder`);
  if (byteorder !== undefined && new TextDecoder().decode(byteorder) !== 'little') {
    throw corruptFile(file, 'storages are big-endian', 'big', 'save the checkpoint on a little-endian machine');
  }
  const root = unpickle(entries.get(pickleName)!, 0, { file, globals: torchGlobals(file), persistentLoad: (id) => storageFromId(id, file) }).value;
  return flatten(root, file, (storage) => {
    const data = entries.get(`${prefix}data/${storage.key}`);
    if (data === undefined) throw corruptFile(file, `storage ${storage.key} is missing from the archive`, `${prefix}data/${storage.key}`, 'the file is truncated or damaged');
    return data;
  });
}

function readLegacyCheckpoint(bytes: Uint8Array, file: string): Record<string, NamedArray> {
  if (bytes.length < 2 || bytes[0] !== 0x80) {
    throw corruptFile(file, 'wrong magic: neither a zip archive nor a legacy torch.save pickle', Array.from(bytes.subarray(0, 4)).join(' '), 'pass a .pth file written by torch.save');
  }
  const plain = { file, globals: new Map<string, unknown>() };
  const magic = unpickle(bytes, 0, plain);
  if (magic.value !== LEGACY_MAGIC) throw corruptFile(file, 'wrong magic number: a pickle, but not a torch.save file', String(magic.value), 'pass a .pth file written by torch.save');
  const protocol = unpickle(bytes, magic.end, plain);
  if (protocol.value !== LEGACY_PROTOCOL) throw corruptFile(file, 'unsupported legacy protocol version', protocol.value, 'save again with a recent PyTorch');
  const info = unpickle(bytes, protocol.end, plain);
  if (!(info.value instanceof Map) || info.value.get('little_endian') !== true) {
    throw corruptFile(file, 'storages are not little-endian (system info little_endian is not True)', 'little_endian', 'save the checkpoint on a little-endian machine');
  }
  const main = unpickle(bytes, info.end, { file, globals: torchGlobals(file), persistentLoad: (id) => storageFromId(id, file) });
  const keys = unpickle(bytes, main.end, plain);
  if (!Array.isArray(keys.value) || !keys.value.every((k) => typeof k === 'string')) throw corruptFile(file, 'storage key list is not a list of strings', typeof keys.value);
  const storages = new Map<string, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = keys.end;
  // Storage data follows in key order; its element size comes from the tensor that uses it.
  const sizes = new Map<string, number>();
  collectStorages(main.value, (s) => sizes.set(s.key, DTYPES[s.dtype].bytes));
  for (const key of keys.value as string[]) {
    if (at + 8 > bytes.length) throw corruptFile(file, `truncated: storage ${key} is missing`, bytes.length, 'the file is truncated; copy it again');
    const size = sizes.get(key);
    if (size === undefined) throw corruptFile(file, `storage ${key} is listed but no tensor uses it`, key, 'the file is damaged');
    const count = view.getBigInt64(at, true);
    const length = count * BigInt(size);
    if (count < 0n || BigInt(at + 8) + length > BigInt(bytes.length)) {
      throw corruptFile(file, `truncated: storage ${key} declares ${count} values, past the end of the file`, String(count), 'the file is truncated; copy it again');
    }
    storages.set(key, bytes.subarray(at + 8, at + 8 + Number(length)));
    at += 8 + Number(length);
  }
  return flatten(main.value, file, (storage) => {
    const data = storages.get(storage.key);
    if (data === undefined) throw corruptFile(file, `storage ${storage.key} is not in the storage key list`, storage.key, 'the file is damaged');
    return data;
  });
}

function collectStorages(value: unknown, visit: (storage: StorageRef) => void): void {
  if (value instanceof TensorRef) visit(value.storage);
  else if (value instanceof Map) for (const v of value.values()) collectStorages(v, visit);
  else if (Array.isArray(value)) for (const v of value) collectStorages(v, visit);
}

function flatten(root: unknown, file: string, storageBytes: (storage: StorageRef) => Uint8Array): Record<string, NamedArray> {
  if (!(root instanceof Map)) {
    throw corruptFile(file, 'does not hold a dict of tensors (a state_dict)', root === null ? 'None' : typeof root, 'save model.state_dict() rather than the model');
  }
  const out: Record<string, NamedArray> = {};
  const walk = (value: unknown, name: string): void => {
    if (value instanceof TensorRef) {
      if (name in out) throw corruptFile(file, `two tensors flatten to the same name ${name}`, name, 'rename one of the nested keys');
      out[name] = materialise(value, storageBytes(value.storage), name, file);
    } else if (value instanceof Map) {
      for (const [key, child] of value) walk(child, name === '' ? String(key) : `${name}.${String(key)}`);
    } else if (Array.isArray(value)) {
      value.forEach((child, i) => walk(child, name === '' ? String(i) : `${name}.${i}`));
    }
  };
  walk(root, '');
  return out;
}
