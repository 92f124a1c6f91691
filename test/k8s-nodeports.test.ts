// The node port allocation replay (src/k8s/nodeports.ts), in process: which claim of a Service holds
// a shared node port, which fixtures cannot see (they assert where a finding is, not what it names).
import { describe, expect, it } from 'vitest';
import { nodePortConflicts } from '../src/k8s/nodeports.js';
import { buildIndex } from '../src/model/resource-index.js';
import { collectResources } from '../src/model/resources.js';
import { objectsFile } from './harness/objects.js';

const RANGE = { min: 30000, max: 32767 };

function nodePortService(name: string, ports: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'dns' }, spec: { type: 'NodePort', selector: { app: name }, ports } };
}

/** Each rejected Service with its conflicts: the port, where it asks for it, who holds it and where. */
function conflicts(services: readonly Record<string, unknown>[]): unknown[] {
  const index = buildIndex(collectResources([objectsFile(services)], 'default'));
  return [...nodePortConflicts(index, RANGE)].map(([service, found]) => ({
    service: service.name,
    conflicts: found.map(({ claim, holder, holderClaim }) => ({
      nodePort: claim.nodePort,
      at: claim.path.join('.'),
      holder: holder.name,
      holderAt: holderClaim.path.join('.'),
    })),
  }));
}

describe('nodePortConflicts', () => {
  it('53/UDP and 53/TCP share one node port, held by the first entry: a later Service is told so', () => {
    const dns = nodePortService('coredns', [
      { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 },
    ]);
    const copy = nodePortService('coredns-copy', [{ name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }]);
    expect(conflicts([dns, copy])).toEqual([
      { service: 'coredns-copy', conflicts: [{ nodePort: 30053, at: 'spec.ports.0.nodePort', holder: 'coredns', holderAt: 'spec.ports.0.nodePort' }] },
    ]);
  });

  it('entries with different port numbers may not share a node port: the second names the first', () => {
    const web = nodePortService('web', [
      { name: 'http', port: 80, nodePort: 30080 },
      { name: 'https', port: 443, nodePort: 30080 },
    ]);
    expect(conflicts([web])).toEqual([{ service: 'web', conflicts: [{ nodePort: 30080, at: 'spec.ports.1.nodePort', holder: 'web', holderAt: 'spec.ports.0.nodePort' }] }]);
  });
});
