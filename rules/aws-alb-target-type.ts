import { defineRule } from '../src/api/types.js';
import { albTargetType, isAlbIngress } from '../src/k8s/aws/alb.js';
import { ingressServiceBackends } from '../src/k8s/ingress.js';
import { hasExplicitType, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'aws-alb-target-type',
    description:
      'With ALB target type instance (the default), every backend Service must be NodePort or LoadBalancer: the ALB sends traffic to node ports, and a ClusterIP Service has none.',
    remediation: 'Set `alb.ingress.kubernetes.io/target-type: ip` on the Ingress or the Service, or make the backend Service `type: NodePort`.',
    category: 'aws',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      clusterIP:
        'Backend Service {{service}} ({{location}}) is of type ClusterIP{{#defaulted}} (no type is set){{/defaulted}}, but the ALB target type is instance ({{source}}): instance targets are node ports, so the controller fails with "TargetGroup port is empty". Set `alb.ingress.kubernetes.io/target-type: ip`, or make the Service NodePort',
    },
    kinds: ['Ingress'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        defaultTargetType: { enum: ['instance', 'ip'], description: "The controller's --default-target-type." },
      },
    },
    defaultOptions: { defaultTargetType: 'instance' },
  },
  check(ingress, { index, options, locationOf, report }) {
    if (!isAlbIngress(ingress, index)) return;
    for (const { value } of ingressServiceBackends(ingress.object)) {
      const backend = value.backend;
      if (backend.serviceName === undefined) continue;
      if (backend.port && 'name' in backend.port && backend.port.name === 'use-annotation') continue;
      const service = index.find('Service', ingress.namespace, backend.serviceName);
      if (!service || serviceType(service.object) !== 'ClusterIP') continue;
      const resolved = albTargetType(ingress, service, index, options.defaultTargetType);
      if (resolved === 'unknown') return; // the IngressClassParams' spec.targetType may override everything
      if (resolved.targetType !== 'instance') continue;
      report({
        messageId: 'clusterIP',
        at: backend.namePath,
        data: {
          service: `${service.namespace}/${service.name}`,
          location: locationOf(service),
          defaulted: !hasExplicitType(service.object),
          source: resolved.source,
        },
      });
    }
  },
});
