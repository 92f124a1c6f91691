import { defineRule } from '../src/api/types.js';
import { isAlbIngress } from '../src/k8s/aws/alb.js';
import { awsCatalogue } from '../src/k8s/aws/catalogue.js';
import { deprecatedKeyFix, deprecatedValueFix } from '../src/k8s/aws/deprecation-fixes.js';
import { nlbHandler } from '../src/k8s/aws/nlb.js';
import { INGRESS_CLASS_ANNOTATION } from '../src/k8s/ingress.js';
import { annotationEntries } from '../src/k8s/metadata.js';
import { valueAt } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'aws-annotation-deprecated',
    description:
      'Deprecated AWS load balancer annotations and values (aws-load-balancer-type nlb-ip, aws-load-balancer-internal, the access-log and cross-zone keys, web-acl-id, kubernetes.io/ingress.class) have a current replacement.',
    remediation: 'Replace the deprecated annotation or value with the one the message gives.',
    category: 'aws',
    defaultSeverity: 'warn',
    fixable: true,
    crossResource: true,
    messages: {
      deprecatedKey: '`{{key}}` is deprecated{{#forController}} for the AWS Load Balancer Controller{{/forController}}; use {{replacement}}',
      deprecatedValue: '`{{key}}: {{value}}` is deprecated; use {{replacement}}',
    },
    kinds: ['Service', 'Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { index, report }) {
    const catalogue = awsCatalogue();
    const ingressClassNames = (): readonly string[] => index.ofKind('IngressClass').map((c) => c.name);
    let controllerHandles: boolean | undefined;
    const handledByController = (): boolean => (controllerHandles ??= resource.kind === 'Service' ? nlbHandler(resource.object).kind === 'lbc' : isAlbIngress(resource, index));
    for (const { key, value, path } of annotationEntries(resource.object)) {
      const entry = catalogue.lookup(key);
      if (!entry) continue;
      if (entry.deprecated) {
        // The in-tree provider has no replacement for its own keys: they are deprecated only where the controller reads the Service.
        if (entry.deprecated.whenControllerHandles && !handledByController()) continue;
        // Both the annotation and spec.ingressClassName: ingress-class-conflict reports the rejected Ingress.
        if (key === INGRESS_CLASS_ANNOTATION && typeof valueAt(resource.object, ['spec', 'ingressClassName']) === 'string') continue;
        const replacement = entry.deprecated.replacement.replace(/<value>/g, typeof value === 'string' && value !== '' ? value : '<value>');
        const forController = resource.kind === 'Service' && entry.deprecated.whenControllerHandles === true;
        const fix = deprecatedKeyFix(resource.object, key, value, ingressClassNames);
        report({ messageId: 'deprecatedKey', at: path, target: 'key', data: { key, replacement, forController }, ...(fix ? { fix } : {}) });
      }
      if (typeof value === 'string' && entry.deprecatedValues && Object.hasOwn(entry.deprecatedValues, value)) {
        const fix = deprecatedValueFix(key, value);
        report({ messageId: 'deprecatedValue', at: path, data: { key, value, replacement: entry.deprecatedValues[value]! }, ...(fix ? { fix } : {}) });
      }
    }
  },
});
