import { defineRule } from '../src/api/types.js';
import { stringField, type PlainObject } from '../src/k8s/objects.js';
import { canJudgeReferences } from '../src/k8s/references.js';
import { formatLabels, matchesLabels, serviceSelector } from '../src/k8s/selectors.js';
import { isHeadless, serviceSpec, serviceType } from '../src/k8s/service.js';
import { podTemplateOf } from '../src/k8s/workloads.js';
import { closestMatch } from '../src/util/suggest.js';

export default defineRule({
  meta: {
    id: 'statefulset-service',
    description:
      "A StatefulSet's serviceName should name a headless Service in its namespace that selects its pods; that Service gives each pod its DNS name (pod-0.<service>.<namespace>.svc).",
    remediation: 'Point serviceName at a headless Service (clusterIP: None) whose selector matches the StatefulSet pod labels.',
    category: 'headless',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      missing:
        'serviceName {{service}} names no Service in namespace {{namespace}}, so the pods get no DNS names ({{pod}}-0.{{service}}.{{namespace}}.svc){{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      notHeadless:
        'serviceName {{service}} names a Service of type {{type}} that is not headless (clusterIP: None), so per-pod DNS names like {{pod}}-0.{{service}}.{{namespace}}.svc do not exist. Make that Service headless or point at a headless one',
      notSelecting:
        "serviceName {{service}} names a headless Service whose selector {{selector}} does not select this StatefulSet's pods ({{labels}}), so the pods get no DNS names. Make the selector match the pod labels",
    },
    kinds: ['StatefulSet'],
    schema: null,
    defaultOptions: {},
  },
  check(statefulSet, { index, settings, unjudged, report }) {
    const serviceName = stringField(serviceSpec(statefulSet.object), 'serviceName');
    if (serviceName === undefined || serviceName === '') return;
    const at = ['spec', 'serviceName'];
    const data = { service: serviceName, namespace: statefulSet.namespace, pod: statefulSet.name };
    const service = index.find('Service', statefulSet.namespace, serviceName);
    if (!service) {
      if (!canJudgeReferences({ index, settings, unjudged }, ['Service'], statefulSet.namespace)) return;
      // Only a Service that would give these pods their DNS names is worth suggesting: a name a typo away
      // that is not headless or selects other pods (Argo CD's applicationset-controller beside its
      // application-controller) would be a wrong fix.
      const labels = podTemplateOf(statefulSet.kind, statefulSet.object)?.labels ?? {};
      const names = index
        .ofKindIn('Service', statefulSet.namespace)
        .filter((r) => governs(r.object, labels))
        .map((r) => r.name);
      const hint = closestMatch(serviceName, names);
      report({
        messageId: 'missing',
        at,
        data: { ...data, suggestion: hint },
        reference: { to: 'object', at, target: { kind: 'Service', namespace: statefulSet.namespace, name: serviceName }, problem: 'missing' },
        ...(hint ? { suggest: [{ desc: `Change serviceName to ${hint}`, fix: [{ op: 'set', at, value: hint }] }] } : {}),
      });
      return;
    }
    if (!isHeadless(service.object)) {
      report({ messageId: 'notHeadless', at, data: { ...data, type: serviceType(service.object) } });
      return;
    }
    const selector = serviceSelector(service.object);
    const labels = podTemplateOf(statefulSet.kind, statefulSet.object)?.labels ?? {};
    if (!governs(service.object, labels)) {
      report({
        messageId: 'notSelecting',
        at,
        data: { ...data, selector: selector ? formatLabels(selector) : '(none)', labels: formatLabels(labels) || 'no labels' },
      });
    }
  },
});

/** Whether a Service can govern pods with these labels: headless, and its selector selects them. */
function governs(service: PlainObject, podLabels: Readonly<Record<string, string>>): boolean {
  const selector = serviceSelector(service);
  return isHeadless(service) && selector !== undefined && matchesLabels(selector, podLabels);
}
