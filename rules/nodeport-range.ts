import { defineRule } from '../src/api/types.js';
import { inNodePortRange, nodePortClaims } from '../src/k8s/nodeports.js';

export default defineRule({
  meta: {
    id: 'nodeport-range',
    description: 'A nodePort or healthCheckNodePort must lie inside the cluster node port range.',
    remediation: 'Pick a port inside the range (config `nodePortRange`, default 30000-32767), or leave nodePort out to let Kubernetes allocate one.',
    category: 'nodeport',
    defaultSeverity: 'error',
    messages: {
      outOfRange: '{{field}} {{port}} is outside the node port range {{min}}-{{max}}; the API server rejects it. Pick a port in the range, or leave it out to have one allocated',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { settings, report }) {
    const range = settings.nodePortRange;
    for (const claim of nodePortClaims(service)) {
      if (inNodePortRange(claim.nodePort, range)) continue;
      const field = claim.path.at(-1) === 'healthCheckNodePort' ? 'healthCheckNodePort' : 'nodePort';
      report({ messageId: 'outOfRange', at: claim.path, data: { field, port: claim.nodePort, ...range } });
    }
  },
});
