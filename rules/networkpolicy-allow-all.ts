import { defineRule } from '../src/api/types.js';
import { allowsEverything, DIRECTIONS, effectivePolicyTypes, peersField, policyRules, rulesField, selectsAllPods } from '../src/k8s/networkpolicy.js';
import { formatLabelSelector } from '../src/k8s/selectors.js';
import { valueAt } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-allow-all',
    description:
      'An empty NetworkPolicy rule (`ingress: [{}]`, no peers and no ports) allows all traffic of its direction: beside specific rules it makes them pointless, and in a policy named as a deny it is the opposite of one.',
    remediation:
      'Give the rule `from`/`to` peers and `ports`; for a deny, remove the rule (leave `ingress` out, or write `ingress: []`). A policy whose only rules of a direction are empty is the allow-all idiom (`egress: [{}]` beside ingress rules, `ingress: [{}]` to open chosen pods) and is not reported.',
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
    const types = effectivePolicyTypes(policy.object);
    const pods = selectsAllPods(policy.object)
      ? `every pod of namespace ${policy.namespace}`
      : `the pods selected by ${formatLabelSelector(valueAt(policy.object, ['spec', 'podSelector']))}`;
    for (const direction of DIRECTIONS) {
      // Rules of a direction the policy does not isolate are ignored (networkpolicy-policy-types says so).
      if (!types.has(direction)) continue;
      const field = rulesField(direction);
      const isDeny = namedDenyOf(policy.name, direction);
      const rules = policyRules(policy.object, direction);
      // A policy whose rules of this direction all allow everything is the allow-all idiom
      // (`ingress: [{}]` for chosen pods, `egress: [{}]` beside ingress rules): meant, unless its
      // name says it should deny. Beside specific rules, the empty one makes them pointless.
      if (!isDeny && rules.every(({ value }) => allowsEverything(value, direction))) continue;
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
 * Whether a policy's name says it denies this direction: `default-deny`, `deny-all`, or `deny-…` naming
 * the direction (`default-deny-egress`). A name that denies only the other direction
 * (`allow-egress-deny-ingress`) says nothing about this one.
 */
function namedDenyOf(name: string, direction: 'Ingress' | 'Egress'): boolean {
  if (!/deny/i.test(name)) return false;
  if (!/ingress|egress/i.test(name)) return true;
  return new RegExp(`deny(?:(?!allow).)*${direction}`, 'i').test(name);
}
