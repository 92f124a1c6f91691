import type { FieldPath } from '../util/field-path.js';
import { isObject, type PlainObject } from './objects.js';

/** One annotation with where it sits; the value is untrusted (the schema rule reports non-strings). */
export interface LocatedAnnotation {
  readonly key: string;
  readonly value: unknown;
  readonly path: FieldPath;
}

/** The entries of `metadata.annotations`, in source order; nothing when it is missing or not a map. */
export function annotationEntries(object: PlainObject): LocatedAnnotation[] {
  const metadata = object['metadata'];
  const annotations = isObject(metadata) ? metadata['annotations'] : undefined;
  if (!isObject(annotations)) return [];
  return Object.entries(annotations).map(([key, value]) => ({ key, value, path: ['metadata', 'annotations', key] }));
}

/** The string value of one annotation, or undefined when it is absent or not a string. */
export function annotationValue(object: PlainObject, key: string): string | undefined {
  const metadata = object['metadata'];
  const annotations = isObject(metadata) ? metadata['annotations'] : undefined;
  if (!isObject(annotations) || !Object.hasOwn(annotations, key)) return undefined;
  const value = annotations[key];
  return typeof value === 'string' ? value : undefined;
}

/** Whether the annotation is present, whatever its value. */
export function hasAnnotation(object: PlainObject, key: string): boolean {
  const metadata = object['metadata'];
  const annotations = isObject(metadata) ? metadata['annotations'] : undefined;
  return isObject(annotations) && Object.hasOwn(annotations, key);
}
