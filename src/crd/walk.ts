import type { FieldPath } from '../api/types.js';
import { isSchemaNode, propertiesOf, type SchemaNode } from './schema.js';

/** Every node of a schema with its path from the schema root (`properties.spec.items`...), parents first. */
export function* schemaNodes(schema: SchemaNode, path: FieldPath = []): Generator<{ readonly node: SchemaNode; readonly path: FieldPath }> {
  yield { node: schema, path };
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    if (isSchemaNode(property)) yield* schemaNodes(property, [...path, 'properties', name]);
  }
  if (isSchemaNode(schema.items)) yield* schemaNodes(schema.items, [...path, 'items']);
  if (isSchemaNode(schema.additionalProperties)) yield* schemaNodes(schema.additionalProperties, [...path, 'additionalProperties']);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) if (isSchemaNode(list[i])) yield* schemaNodes(list[i]!, [...path, key, i]);
  }
  if (isSchemaNode(schema.not)) yield* schemaNodes(schema.not, [...path, 'not']);
}
