import { defineRule } from '../src/api/types.js';
import { effectivePolicyTypes, podTemplatesSelectedOnce, type Direction } from '../src/k8s/networkpolicy.js';
import { isObject } from '../src/k8s/objects.js';
import { labelSelectorKey } from '../src/k8s/selectors.js';
import { podTemplateOf, WORKLOAD_KINDS } from '../src/k8s/workloads.js';
import type { Resource, ResourceIndex } from '../src/model/types.js';
import { view } from '../src/api/views.js';

interface NamespaceCoverage {
  readonly policies: number;
  /** The workloads some policy of the namespace selects, by direction. */
  readonly covered: ReadonlyMap<Direction, ReadonlySet<Resource>>;
}

/**
 * What the NetworkPolicies of each namespace cover, built once: each distinct podSelector is resolved
 * once through the index's label lookup, so the work is linear in policies plus the pods they select.
 */
function coverageByNamespace(index: ResourceIndex): ReadonlyMap<string, NamespaceCoverage> {
  const selectors = new Map<string, Map<Direction, Map<string, unknown>>>();
  const counts = new Map<string, number>();
  for (const policy of index.ofKind('NetworkPolicy')) {
    counts.set(policy.namespace, (counts.get(policy.namespace) ?? 0) + 1);
    const spec = isObject(policy.object['spec']) ? policy.object['spec'] : {};
    const selector = spec['podSelector'] ?? {};
    let byDirection = selectors.get(policy.namespace);
    if (!byDirection) selectors.set(policy.namespace, (byDirection = new Map<Direction, Map<string, unknown>>()));
    for (const direction of effectivePolicyTypes(policy.object)) {
      let distinct = byDirection.get(direction);
      if (!distinct) byDirection.set(direction, (distinct = new Map<string, unknown>()));
      distinct.set(labelSelectorKey(selector), selector);
    }
  }
  const coverage = new Map<string, NamespaceCoverage>();
  for (const [namespace, policies] of counts) {
    const covered = new Map<Direction, Set<Resource>>();
    for (const [direction, distinct] of selectors.get(namespace) ?? []) {
      const workloads = new Set<Resource>();
      for (const selector of distinct.values()) for (const { workload } of podTemplatesSelectedOnce(index, namespace, selector)) workloads.add(workload);
      covered.set(direction, workloads);
    }
    coverage.set(namespace, { policies, covered });
  }
  return coverage;
}

export default defineRule({
  meta: {
    id: 'networkpolicy-coverage',
    description:
      'Every workload must be selected by a NetworkPolicy of its namespace, for each direction in `directions`. Judged only in namespaces where the input holds NetworkPolicies (or with strictReferences).',
    remediation: "Add a NetworkPolicy whose podSelector selects the workload's pods and whose policyTypes include the direction.",
    category: 'policy',
    defaultSeverity: 'warn',
    optIn: true,
    messages: {
      uncovered: 'no NetworkPolicy of namespace {{namespace}} selects these pods for {{direction}}, so their {{direction}} traffic is not restricted',
    },
    kinds: WORKLOAD_KINDS,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { directions: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['Ingress', 'Egress'] } } },
    },
    defaultOptions: { directions: ['Ingress'] as Direction[] },
    crossResource: true,
  },
  check(workload, { index, options, settings, report }) {
    // A Pod that a controller owns is covered through its controller's template.
    if (workload.kind === 'Pod' && isObject(workload.object['metadata']) && Array.isArray(workload.object['metadata']['ownerReferences'])) return;
    const template = podTemplateOf(workload.kind, workload.object);
    if (!template) return;
    const coverage = index.view(NETWORKPOLICY_COVERAGE_BY_NAMESPACE).get(workload.namespace);
    if (!coverage && !settings.strictReferences) return;
    for (const direction of options.directions) {
      if (!coverage?.covered.get(direction)?.has(workload))
        report({ messageId: 'uncovered', at: [...template.path, 'metadata', 'labels'], data: { namespace: workload.namespace, direction } });
    }
  },
});

const NETWORKPOLICY_COVERAGE_BY_NAMESPACE = view('networkpolicy coverage by namespace', coverageByNamespace);
