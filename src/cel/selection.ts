/**
 * Converting only what expressions read: a check that reads `object.spec.type` of a Service converts
 * that string, not the Service. Each expression's selections (`reads`) are merged into one tree; the
 * object converted along it gives every one of those expressions the result the whole object gives.
 */
import type { Read } from './ast.js';
import { CONVERTED, convert } from './values.js';

/** What is read of a value: all of it, or some of its fields (a field with nothing below it is only tested for presence). */
export interface Selection {
  readonly whole: boolean;
  readonly fields: ReadonlyMap<string, Selection>;
}

interface Node {
  whole: boolean;
  fields: Map<string, Node>;
}

/** The selection the given reads make together; a read of the whole root (or one through it) takes everything. */
export function selectionOf(reads: Iterable<Read>): Selection {
  const root: Node = { whole: false, fields: new Map() };
  for (const { path, presence, key } of reads) {
    let node = root;
    for (const field of key === undefined ? path : [...path, key]) {
      if (node.whole) break;
      let next = node.fields.get(field);
      if (!next) node.fields.set(field, (next = { whole: false, fields: new Map() }));
      node = next;
    }
    if (!presence) node.whole = true;
  }
  return root;
}

/**
 * `value` converted for the evaluator as far as `selection` reads it: selected fields converted (with
 * everything below a field read whole), fields only tested for presence as empty values of their kind,
 * the rest left out. Only expressions whose reads make up `selection` may be evaluated on it.
 */
export function toCelSelected(value: unknown, selection: Selection): unknown {
  const out = selected(value, selection);
  if (typeof out === 'object' && out !== null && out !== value && !(CONVERTED in out)) Object.defineProperty(out, CONVERTED, { value: true });
  return out;
}

function selected(value: unknown, selection: Selection): unknown {
  if (selection.whole || !isPlainObject(value)) return convert(value);
  const map: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, below] of selection.fields) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item === undefined) continue;
    map[key] = below.whole || below.fields.size > 0 ? selected(item, below) : shell(item);
  }
  return map;
}

/** A stand-in for a value whose presence alone is read: the same kind of value, empty. */
function shell(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  return isPlainObject(value) ? (Object.create(null) as Record<string, unknown>) : convert(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Keys longer than this are not made: a value that large is cheaper to convert than to keep. */
const MAX_KEY_LENGTH = 4096;

/**
 * A string two values share exactly when `toCelSelected` converts them alike along `selection` (the
 * fields read, in order, and every value read with its type), so that what an expression concludes
 * about one holds for the other. Undefined when a value read is not plain data, or the key would be
 * longer than 4096 characters.
 */
export function selectionKey(value: unknown, selection: Selection): string | undefined {
  try {
    return selectedKey(value, selection);
  } catch {
    return undefined;
  }
}

/** `selectionKey` of a whole value. */
export function valueKey(value: unknown): string | undefined {
  try {
    return plainKey(value);
  } catch {
    return undefined;
  }
}

function selectedKey(value: unknown, selection: Selection): string {
  if (selection.whole || !isPlainObject(value)) return plainKey(value);
  let key = '{';
  for (const [field, below] of selection.fields) {
    if (!Object.hasOwn(value, field)) continue;
    const item = value[field];
    if (item === undefined) continue;
    key = bounded(`${key}${JSON.stringify(field)}:${below.whole || below.fields.size > 0 ? selectedKey(item, below) : shellKey(item)},`);
  }
  return `${key}}`;
}

function shellKey(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  return isPlainObject(value) ? '{}' : plainKey(value);
}

/** Strings quoted, numbers and the other scalars bare: no two values that convert differently share a key. */
function plainKey(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return bounded(JSON.stringify(value));
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'object': {
      if (value === null) return 'null';
      let key = Array.isArray(value) ? '[' : '{';
      if (Array.isArray(value)) for (const item of value) key = bounded(`${key}${plainKey(item)},`);
      else if (isPlainObject(value)) {
        for (const field of Object.keys(value)) if (value[field] !== undefined) key = bounded(`${key}${JSON.stringify(field)}:${plainKey(value[field])},`);
      } else throw new Error('not plain data');
      return `${key}${Array.isArray(value) ? ']' : '}'}`;
    }
    default:
      throw new Error('not plain data');
  }
}

function bounded(key: string): string {
  if (key.length > MAX_KEY_LENGTH) throw new Error('key too long');
  return key;
}
