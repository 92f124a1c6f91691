import { defineRule } from '../src/api/types.js';
import { effectivePolicyTypes, type Direction } from '../src/k8s/networkpolicy.js';
import { isObject } from '../src/k8s/objects.js';
import { matchesLabelSelector } from '../src/k8s/selectors.js';
import { podTemplateOf, WORKLOAD_KINDS } from '../src/k8s/workloads.js';
import type { Resource } from '../src/model/types.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-coverage',
    description:
      'Every workload must be selected by a NetworkPolicy of its namespace, for each direction in `directions`. Judged only in namespaces where the input holds NetworkPolicies (or with strictReferences).',
    remediation: 'Add a NetworkPolicy whose podSelector selects the workload\'s pods and whose policyTypes include the direction.',
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
    const byNamespace = index.memo('networkpolicy-coverage:byNamespace', (idx) => {
      const groups = new Map<string, Resource[]>();
      for (const policy of idx.ofKind('NetworkPolicy')) {
        const group = groups.get(policy.namespace);
        if (group) group.push(policy);
        else groups.set(policy.namespace, [policy]);
      }
      return groups;
    });
    const policies = byNamespace.get(workload.namespace) ?? [];
    if (policies.length === 0 && !settings.strictReferences) return;
    for (const direction of options.directions) {
      const covered = policies.some((policy) => {
        const spec = isObject(policy.object['spec']) ? policy.object['spec'] : {};
        return effectivePolicyTypes(policy.object).has(direction) && matchesLabelSelector(spec['podSelector'] ?? {}, template.labels);
      });
      if (!covered) report({ messageId: 'uncovered', at: [...template.path, 'metadata', 'labels'], data: { namespace: workload.namespace, direction } });
    }
  },
});
