import { defineRule } from '../src/api/types.js';
import { hasExplicitType, headlessFieldPath, isHeadless, requestedNodePort, servicePorts, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'nodeport-type',
    description: 'Node ports exist only on NodePort and LoadBalancer Services, and those cannot be headless.',
    remediation: 'Set `type: NodePort` (or LoadBalancer) to expose the port on every node, or remove the nodePort.',
    category: 'nodeport',
    defaultSeverity: 'error',
    messages: {
      clusterIP:
        'nodePort {{port}} is not allowed on a Service of type ClusterIP{{#defaulted}} (no type is set, so ClusterIP){{/defaulted}}; the API server rejects it. Set `type: NodePort` to open it on every node, or remove nodePort',
      externalName: 'nodePort {{port}} does nothing on an ExternalName Service: it is only a DNS alias and opens no port on the nodes. Remove nodePort',
      headless:
        'A Service of type {{type}} cannot be headless (`{{field}}` set to None); the API server rejects it. Remove {{field}}, or use type ClusterIP for a headless Service',
    },
    // The API server accepts a nodePort on an ExternalName Service; it only does nothing.
    warnings: ['externalName'],
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const type = serviceType(service.object);
    if (type === 'ClusterIP' || type === 'ExternalName') {
      const defaulted = !hasExplicitType(service.object);
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
  },
});
