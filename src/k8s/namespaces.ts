/**
 * Namespaces as a NetworkPolicy or a Gateway listener selects them: by the labels of Namespace objects.
 * Only the input's Namespace objects are known; the API server sets `kubernetes.io/metadata.name` on
 * every namespace, so that label is always there.
 */
import type { ResourceIndex } from '../model/types.js';
import { isObject, stringMap } from './objects.js';
import { matchesLabelSelector, type Labels } from './selectors.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The labels of the Namespace object `name` of the input (with the implicit name label), or undefined when the input lacks it. */
export function namespaceLabels(index: ResourceIndex, name: string): Labels | undefined {
  return namespaceLabelMap(index).get(name);
}

/** Whether the input holds any Namespace object: only then can a namespaceSelector be resolved at all. */
export function hasNamespaceObjects(index: ResourceIndex): boolean {
  return namespaceLabelMap(index).size > 0;
}

/** The names of the input's Namespace objects a namespaceSelector selects, in input order. */
export function namespacesSelectedBy(index: ResourceIndex, selector: unknown): string[] {
  const selected: string[] = [];
  for (const [name, labels] of namespaceLabelMap(index)) if (matchesLabelSelector(selector, labels)) selected.push(name);
  return selected;
}

function namespaceLabelMap(index: ResourceIndex): ReadonlyMap<string, Labels> {
  return index.memo('namespaceLabels', (idx) => {
    const map = new Map<string, Labels>();
    for (const namespace of idx.ofKind('Namespace')) {
      if (namespace.name === '') continue;
      const metadata = namespace.object['metadata'];
      const labels = stringMap(isObject(metadata) ? metadata['labels'] : undefined);
      map.set(namespace.name, { ...labels, [NAMESPACE_NAME_LABEL]: namespace.name });
    }
    return map;
  });
}
