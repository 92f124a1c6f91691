import type { FieldPath } from '../util/field-path.js';
import { isObject, valueAt, type PlainObject } from '../util/objects.js';

/** A value together with where it sits inside its resource. */
export interface Located<T> {
  readonly value: T;
  readonly path: FieldPath;
}

export { isObject, valueAt, type PlainObject };

/** The object at `path`, or undefined when any step is missing or not an object. */
export function objectAt(root: unknown, path: FieldPath): PlainObject | undefined {
  const node = valueAt(root, path);
  return isObject(node) ? node : undefined;
}

/** The object items of the array at `path` with their paths; anything else yields nothing. */
export function objectsIn(root: unknown, path: FieldPath): Located<PlainObject>[] {
  const node = valueAt(root, path);
  if (!Array.isArray(node)) return [];
  const items: Located<PlainObject>[] = [];
  node.forEach((item: unknown, i) => {
    if (isObject(item)) items.push({ value: item, path: [...path, i] });
  });
  return items;
}

/**
 * A map of string values (labels, selectors), keeping only the string entries. It has no prototype:
 * a label named `constructor` or `__proto__` is a label like any other.
 */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!isObject(value)) return result;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') result[key] = entry;
  return result;
}

export function integerField(object: PlainObject, key: string): number | undefined {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function stringField(object: PlainObject, key: string): string | undefined {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
