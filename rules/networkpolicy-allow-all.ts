import { defineRule } from '../src/api/types.js';
import { allowsEverything, DIRECTIONS, type Direction, effectivePolicyTypes, peersField, policyRules, rulesField, selectsAllPods } from '../src/k8s/networkpolicy.js';
import { formatLabelSelector } from '../src/k8s/selectors.js';
import { valueAt, type PlainObject } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-allow-all',
    description:
      'An empty NetworkPolicy rule (`ingress: [{}]`, no peers and no ports) allows all traffic of its direction to the selected pods; it is often written by mistake for a deny.',
    remediation:
      'Give the rule `from`/`to` peers and `ports`; for a deny, remove the rule (leave `ingress` out, or write `ingress: []`). Judged on the policy\'s shape, not its name: `egress: [{}]` in a policy that restricts ingress is the usual way to leave egress open, and is not reported.',
    category: 'networkpolicy',
    defaultSeverity: 'warn',
    messages: {
      allowAll:
        '{{field}}[{{index}}] is an empty rule: it allows all {{traffic}} {{scope}}, whatever the other policies say. List the peers ({{peers}}) and ports it should allow, or remove it',
      allowAllInDeny:
        'NetworkPolicy {{name}} is named as a deny, but {{field}}[{{index}}] is an empty rule that ALLOWS all {{traffic}} {{scope}}: the opposite of a deny. For a default deny remove the rule: no {{field}} key, or {{field}}: []',
    },
    kinds: ['NetworkPolicy'],
    schema: null,
    defaultOptions: {},
  },
  check(policy, { report }) {
    const isDeny = /deny/i.test(policy.name);
    const types = effectivePolicyTypes(policy.object);
    const pods = selectsAllPods(policy.object)
      ? `every pod of namespace ${policy.namespace}`
      : `the pods selected by ${formatLabelSelector(valueAt(policy.object, ['spec', 'podSelector']))}`;
    for (const direction of DIRECTIONS) {
      // Rules of a direction the policy does not isolate are ignored (networkpolicy-policy-types says so).
      if (!types.has(direction)) continue;
      const field = rulesField(direction);
      const rules = policyRules(policy.object, direction);
      if (opensOneDirectionOnPurpose(policy.object, direction, types)) continue;
      for (const { value: rule, path } of rules) {
        if (!allowsEverything(rule, direction)) continue;
        report({
          messageId: isDeny ? 'allowAllInDeny' : 'allowAll',
          at: path,
          data: {
            name: policy.name,
            field,
            index: path.at(-1)!,
            traffic: direction === 'Ingress' ? 'incoming traffic' : 'outgoing traffic',
            scope: `${direction === 'Ingress' ? 'to' : 'from'} ${pods}`,
            peers: peersField(direction),
          },
        });
      }
    }
  },
});

/**
 * The idiom `egress: [{}]` next to ingress rules (or the reverse): the policy restricts the other
 * direction (with rules, or none for a deny) and opens this one as a whole. Its author knows what a
 * rule does, so the empty rule is meant. An empty rule beside specific rules of its own direction,
 * or in a policy that restricts nothing, is not this idiom.
 */
function opensOneDirectionOnPurpose(policy: PlainObject, direction: Direction, types: ReadonlySet<Direction>): boolean {
  const other: Direction = direction === 'Ingress' ? 'Egress' : 'Ingress';
  if (!types.has(other)) return false;
  if (policyRules(policy, other).some(({ value }) => allowsEverything(value, other))) return false;
  return policyRules(policy, direction).every(({ value }) => allowsEverything(value, direction));
}
