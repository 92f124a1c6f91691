import { defineRule } from '../src/api/types.js';
import { explicitPolicyTypes, hasRules, rulesField, selectsAllPods, type Direction } from '../src/k8s/networkpolicy.js';
import { formatLabelSelector } from '../src/k8s/selectors.js';
import { valueAt } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-policy-types',
    description:
      "A NetworkPolicy's policyTypes decide which of its rules count: rules of a direction missing from an explicit policyTypes are ignored, and an omitted policyTypes also isolates Ingress.",
    remediation: 'List every direction the policy has rules for in policyTypes, and write policyTypes explicitly for an egress-only policy (`[Egress]`).',
    category: 'networkpolicy',
    defaultSeverity: 'warn',
    messages: {
      ignored:
        'policyTypes [{{types}}] does not include {{direction}}, so these {{field}} rules are ignored and {{effect}}. Add {{direction}} to policyTypes, or remove the {{field}} rules',
      ingressDefaulted:
        'policyTypes is not set, so with egress rules it defaults to [Ingress, Egress]: having no ingress rules, this policy also blocks incoming traffic to {{pods}} (only what other policies allow gets in). For an egress-only policy set policyTypes: [Egress]; if the ingress deny is meant, write policyTypes: [Ingress, Egress]',
    },
    kinds: ['NetworkPolicy'],
    schema: null,
    defaultOptions: {},
  },
  check(policy, { report }) {
    const explicit = explicitPolicyTypes(policy.object);
    if (explicit === undefined) {
      // An unset (or empty) policyTypes becomes [Ingress] plus Egress when there are egress rules.
      if (hasRules(policy.object, 'Egress') && !hasRules(policy.object, 'Ingress')) {
        const pods = selectsAllPods(policy.object)
          ? `every pod of namespace ${policy.namespace}`
          : `the pods selected by ${formatLabelSelector(valueAt(policy.object, ['spec', 'podSelector']))}`;
        report({ messageId: 'ingressDefaulted', at: ['spec', 'egress'], target: 'key', data: { pods } });
      }
      return;
    }
    // An unknown type (`ingress`) is the schema rule's finding; judging the rules against it would only add noise.
    if (explicit.some((type) => type !== 'Ingress' && type !== 'Egress')) return;
    for (const direction of ['Ingress', 'Egress'] as Direction[]) {
      if (explicit.includes(direction) || !hasRules(policy.object, direction)) continue;
      report({
        messageId: 'ignored',
        at: ['spec', rulesField(direction)],
        target: 'key',
        data: {
          types: explicit.join(', '),
          direction,
          field: rulesField(direction),
          effect: direction === 'Egress' ? 'outgoing traffic is not restricted by this policy' : 'incoming traffic is not restricted by this policy',
        },
      });
    }
  },
});
