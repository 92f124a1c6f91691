import type { FieldPath } from '../api/types.js';
import { isSchemaNode, listOf, propertiesOf, type SchemaNode } from './schema.js';

/**
 * How deep validation follows a schema or a value. Real CRDs nest a few dozen levels; a hostile one
 * nested thousands deep is judged down to here and no further, rather than overflowing the stack.
 */
export const MAX_DEPTH = 256;

/** Every node of a schema with its path from the schema root (`properties.spec.items`...), parents first, to MAX_DEPTH levels. */
export function* schemaNodes(schema: SchemaNode): Generator<{ readonly node: SchemaNode; readonly path: FieldPath }> {
  const stack: { node: SchemaNode; path: FieldPath; depth: number }[] = [{ node: schema, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    yield { node, path };
    if (depth >= MAX_DEPTH) continue;
    const children: { node: SchemaNode; path: FieldPath; depth: number }[] = [];
    const add = (child: unknown, ...steps: (string | number)[]): void => {
      if (isSchemaNode(child)) children.push({ node: child, path: [...path, ...steps], depth: depth + 1 });
    };
    for (const [name, property] of Object.entries(propertiesOf(node))) add(property, 'properties', name);
    add(node.items, 'items');
    add(node.additionalProperties, 'additionalProperties');
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) listOf(node[key]).forEach((sub, i) => add(sub, key, i));
    add(node.not, 'not');
    stack.push(...children.reverse());
  }
}
