import { defineRule } from '../src/api/types.js';
import { isAlbIngress } from '../src/k8s/aws/alb.js';
import { describeBackendRoute, ingressServiceBackends, isAlbActionBackend } from '../src/k8s/ingress.js';
import { stringField } from '../src/k8s/objects.js';
import { isHeadless, serviceSpec, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'ingress-backend-type',
    description:
      'An Ingress backend Service should be one every controller can route to: an ExternalName Service works only with some controllers, and a headless Service has no cluster IP and no node ports.',
    remediation: 'Point the backend at a regular ClusterIP (or NodePort) Service that selects the pods, or check that your controller supports this Service type.',
    category: 'ingress',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      externalName:
        'Backend Service {{service}} is an ExternalName Service (a DNS alias for {{host}}): only some controllers route to it (ingress-nginx does; load balancers that target node ports or pod IPs, such as the AWS Load Balancer Controller, cannot: it has neither), and the request keeps the Ingress host in its Host header. Make sure your controller supports it, or point at a Service with endpoints',
      headless:
        'Backend Service {{service}} is headless (clusterIP: None): it has no cluster IP and no node ports, so only controllers that send traffic straight to pod endpoints can use it for {{route}} (instance-target and node-port load balancers cannot). Use a regular ClusterIP Service for the Ingress',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, report }) {
    for (const { value } of ingressServiceBackends(ingress.object)) {
      const backend = value.backend;
      if (backend.serviceName === undefined || isAlbActionBackend(backend)) continue;
      const service = index.find('Service', ingress.namespace, backend.serviceName);
      if (!service) continue;
      const data = { service: backend.serviceName, route: describeBackendRoute(value) };
      if (serviceType(service.object) === 'ExternalName') {
        report({ messageId: 'externalName', at: backend.namePath, data: { ...data, host: stringField(serviceSpec(service.object), 'externalName') ?? '(no externalName)' } });
      } else if (isHeadless(service.object) && !isAlbIngress(ingress, index)) {
        // Behind an ALB, target type ip registers the pod IPs (fine), and instance is aws-alb-target-type's finding.
        report({ messageId: 'headless', at: backend.namePath, data });
      }
    }
  },
});
