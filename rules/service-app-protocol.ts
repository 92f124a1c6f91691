import { defineRule } from '../src/api/types.js';
import { qualifiedNameProblem } from '../src/k8s/dns.js';
import { servicePorts } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'service-app-protocol',
    description: "A Service port's appProtocol must be a qualified name (`[prefix/]name`), such as `http`, `kubernetes.io/h2c` or `example.com/my-protocol`.",
    remediation:
      'Write appProtocol as an IANA service name such as `http` or `grpc`, a Kubernetes value such as `kubernetes.io/h2c`, or your own name with a domain prefix such as `example.com/my-protocol`.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      notQualifiedName:
        'appProtocol "{{value}}" {{problem}}; appProtocol must be a qualified name (`[prefix/]name`), so the API server rejects it. Use a name such as `http`, `grpc` or `kubernetes.io/h2c`, or your own with a domain prefix, such as `example.com/my-protocol`',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    for (const { value: port, path } of servicePorts(service.object)) {
      const appProtocol = port['appProtocol'];
      // A non-string (`appProtocol: 5`) is the schema rule's finding; null is the same as unset.
      if (typeof appProtocol !== 'string') continue;
      const problem = qualifiedNameProblem(appProtocol);
      if (problem !== undefined) report({ messageId: 'notQualifiedName', at: [...path, 'appProtocol'], data: { value: appProtocol, problem } });
    }
  },
});
