import { defineRule } from '../src/api/types.js';
import { ingressHosts } from '../src/k8s/ingress.js';
import { objectsIn } from '../src/k8s/objects.js';
import type { Resource } from '../src/model/types.js';
import { view } from '../src/api/views.js';

export default defineRule({
  meta: {
    id: 'ingress-host-unique',
    description: 'A host may be claimed by one Ingress only (or, with `allowSameNamespace`, by the Ingresses of one namespace): another team cannot take over its traffic.',
    remediation: 'Serve the host from one Ingress, or pick another host.',
    category: 'policy',
    defaultSeverity: 'warn',
    optIn: true,
    messages: {
      taken: 'host {{host}} is already claimed by Ingress {{other}} ({{where}}); two Ingresses for one host split or steal its traffic depending on the controller',
    },
    kinds: ['Ingress'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { allowSameNamespace: { type: 'boolean', description: 'Let Ingresses of one namespace share a host (split by path).' } },
    },
    defaultOptions: { allowSameNamespace: false },
    crossResource: true,
  },
  check(ingress, { index, options, locationOf, report }) {
    // The first Ingress (in input order) to name each host owns it.
    const owners = index.view(INGRESS_HOST_UNIQUE_OWNERS);
    for (const { value: rule, path } of objectsIn(ingress.object, ['spec', 'rules'])) {
      const host = rule['host'];
      if (typeof host !== 'string' || host === '') continue;
      const owner = owners.get(host);
      if (!owner || owner === ingress || (options.allowSameNamespace && owner.namespace === ingress.namespace)) continue;
      report({ messageId: 'taken', at: [...path, 'host'], data: { host, other: `${owner.namespace}/${owner.name}`, where: locationOf(owner) } });
    }
  },
});

const INGRESS_HOST_UNIQUE_OWNERS = view('ingress host unique owners', (idx) => {
  const first = new Map<string, Resource>();
  for (const other of idx.ofKind('Ingress')) for (const host of ingressHosts(other.object)) if (!first.has(host)) first.set(host, other);
  return first;
});
