import { defineRule } from '../src/api/types.js';
import { INGRESS_CLASS_ANNOTATION } from '../src/k8s/ingress.js';
import { annotationValue, hasAnnotation } from '../src/k8s/metadata.js';
import { valueAt } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'ingress-class-conflict',
    description:
      'An Ingress should not set both the `kubernetes.io/ingress.class` annotation and `spec.ingressClassName`: the API server rejects creating it when they differ, and the annotation is deprecated.',
    remediation: 'Remove the `kubernetes.io/ingress.class` annotation and keep `spec.ingressClassName`.',
    category: 'ingress',
    defaultSeverity: 'error',
    messages: {
      differ:
        '`kubernetes.io/ingress.class: {{annotation}}` and `spec.ingressClassName: {{field}}` are both set and differ; the API server rejects creating this Ingress ("must match `ingressClassName` when both are specified"). Remove the annotation',
      redundant:
        '`kubernetes.io/ingress.class: {{annotation}}` repeats `spec.ingressClassName`; the annotation is deprecated and only controllers that ignore the field read it. Remove the annotation',
    },
    warnings: ['redundant'],
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { report }) {
    const field = valueAt(ingress.object, ['spec', 'ingressClassName']);
    if (typeof field !== 'string' || !hasAnnotation(ingress.object, INGRESS_CLASS_ANNOTATION)) return;
    const annotation = annotationValue(ingress.object, INGRESS_CLASS_ANNOTATION) ?? '(not a string)';
    report({ messageId: annotation === field ? 'redundant' : 'differ', at: ['metadata', 'annotations', INGRESS_CLASS_ANNOTATION], target: 'key', data: { annotation, field } });
  },
});
