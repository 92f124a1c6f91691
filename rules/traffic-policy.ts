import { defineRule } from '../src/api/types.js';
import { stringField } from '../src/k8s/objects.js';
import {
  describeServiceType,
  isExternallyAccessible,
  isHeadless,
  knownServiceType,
  needsHealthCheckNodePort,
  requestedHealthCheckNodePort,
  serviceSpec,
} from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'traffic-policy',
    description:
      'externalTrafficPolicy is only for externally reachable Services (NodePort, LoadBalancer, ClusterIP with externalIPs), and healthCheckNodePort only for a LoadBalancer with externalTrafficPolicy Local.',
    remediation:
      'Remove externalTrafficPolicy from internal Services (use internalTrafficPolicy for in-cluster traffic), and set healthCheckNodePort only with `type: LoadBalancer` and `externalTrafficPolicy: Local`.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      externalTrafficPolicy:
        "externalTrafficPolicy {{value}} may only be set on a Service reachable from outside the cluster (NodePort, LoadBalancer, or ClusterIP with externalIPs); this one is {{type}}{{#headless}}, headless,{{/headless}} without externalIPs, so the API server rejects it. Remove it; to keep in-cluster traffic on the client's node use internalTrafficPolicy: Local",
      healthCheckNodePort:
        'healthCheckNodePort {{port}} may only be set when type is LoadBalancer and externalTrafficPolicy is Local (here: type {{type}}, externalTrafficPolicy {{policy}}); the API server rejects it. Remove it',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const type = knownServiceType(service.object);
    if (type === undefined) return;
    const spec = serviceSpec(service.object);
    // An invalid value (`local`) is the schema rule's finding (with a did-you-mean); an ExternalName
    // Service with a policy is externalname-fields'.
    const policy = stringField(spec, 'externalTrafficPolicy');
    if (type === 'ClusterIP' && policy !== undefined && policy !== '' && !isExternallyAccessible(service.object)) {
      report({
        messageId: 'externalTrafficPolicy',
        at: ['spec', 'externalTrafficPolicy'],
        data: { value: policy, type: describeServiceType(service.object), headless: isHeadless(service.object) },
      });
    }
    const healthCheck = requestedHealthCheckNodePort(service.object);
    if (healthCheck !== undefined && !needsHealthCheckNodePort(service.object)) {
      report({
        messageId: 'healthCheckNodePort',
        at: ['spec', 'healthCheckNodePort'],
        data: { port: healthCheck, type, policy: policy === undefined || policy === '' ? 'unset' : policy },
      });
    }
  },
});
