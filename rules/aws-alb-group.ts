import { defineRule } from '../src/api/types.js';
import { isAlbIngress } from '../src/k8s/aws/alb.js';
import { albGroupConflicts } from '../src/k8s/aws/groups.js';
import { splitList } from '../src/k8s/aws/parse.js';

/** The message of each kind of group conflict. */
const MESSAGE_OF_KIND = { value: 'conflict', mapKey: 'keyConflict', port: 'portConflict', protocol: 'protocolConflict' } as const;

export default defineRule({
  meta: {
    id: 'aws-alb-group',
    description:
      'Ingresses of one ALB IngressGroup (`alb.ingress.kubernetes.io/group.name`) must agree on the annotations the group shares (scheme, subnets, security groups, load balancer attributes, listener protocols, ...); one disagreement stops the controller from reconciling the whole group.',
    remediation: 'Use the same value on every Ingress of the group, or set the shared annotation on one Ingress only.',
    category: 'aws',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      conflict:
        'Ingresses of group "{{group}}" disagree on `{{key}}`: "{{value}}" here, {{others}}{{#reordered}} (the same entries in another order: the controller compares the list in order){{/reordered}}; the controller stops reconciling the whole group ("conflicting {{what}}"). Use one value across the group',
      keyConflict:
        'Ingresses of group "{{group}}" disagree on `{{key}}` key {{detail}}: "{{value}}" here, {{others}}; the controller stops reconciling the whole group. Use one value across the group',
      portConflict:
        'Ingresses of group "{{group}}" disagree on `{{key}}` for listener port {{detail}}: "{{value}}" here, {{others}}; the controller stops reconciling the whole group. Use one value across the group',
      protocolConflict:
        'Ingresses of group "{{group}}" open port {{detail}} as {{value}} here, but as {{others}}; the controller fails with "conflicting protocol" and stops reconciling the whole group. Give each port one protocol',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, locationOf, report }) {
    if (!isAlbIngress(ingress, index)) return;
    for (const conflict of albGroupConflicts(index).get(ingress) ?? []) {
      const others = conflict.others.map((o) => `"${o.value}" in ${o.ingress.namespace}/${o.ingress.name} (${locationOf(o.ingress)})`).join(', ');
      const what = conflict.key.slice(conflict.key.indexOf('/') + 1);
      const messageId = MESSAGE_OF_KIND[conflict.kind];
      const sameEntries = (a: string, b: string): boolean => splitList(a).sort().join(',') === splitList(b).sort().join(',');
      const reordered = conflict.kind === 'value' && conflict.others.every((o) => sameEntries(o.value, conflict.value));
      const protocolOthers = conflict.others.map((o) => `${o.value} in ${o.ingress.namespace}/${o.ingress.name} (${locationOf(o.ingress)})`).join(', ');
      report({
        messageId,
        at: conflict.path,
        data: {
          group: conflict.group,
          key: conflict.key,
          value: conflict.value,
          detail: conflict.detail ?? '',
          others: conflict.kind === 'protocol' ? protocolOthers : others,
          what,
          reordered,
        },
      });
    }
  },
});
