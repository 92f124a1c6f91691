/**
 * Namespaces as a NetworkPolicy or a Gateway listener selects them: by the labels of Namespace objects.
 * Only the input's Namespace objects are known; the API server sets `kubernetes.io/metadata.name` on
 * every namespace, so that label is always there.
 */
import type { ResourceIndex } from '../model/types.js';
import { isObject, stringMap } from './objects.js';
import { LabelIndex } from './label-index.js';
import { labelSelectorKey, matchesLabelSelector, type Labels } from './selectors.js';
import { lookupView, view } from '../model/views.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The labels of the Namespace object `name` of the input (with the implicit name label), or undefined when the input lacks it. */
export function namespaceLabels(index: ResourceIndex, name: string): Labels | undefined {
  return namespaceTable(index).labels.get(name);
}

/** Whether the input holds any Namespace object: only then can a namespaceSelector be resolved at all. */
export function hasNamespaceObjects(index: ResourceIndex): boolean {
  return namespaceTable(index).labels.size > 0;
}

/**
 * The names of the input's Namespace objects a namespaceSelector selects, in input order. A selector
 * with matchLabels looks only at the namespaces carrying its rarest label, so that a policy in each of
 * thousands of namespaces does not scan them all; the result of each distinct selector is kept.
 */
export function namespacesSelectedBy(index: ResourceIndex, selector: unknown): readonly string[] {
  return index.view(NAMESPACES_SELECTED_BY)(selector);
}

const NAMESPACES_SELECTED_BY = lookupView(
  'namespaces selected by a namespaceSelector',
  (selector: unknown) => [labelSelectorKey(selector)],
  (idx, selector) => {
    const table = namespaceTable(idx);
    const candidates = table.byLabel.candidates('', stringMap(isObject(selector) ? selector['matchLabels'] : undefined)) ?? [...table.labels.keys()];
    return candidates.filter((name) => matchesLabelSelector(selector, table.labels.get(name)!));
  },
);

interface NamespaceTable {
  /** Labels by namespace name, in input order. */
  readonly labels: ReadonlyMap<string, Labels>;
  /** Namespace names under each of their labels, in input order. */
  readonly byLabel: LabelIndex<string>;
}

function namespaceTable(index: ResourceIndex): NamespaceTable {
  return index.view(NAMESPACE_TABLE);
}

const NAMESPACE_TABLE = view('namespace table', (idx) => {
  const labels = new Map<string, Labels>();
  for (const namespace of idx.ofKind('Namespace')) {
    if (namespace.name === '') continue;
    const metadata = namespace.object['metadata'];
    labels.set(namespace.name, { ...stringMap(isObject(metadata) ? metadata['labels'] : undefined), [NAMESPACE_NAME_LABEL]: namespace.name });
  }
  // Filed once all are known: a later Namespace object of the same name replaces the labels of the first.
  const byLabel = new LabelIndex<string>();
  for (const [name, namespaceLabels] of labels) byLabel.add('', namespaceLabels, name);
  return { labels, byLabel };
});
