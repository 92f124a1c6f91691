import { defineRule } from '../src/api/types.js';
import { valueAt } from '../src/k8s/objects.js';
import { canJudgeReferences } from '../src/k8s/references.js';
import { serviceSelector } from '../src/k8s/selectors.js';
import { headlessFieldPath, isHeadless, serviceType } from '../src/k8s/service.js';
import type { ResourceIndex } from '../src/model/types.js';
import { view } from '../src/api/views.js';

export default defineRule({
  meta: {
    id: 'headless-selector',
    description:
      'A headless Service without a selector gets no endpoints from Kubernetes; unless Endpoints or an EndpointSlice for it exist, its DNS name returns no records. Judged where the input holds the namespace and some Endpoints or EndpointSlices of it (docs/partial-input.md), or with strictReferences.',
    remediation: 'Add a selector for the pods it should resolve to, or add the EndpointSlice that lists its backends.',
    category: 'headless',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      noEndpoints:
        'Headless Service {{name}} has no selector and the input holds no Endpoints or EndpointSlice for it, so its DNS name {{name}}.{{namespace}}.svc returns no records. Add a selector, or the EndpointSlice (label kubernetes.io/service-name: {{name}}) that lists its backends',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { index, settings, unjudged, report }) {
    if (serviceType(service.object) !== 'ClusterIP' || !isHeadless(service.object)) return;
    if (serviceSelector(service.object) !== undefined || service.name === '') return;
    if (hasEndpoints(index, service.namespace, service.name)) return;
    // Endpoints of selectorless Services are often written by a controller (Patroni, an operator), not kept in git.
    if (!canJudgeReferences({ index, settings, unjudged }, ['Endpoints', 'EndpointSlice'], service.namespace)) return;
    report({ messageId: 'noEndpoints', at: headlessFieldPath(service.object), data: { name: service.name, namespace: service.namespace } });
  },
});

function hasEndpoints(index: ResourceIndex, namespace: string, name: string): boolean {
  if (index.find('Endpoints', namespace, name)) return true;
  const owners = index.view(ENDPOINT_SLICE_OWNERS);
  return owners.has(`${namespace}/${name}`);
}

const ENDPOINT_SLICE_OWNERS = view('endpoint slice owners', (idx) => {
  const owned = new Set<string>();
  for (const slice of idx.ofKind('EndpointSlice')) {
    const owner = valueAt(slice.object, ['metadata', 'labels', 'kubernetes.io/service-name']);
    if (typeof owner === 'string') owned.add(`${slice.namespace}/${owner}`);
  }
  return owned;
});
