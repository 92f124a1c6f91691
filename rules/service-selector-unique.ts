import { defineRule } from '../src/api/types.js';
import { formatLabels, serviceSelector } from '../src/k8s/selectors.js';
import { isHeadless } from '../src/k8s/service.js';
import type { Resource } from '../src/model/types.js';
import { view } from '../src/api/views.js';

export default defineRule({
  meta: {
    id: 'service-selector-unique',
    description:
      'Two Services of a namespace must not select the same pods with the same selector (headless Services, which a StatefulSet pairs with a regular one, are left out).',
    remediation: 'Merge the Services, or tell their pods apart with another label.',
    category: 'policy',
    defaultSeverity: 'warn',
    optIn: true,
    messages: {
      duplicate: 'Service {{other}} ({{where}}) has the same selector {{selector}}: both send traffic to the same pods, which usually means one of them is a leftover',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
    crossResource: true,
  },
  check(service, { index, locationOf, report }) {
    const selector = serviceSelector(service.object);
    if (!selector || isHeadless(service.object)) return;
    const firsts = index.view(SERVICE_SELECTOR_UNIQUE_FIRST);
    const first = firsts.get(selectorKey(service.namespace, selector));
    if (!first || first === service || first.name === service.name) return;
    report({ messageId: 'duplicate', at: ['spec', 'selector'], data: { other: first.name, where: locationOf(first), selector: formatLabels(selector) } });
  },
});

function selectorKey(namespace: string, selector: Readonly<Record<string, string>>): string {
  return JSON.stringify([namespace, Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

const SERVICE_SELECTOR_UNIQUE_FIRST = view('service selector unique first', (idx) => {
  const first = new Map<string, Resource>();
  for (const other of idx.ofKind('Service')) {
    const otherSelector = serviceSelector(other.object);
    if (!otherSelector || isHeadless(other.object)) continue;
    const key = selectorKey(other.namespace, otherSelector);
    if (!first.has(key)) first.set(key, other);
  }
  return first;
});
