import { defineRule } from '../src/api/types.js';
import { isAlbIngress } from '../src/k8s/aws/alb.js';
import { INGRESS_CLASS_ANNOTATION, ingressClassOf, isDefaultIngressClass } from '../src/k8s/ingress.js';
import { valueAt } from '../src/k8s/objects.js';
import { canJudgeReferences } from '../src/k8s/references.js';
import { closestMatch } from '../src/util/suggest.js';

export default defineRule({
  meta: {
    id: 'ingress-class',
    description:
      "An Ingress's ingressClassName should name an IngressClass, and an Ingress without a class needs a default IngressClass; otherwise no controller picks it up. The kubernetes.io/ingress.class annotation is deprecated in favour of spec.ingressClassName.",
    remediation: 'Set `spec.ingressClassName` to the name of an IngressClass of the cluster, or mark one IngressClass as the default.',
    category: 'ingress',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      unknownClass:
        'ingressClassName {{name}} names no IngressClass of the input ({{classes}}), so no controller picks this Ingress up and it serves nothing{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      deprecatedAnnotation:
        'The kubernetes.io/ingress.class annotation is deprecated since Kubernetes 1.18; controllers may stop reading it. Set spec.ingressClassName: {{name}} (the name of the IngressClass of your controller) and remove the annotation',
      noDefault:
        'This Ingress names no class, and none of the input\'s IngressClasses ({{classes}}) is the default (annotation ingressclass.kubernetes.io/is-default-class: "true"), so no controller may pick it up. Set spec.ingressClassName',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, settings, unjudged, report }) {
    const cls = ingressClassOf(ingress.object);
    // The annotation alone (with spec.ingressClassName too, ingress-class-conflict reports it); on an
    // ALB Ingress aws-annotation-deprecated reports it, with the controller's replacement.
    if (cls?.from === 'annotation' && !isAlbIngress(ingress, index)) {
      report({ messageId: 'deprecatedAnnotation', at: ['metadata', 'annotations', INGRESS_CLASS_ANNOTATION], target: 'key', data: { name: cls.name } });
    }
    // IngressClasses are cluster-scoped: the input shows them all, or none.
    if (!canJudgeReferences({ index, settings, unjudged }, ['IngressClass'], '')) return;
    const classes = index.ofKind('IngressClass');
    const names = classes.map((c) => c.name);
    const shown = names.join(', ') || 'none';
    if (cls === undefined) {
      if (!classes.some((c) => isDefaultIngressClass(c.object))) report({ messageId: 'noDefault', at: ['spec', 'ingressClassName'], target: 'key', data: { classes: shown } });
      return;
    }
    // The old annotation names a controller's class string, not necessarily an IngressClass object.
    if (cls.from !== 'field' || valueAt(ingress.object, ['spec', 'ingressClassName']) !== cls.name) return;
    if (index.find('IngressClass', '', cls.name)) return;
    const hint = closestMatch(cls.name, names);
    const at = ['spec', 'ingressClassName'];
    report({
      messageId: 'unknownClass',
      at,
      data: { name: cls.name, classes: shown, suggestion: hint },
      ...(hint ? { suggest: [{ desc: `Change ingressClassName to ${hint}`, fix: [{ op: 'set', at, value: hint }] }] } : {}),
    });
  },
});
