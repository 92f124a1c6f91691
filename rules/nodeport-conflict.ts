import { defineRule } from '../src/api/types.js';
import { nodePortConflicts } from '../src/k8s/nodeports.js';
import { formatFieldPath } from '../src/k8s/paths.js';

export default defineRule({
  meta: {
    id: 'nodeport-conflict',
    description: 'Two Services must not ask for the same node port; node ports are shared by the whole cluster, whatever the protocol.',
    remediation: 'Give each Service its own nodePort, or leave nodePort out to let Kubernetes allocate a free one.',
    category: 'nodeport',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      otherService:
        '{{field}} {{port}} is already taken by Service {{holder}} ({{location}}, {{holderField}}); the API server rejects this Service with "provided port is already allocated". Node ports are cluster-wide and protocol-blind: pick another port',
      sameService:
        '{{field}} {{port}} is already used by {{holderField}} of this Service; only entries with the same port number (53/TCP and 53/UDP) may share a node port. Pick another port',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { index, settings, locationOf, report }) {
    const conflicts = nodePortConflicts(index, settings.nodePortRange).get(service) ?? [];
    for (const { claim, holder, holderClaim } of conflicts) {
      const holderField = formatFieldPath(holderClaim.path);
      const field = claim.path.at(-1) === 'healthCheckNodePort' ? 'healthCheckNodePort' : 'nodePort';
      if (holder === service) {
        report({ messageId: 'sameService', at: claim.path, data: { field, port: claim.nodePort, holderField } });
      } else {
        report({
          messageId: 'otherService',
          at: claim.path,
          data: { field, port: claim.nodePort, holder: `${holder.namespace}/${holder.name}`, location: locationOf(holder), holderField },
          related: [{ resource: holder, at: holderClaim.path, message: `${field} ${claim.nodePort} of Service ${holder.namespace}/${holder.name}` }],
        });
      }
    }
  },
});
