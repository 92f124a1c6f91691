import { defineRule } from '../src/api/types.js';
import { canJudgeReferences } from '../src/k8s/references.js';
import { formatLabels, serviceSelector, type Labels } from '../src/k8s/selectors.js';
import { serviceType } from '../src/k8s/service.js';
import { selectedTemplates, WORKLOAD_KINDS } from '../src/k8s/workloads.js';
import type { WorkloadTemplate } from '../src/model/types.js';

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
      noWorkloads:
        'Selector {{selector}} matches no pod: the input holds no workload in namespace {{namespace}} (strictReferences is on)',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { index, settings, report }) {
    const selector = serviceSelector(service.object);
    if (selector === undefined || serviceType(service.object) === 'ExternalName') return;
    if (!canJudgeReferences(index, settings, WORKLOAD_KINDS, service.namespace)) return;
    const templates = index.podTemplates(service.namespace);
    const data = { selector: formatLabels(selector), namespace: service.namespace };
    if (templates.length === 0) {
      report({ messageId: 'noWorkloads', at: ['spec', 'selector'], target: 'key', data });
      return;
    }
    if (selectedTemplates(templates, selector).length > 0) return;
    const closest = closestTemplate(templates, selector);
    const differing = Object.keys(selector).filter((key) => closest.template.labels[key] !== selector[key]);
    const difference = differing
      .map((key) => (closest.template.labels[key] === undefined ? `have no label ${key}` : `have ${key}=${closest.template.labels[key]}`))
      .join(' and ');
    report({
      messageId: 'noMatch',
      at: ['spec', 'selector', differing[0]!],
      data: { ...data, workload: `${closest.workload.kind} ${closest.workload.name}`, difference },
    });
  },
});

/** The template sharing the most selector labels; the first in input order on a tie. */
function closestTemplate(templates: readonly WorkloadTemplate[], selector: Labels): WorkloadTemplate {
  let best = templates[0]!;
  let bestScore = -1;
  for (const candidate of templates) {
    const score = Object.entries(selector).filter(([key, value]) => candidate.template.labels[key] === value).length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
