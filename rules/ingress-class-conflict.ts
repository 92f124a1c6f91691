import { defineRule } from '../src/api/types.js';
import { INGRESS_CLASS_ANNOTATION } from '../src/k8s/ingress.js';
import { annotationValue, hasAnnotation } from '../src/k8s/metadata.js';
import { valueAt } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'ingress-class-conflict',
    description:
      'An Ingress must not set both the `kubernetes.io/ingress.class` annotation and `spec.ingressClassName`: the API server rejects creating it.',
    remediation: 'Remove the `kubernetes.io/ingress.class` annotation and keep `spec.ingressClassName`.',
    category: 'ingress',
    defaultSeverity: 'error',
    messages: {
      both:
        '`kubernetes.io/ingress.class: {{annotation}}` and `spec.ingressClassName: {{field}}` are both set; the API server rejects creating this Ingress ("can not be set when the class field is also set"). Remove the annotation',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { report }) {
    const field = valueAt(ingress.object, ['spec', 'ingressClassName']);
    if (typeof field !== 'string' || !hasAnnotation(ingress.object, INGRESS_CLASS_ANNOTATION)) return;
    const annotation = annotationValue(ingress.object, INGRESS_CLASS_ANNOTATION) ?? '(not a string)';
    report({ messageId: 'both', at: ['metadata', 'annotations', INGRESS_CLASS_ANNOTATION], target: 'key', data: { annotation, field } });
  },
});
