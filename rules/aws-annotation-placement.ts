import { defineRule } from '../src/api/types.js';
import { awsCatalogue } from '../src/k8s/aws/catalogue.js';
import { nlbHandler } from '../src/k8s/aws/nlb.js';
import { annotationEntries } from '../src/k8s/metadata.js';
import { hasExplicitType, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'aws-annotation-placement',
    description:
      'AWS load balancer annotations must sit on the object the controller reads them from: Service load balancer annotations on a LoadBalancer Service, ALB annotations on an Ingress (or, for the backend ones, its Services).',
    remediation: 'Move the annotation to the object that reads it (or make the Service `type: LoadBalancer`), or remove it.',
    category: 'aws',
    defaultSeverity: 'warn',
    messages: {
      notLoadBalancer:
        '`{{key}}` configures a cloud load balancer, but this Service is of type {{type}}{{#defaulted}} (no type is set){{/defaulted}}, so no load balancer is built and the annotation does nothing. Set `type: LoadBalancer`, or remove it',
      ingressOnly:
        '`{{key}}` is read only from an Ingress; on a Service the AWS Load Balancer Controller reads only the backend annotations (target-type, backend-protocol, healthcheck-*, ...), so it is ignored here. Move it to the Ingress',
      serviceOnIngress:
        '`{{key}}` is a Service annotation; the AWS Load Balancer Controller ignores it on an Ingress.{{#albEquivalent}} Use `{{albEquivalent}}` instead{{/albEquivalent}}',
    },
    kinds: ['Service', 'Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { report }) {
    const catalogue = awsCatalogue();
    const isService = resource.kind === 'Service';
    const type = isService ? serviceType(resource.object) : '';
    // The controller also takes NodePort and ClusterIP Services that carry its annotations (its
    // ServiceTypeLoadBalancerOnly gate is off by default): those are load balancers too.
    const buildsLoadBalancer = isService && (type === 'LoadBalancer' || nlbHandler(resource.object).kind === 'lbc');
    for (const { key, path } of annotationEntries(resource.object)) {
      const entry = catalogue.lookup(key);
      if (!entry || entry.checkedBy !== undefined) continue;
      if (isService) {
        if (entry.appliesTo === 'Service' && !buildsLoadBalancer) {
          report({ messageId: 'notLoadBalancer', at: path, target: 'key', data: { key, type, defaulted: !hasExplicitType(resource.object) } });
        } else if (entry.appliesTo === 'Ingress') {
          report({ messageId: 'ingressOnly', at: path, target: 'key', data: { key } });
        }
      } else if (entry.appliesTo === 'Service') {
        report({ messageId: 'serviceOnIngress', at: path, target: 'key', data: { key, albEquivalent: entry.albEquivalent || undefined } });
      }
    }
  },
});
