import { defineRule } from '../src/api/types.js';
import {
  hasExplicitType,
  headlessFieldPath,
  isHeadless,
  needsHealthCheckNodePort,
  requestedHealthCheckNodePort,
  requestedNodePort,
  servicePorts,
  serviceSpec,
  serviceType,
} from '../src/k8s/service.js';
import { stringField } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'nodeport-type',
    description: 'Node ports exist only on NodePort and LoadBalancer Services, and those cannot be headless.',
    remediation: 'Set `type: NodePort` (or LoadBalancer) to expose the port on every node, or remove the nodePort.',
    category: 'nodeport',
    defaultSeverity: 'error',
    messages: {
      clusterIP:
        'nodePort {{port}} is not allowed on a Service of type ClusterIP{{defaulted}}; the API server rejects it. Set `type: NodePort` to open it on every node, or remove nodePort',
      externalName:
        'nodePort {{port}} does nothing on an ExternalName Service: it is only a DNS alias and opens no port on the nodes. Remove nodePort',
      headless:
        'A Service of type {{type}} cannot be headless (`{{field}}` set to None); the API server rejects it. Remove {{field}}, or use type ClusterIP for a headless Service',
      healthCheckNodePort:
        'healthCheckNodePort {{port}} may only be set when type is LoadBalancer and externalTrafficPolicy is Local (here: type {{type}}, externalTrafficPolicy {{policy}}); the API server rejects it. Remove it',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const type = serviceType(service.object);
    if (type === 'ClusterIP' || type === 'ExternalName') {
      const defaulted = hasExplicitType(service.object) ? '' : ' (no type is set, so ClusterIP)';
      for (const { value: port, path } of servicePorts(service.object)) {
        const nodePort = requestedNodePort(port);
        if (nodePort === undefined) continue;
        report({
          messageId: type === 'ClusterIP' ? 'clusterIP' : 'externalName',
          at: [...path, 'nodePort'],
          data: { port: nodePort, defaulted },
        });
      }
    }
    if ((type === 'NodePort' || type === 'LoadBalancer') && isHeadless(service.object)) {
      const at = headlessFieldPath(service.object);
      report({ messageId: 'headless', at, data: { type, field: at[1] === 'clusterIPs' ? 'clusterIPs' : 'clusterIP' } });
    }
    const healthCheck = requestedHealthCheckNodePort(service.object);
    if (healthCheck !== undefined && !needsHealthCheckNodePort(service.object)) {
      const policy = stringField(serviceSpec(service.object), 'externalTrafficPolicy') ?? 'unset';
      report({ messageId: 'healthCheckNodePort', at: ['spec', 'healthCheckNodePort'], data: { port: healthCheck, type, policy } });
    }
  },
});
