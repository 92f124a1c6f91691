import { requireTopology } from '../format/mermaid.js';
import type { Formatter } from '../format/types.js';

/** `k8s-svc-lint graph --format json`: the topology as data (nodes, edges, namespaces). */
export const topologyJson: Formatter = Object.assign(
  (_results: Parameters<Formatter>[0], context: Parameters<Formatter>[1]) => `${JSON.stringify(requireTopology(context.topology, 'json'), null, 2)}\n`,
  {
    needsTopology: true,
  },
);
