/**
 * Whether a document is a list of objects: `kind: List`, or a typed list (`ConfigMapList`,
 * `RoleBindingList`, any kind ending in `List`) with an `items` array. kubectl decodes both alike
 * (apimachinery's `meta.IsListType` looks for the `items` field) and applies each item on its own.
 */
export function isListDocument(value: unknown): value is { readonly items: readonly unknown[] } & Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  const kind = object['kind'];
  if (typeof kind !== 'string') return false;
  return kind.endsWith('List') && Array.isArray(object['items']);
}
