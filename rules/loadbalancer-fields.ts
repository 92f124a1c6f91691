import { defineRule } from '../src/api/types.js';
import { isQualifiedName } from '../src/k8s/dns.js';
import { knownServiceType, serviceSpec } from '../src/k8s/service.js';

/** Fields the API server allows only on `type: LoadBalancer`. */
const LOAD_BALANCER_ONLY = ['allocateLoadBalancerNodePorts', 'loadBalancerClass'] as const;

export default defineRule({
  meta: {
    id: 'loadbalancer-fields',
    description: 'allocateLoadBalancerNodePorts and loadBalancerClass belong only on a LoadBalancer Service, and loadBalancerClass must be a qualified name.',
    remediation: 'Remove the field, or set `type: LoadBalancer`; write loadBalancerClass as `[prefix/]name`, such as `service.k8s.aws/nlb`.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      notLoadBalancer: '{{field}} may only be used when type is LoadBalancer (here: {{type}}); the API server rejects it. Remove {{field}}, or set `type: LoadBalancer`',
      badClass:
        'loadBalancerClass "{{value}}" is not a qualified name (`[prefix/]name`: the name at most 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit; the prefix a DNS subdomain); the API server rejects it',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const type = knownServiceType(service.object);
    if (type === undefined) return;
    const spec = serviceSpec(service.object);
    if (type !== 'LoadBalancer') {
      for (const field of LOAD_BALANCER_ONLY) {
        if (spec[field] !== undefined && spec[field] !== null) report({ messageId: 'notLoadBalancer', at: ['spec', field], target: 'key', data: { field, type } });
      }
      return;
    }
    const lbClass = spec['loadBalancerClass'];
    if (typeof lbClass === 'string' && !isQualifiedName(lbClass)) {
      report({ messageId: 'badClass', at: ['spec', 'loadBalancerClass'], data: { value: lbClass } });
    }
  },
});
