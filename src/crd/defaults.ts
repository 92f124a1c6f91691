/**
 * Defaulting as the API server does it for custom resources before validation: a property's
 * `default` fills an absent field (and a null one that is not nullable), recursively into the
 * defaulted value; a null of a non-nullable field without a default is dropped.
 * Ported from apiextensions-apiserver `structuraldefaulting.Default` and
 * `PruneNonNullableNullsWithoutDefaults`. Nothing is changed in place: changed objects are copies, and a
 * default value is shared, not copied (the result is only read).
 */
import { isObject } from '../k8s/objects.js';
import { isSchemaNode, propertiesOf, type SchemaNode } from './schema.js';
import { MAX_DEPTH } from './walk.js';

export function applyDefaults(value: unknown, schema: SchemaNode | undefined, depth = 0): unknown {
  if (!isSchemaNode(schema) || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!isSchemaNode(items)) return value;
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const filled = item === null && items.default !== undefined && !items.nullable ? items.default : item;
      const next = applyDefaults(filled, items, depth + 1);
      if (next !== item) (copy ??= [...(value as unknown[])])[i] = next;
    });
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  const properties = propertiesOf(schema);
  const additional = isSchemaNode(schema.additionalProperties) ? schema.additionalProperties : undefined;
  let copy: Record<string, unknown> | undefined;
  const set = (key: string, next: unknown): void => {
    (copy ??= { ...value })[key] = next;
  };
  for (const [key, property] of Object.entries(properties)) {
    if (!isSchemaNode(property)) continue;
    const current = value[key];
    if (property.default !== undefined && (current === undefined || (current === null && !property.nullable))) set(key, property.default);
    else if (current === null && !property.nullable) {
      copy ??= { ...value };
      delete copy[key];
    }
  }
  const source = copy ?? value;
  for (const [key, child] of Object.entries(source)) {
    const childSchema = Object.hasOwn(properties, key) ? properties[key] : additional;
    const next = applyDefaults(child, childSchema, depth + 1);
    if (next !== child) set(key, next);
  }
  return copy ?? value;
}
