import { defineRule } from '../src/api/types.js';
import { awsCatalogue } from '../src/k8s/aws/catalogue.js';
import { describeHandler, LB_TYPE, NLB_TARGET_TYPE, nlbHandler } from '../src/k8s/aws/nlb.js';
import { annotationEntries, annotationValue, hasAnnotation } from '../src/k8s/metadata.js';

export default defineRule({
  meta: {
    id: 'aws-nlb-controller',
    description:
      'A LoadBalancer Service must be handled by the controller its annotations are written for: `type: external` needs a target type (or a loadBalancerClass) or nobody reconciles it, and the in-tree provider ignores the controller-only annotations.',
    remediation:
      'For the AWS Load Balancer Controller set `aws-load-balancer-type: external` with `aws-load-balancer-nlb-target-type: ip` (or instance), or `spec.loadBalancerClass: service.k8s.aws/nlb`.',
    category: 'aws',
    defaultSeverity: 'warn',
    messages: {
      nobody:
        '`{{key}}: external` without {{#targetTypePresent}}a valid `{{targetType}}` (it is {{#value}}"{{value}}"{{/value}}{{^value}}not a string{{/value}}; only ip and instance count){{/targetTypePresent}}{{^targetTypePresent}}`{{targetType}}`{{/targetTypePresent}} and without spec.loadBalancerClass: the in-tree provider skips `external` and the AWS Load Balancer Controller needs the target type, so nobody reconciles this Service and it stays Pending with no event. Add `{{targetType}}: ip` (or instance)',
      ignoredByInTree:
        "`{{key}}` is read only by the AWS Load Balancer Controller, but this Service is handled by {{handler}}, so it is silently ignored. Set `aws-load-balancer-type: external` with `aws-load-balancer-nlb-target-type`, or spec.loadBalancerClass (if the controller's webhook sets the class on new Services, set this rule's option serviceMutatorWebhook)",
      classicOnly: '`{{key}}` only configures a Classic ELB, but {{handler}} builds an NLB for this Service, so it has no effect; {{instead}}',
    },
    kinds: ['Service'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        loadBalancerClasses: {
          type: 'array',
          items: { type: 'string' },
          minItems: 1,
          description: 'spec.loadBalancerClass values the AWS Load Balancer Controller reconciles (its --load-balancer-class).',
        },
        serviceMutatorWebhook: {
          type: 'boolean',
          description: "The controller's webhook gives every new LoadBalancer Service its class (Helm enableServiceMutatorWebhook, on by default since v2.5).",
        },
      },
    },
    defaultOptions: { loadBalancerClasses: [awsCatalogue().defaults.loadBalancerClass], serviceMutatorWebhook: false },
  },
  check(service, { options, report }) {
    const handler = nlbHandler(service.object, options);
    const catalogue = awsCatalogue();
    if (handler.kind === 'nobody') {
      const present = hasAnnotation(service.object, NLB_TARGET_TYPE);
      report({
        messageId: 'nobody',
        at: ['metadata', 'annotations', present ? NLB_TARGET_TYPE : LB_TYPE],
        data: {
          key: LB_TYPE,
          targetTypePresent: present,
          value: annotationValue(service.object, NLB_TARGET_TYPE),
          targetType: NLB_TARGET_TYPE,
        },
      });
      return;
    }
    const getsNlb = handler.kind === 'lbc' || (handler.kind === 'in-tree' && handler.lb === 'nlb');
    for (const { key, path } of annotationEntries(service.object)) {
      const entry = catalogue.lookup(key);
      if (!entry || entry.appliesTo !== 'Service') continue;
      if (handler.kind === 'in-tree' && entry.controller === 'aws-load-balancer-controller') {
        report({ messageId: 'ignoredByInTree', at: path, target: 'key', data: { key, handler: describeHandler(handler) } });
      } else if (entry.classicOnly !== undefined && getsNlb) {
        report({ messageId: 'classicOnly', at: path, target: 'key', data: { key, handler: describeHandler(handler), instead: entry.classicOnly } });
      }
    }
  },
});
