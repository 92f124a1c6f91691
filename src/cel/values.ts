/**
 * Values crossing the border between plain JSON-like data and the CEL evaluator.
 *
 * CEL keeps `int` (64-bit, a JS bigint here) apart from `double` (a JS number). Kubernetes decodes
 * unstructured JSON the same way: an integral number becomes int64, any other a float64
 * (k8s.io/apimachinery/pkg/util/json: convertNumber). So integral numbers within int64 become bigints.
 * A plain value cannot tell `1.0` from `1`: both become int here, where Kubernetes reads `1.0` as a double.
 */
import { Optional } from '@marcbachmann/cel-js';

/**
 * Source object → its CEL form, for the objects converted last: an object evaluated by several
 * expressions in a row is converted once. A small strong map, not a WeakMap: weak collections make
 * garbage collection of many short-lived entries costly (measured: 100× the conversion itself).
 */
const recent = new Map<object, unknown>();
const RECENT_LIMIT = 256;
/** Marks the root of a converted value (non-enumerable), so that passing it again costs nothing. */
export const CONVERTED = Symbol('k8s-svc-lint.cel');

/**
 * A plain JSON-like value as the evaluator wants it: integral numbers as bigint, objects as null-prototype
 * maps, arrays copied; values of other classes (Date, Uint8Array, Map, library types) as they are.
 * Converting a converted value again gives an equal value.
 */
export function toCel(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return convert(value);
  if (CONVERTED in value) return value;
  const hit = recent.get(value);
  if (hit !== undefined) return hit;
  const out = convert(value);
  if (out !== value) {
    Object.defineProperty(out, CONVERTED, { value: true });
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
    recent.set(value, out);
  }
  return out;
}

/**
 * `toCel` for a variable whose object may have getters (lazily computed policy `variables`): those stay
 * getters, converting what they return when first read.
 */
export function toCelLazy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || CONVERTED in value || recent.has(value)) return toCel(value);
  const descriptors = Object.getOwnPropertyDescriptors(value);
  if (!Object.values(descriptors).some((d) => d.get !== undefined)) return toCel(value);
  const lazy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, d] of Object.entries(descriptors)) {
    let memo: { value: unknown } | undefined;
    const read = d.get ? (): unknown => d.get!.call(value) : (): unknown => d.value;
    Object.defineProperty(lazy, key, { enumerable: true, get: () => (memo ??= { value: toCel(read()) }).value });
  }
  return lazy;
}

/** The conversion itself, uncached and unmarked. */
export function convert(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(convert);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const map: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) map[key] = convert(item);
  }
  return map;
}

/** Something that prints itself the way `string(x)` prints it in Kubernetes' CEL (ip, cidr, quantity, url, semver). */
export interface CelStringable {
  celString(): string;
}

function isStringable(value: object): value is CelStringable {
  return typeof (value as Partial<CelStringable>).celString === 'function';
}

/**
 * A CEL runtime value as plain JS: ints become numbers (strings beyond 2^53), optionals their value
 * (undefined when empty), maps plain objects, timestamps ISO strings, library types their string form.
 */
export function toPlain(value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(toPlain);
      if (value instanceof Optional) return value.hasValue() ? toPlain(value.value()) : undefined;
      if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(toPlain(k)), toPlain(v)]));
      if (value instanceof Set) return [...value].map(toPlain);
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Uint8Array) return value;
      if (isStringable(value)) return value.celString();
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Object.prototype || proto === null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
      }
      if (value.constructor?.name === 'UnsignedInt') return toPlain((value as { value: bigint }).value);
      if (value.constructor?.name === 'Type') return typeValueName(value);
      return String(value);
    }
    default:
      return value;
  }
}

/** CEL equality (`==`) for values the libraries compare: numbers across int/uint/double, lists, maps, library types. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && numericEquals(na, nb);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => celEquals(item, b[i]));
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (isStringable(a) && isStringable(b)) return a.constructor === b.constructor && a.celString() === b.celString();
  if (a instanceof Map || b instanceof Map) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function numeric(v: unknown): bigint | number | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && v.constructor?.name === 'UnsignedInt') return (v as { value: bigint }).value;
  return undefined;
}

function numericEquals(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === typeof b) return a === b;
  const [n, i] = typeof a === 'number' ? [a, b as bigint] : [b as number, a];
  return Number.isInteger(n) && BigInt(n) === i;
}

/** Ordering for `isSorted`, `min`, `max`: numbers across kinds, strings, bools, bytes, timestamps, durations. */
export function celCompare(a: unknown, b: unknown): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && a.constructor === b.constructor) {
    const av = Number(a.valueOf());
    const bv = Number(b.valueOf());
    if (!Number.isNaN(av) && !Number.isNaN(bv)) return Math.sign(av - bv);
  }
  throw new Error(`no such overload: compare ${typeName(a)} with ${typeName(b)}`);
}

/** Go compares strings by bytes (UTF-8), which is code point order, not JS's UTF-16 order. */
function compareStrings(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return Math.sign(a.length - b.length);
}

/** The name a CEL type value prints as (`string`, `net.IP`); the evaluator calls the null type 'null'. */
export function typeValueName(type: object): string {
  const name = String((type as { name?: unknown }).name ?? type);
  return name === 'null' ? 'null_type' : name;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return v.constructor?.name ?? 'map';
  return typeof v;
}
