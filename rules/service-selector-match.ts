import { defineRule, reportingOn } from '../src/api/types.js';
import { canJudgeReferences, PODS } from '../src/k8s/references.js';
import { formatLabels, serviceSelector } from '../src/k8s/selectors.js';
import { serviceType } from '../src/k8s/service.js';
import { closestTemplateIn } from '../src/k8s/workloads.js';

export default defineRule({
  meta: {
    id: 'service-selector-match',
    description: "A Service's selector should match the pod template of at least one workload in its namespace; otherwise it has no endpoints.",
    remediation: 'Make the selector a subset of the pod template labels of the workload it should send traffic to.',
    category: 'service',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      noMatch:
        'Selector {{selector}} matches no pod in namespace {{namespace}}, so the Service has no endpoints and drops traffic. Closest: {{workload}}, whose pods {{difference}}',
      noWorkloads: 'Selector {{selector}} matches no pod: the input holds no workload in namespace {{namespace}} (strictReferences is on)',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { index, settings, unjudged, report: reportAny }) {
    const selector = serviceSelector(service.object);
    if (selector === undefined || serviceType(service.object) === 'ExternalName') return;
    if (index.selectPodTemplates(service.namespace, selector).length > 0) return;
    if (!canJudgeReferences({ index, settings, unjudged }, PODS, service.namespace)) return;
    const data = { selector: formatLabels(selector), namespace: service.namespace };
    const report = reportingOn(reportAny, { to: 'pods', at: ['spec', 'selector'], problem: 'none-selected' });
    if (index.podTemplates(service.namespace).length === 0) {
      report({ messageId: 'noWorkloads', at: ['spec', 'selector'], target: 'key', data });
      return;
    }
    const near = closestTemplateIn(index, [service.namespace], { matchLabels: selector });
    if (!near) return;
    report({
      messageId: 'noMatch',
      at: ['spec', 'selector', String(near.unmet[0]?.path.at(-1) ?? '')],
      data: { ...data, workload: `${near.closest.workload.kind} ${near.closest.workload.name}`, difference: near.unmet.map((u) => u.text).join(' and ') },
      related: [{ resource: near.closest.workload, message: `${near.closest.workload.kind} ${near.closest.workload.name}, the closest pods` }],
    });
  },
});
