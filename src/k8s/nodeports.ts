import type { Settings } from '../api/types.js';
import type { FieldPath } from '../util/field-path.js';
import type { Resource, ResourceIndex } from '../model/types.js';
import { integerField } from './objects.js';
import { allocatesNodePorts, needsHealthCheckNodePort, requestedHealthCheckNodePort, requestedNodePort, servicePorts } from './service.js';
import { lookupView } from '../model/views.js';

/** A node port a Service asks for, with where it asks. */
export interface NodePortClaim {
  readonly nodePort: number;
  readonly path: FieldPath;
  /** The Service port number; entries of one Service with the same number share their node port. */
  readonly servicePort: number | undefined;
}

export interface NodePortConflict {
  readonly claim: NodePortClaim;
  /** The Service that holds the port, and where it asks for it. */
  readonly holder: Resource;
  readonly holderClaim: NodePortClaim;
}

/** The nodePorts and healthCheckNodePort a Service asks the allocator for (only NodePort and LoadBalancer allocate). */
export function nodePortClaims(service: Resource): NodePortClaim[] {
  if (!allocatesNodePorts(service.object)) return [];
  const claims: NodePortClaim[] = [];
  for (const { value: port, path } of servicePorts(service.object)) {
    const nodePort = requestedNodePort(port);
    if (nodePort !== undefined) claims.push({ nodePort, path: [...path, 'nodePort'], servicePort: integerField(port, 'port') });
  }
  const healthCheck = requestedHealthCheckNodePort(service.object);
  if (healthCheck !== undefined && needsHealthCheckNodePort(service.object)) {
    claims.push({ nodePort: healthCheck, path: ['spec', 'healthCheckNodePort'], servicePort: undefined });
  }
  return claims;
}

export function inNodePortRange(port: number, range: Settings['nodePortRange']): boolean {
  return port >= range.min && port <= range.max;
}

/**
 * Replays node port allocation as the API server does for the Services of one apply, in input order:
 * one cluster-wide, protocol-blind set holds every nodePort and healthCheckNodePort. Inside one
 * Service, entries with the same port number (53/TCP and 53/UDP) share one node port. A Service
 * with a conflict is rejected and allocates nothing. A later definition of the same Service
 * replaces the earlier one rather than conflicting with it, and frees the ports it no longer asks for.
 * Linear in the number of ports.
 */
export function nodePortConflicts(index: ResourceIndex, range: Settings['nodePortRange']): ReadonlyMap<Resource, readonly NodePortConflict[]> {
  return index.view(NODE_PORT_CONFLICTS)(range);
}

const NODE_PORT_CONFLICTS = lookupView(
  'node port conflicts',
  (range: Settings['nodePortRange']) => [range.min, range.max],
  (index, range): ReadonlyMap<Resource, readonly NodePortConflict[]> => {
    const holders = new Map<number, { service: Resource; claim: NodePortClaim }>();
    const heldBy = new Map<string, readonly number[]>(); // identity -> the node ports its latest accepted definition holds
    const conflicts = new Map<Resource, NodePortConflict[]>();
    const identity = (r: Resource): string => `${r.namespace}/${r.name}`;
    for (const service of index.ofKind('Service')) {
      const claims = nodePortClaims(service).filter((claim) => inNodePortRange(claim.nodePort, range));
      if (claims.length !== nodePortClaims(service).length) continue; // rejected for its range: allocates nothing
      const found: NodePortConflict[] = [];
      const own = new Map<number, NodePortClaim>();
      for (const claim of claims) {
        const holder = holders.get(claim.nodePort);
        if (holder && identity(holder.service) !== identity(service)) {
          found.push({ claim, holder: holder.service, holderClaim: holder.claim });
          continue;
        }
        const sibling = own.get(claim.nodePort);
        if (sibling && (sibling.servicePort === undefined || sibling.servicePort !== claim.servicePort)) {
          found.push({ claim, holder: service, holderClaim: sibling });
        } else if (!sibling) {
          own.set(claim.nodePort, claim);
        }
      }
      if (found.length > 0) {
        conflicts.set(service, found);
        continue;
      }
      for (const port of heldBy.get(identity(service)) ?? []) holders.delete(port); // an update frees the ports it drops
      heldBy.set(identity(service), [...own.keys()]);
      for (const claim of own.values()) holders.set(claim.nodePort, { service, claim });
    }
    return conflicts;
  },
);

/**
 * The static band of a node port range (KEP-3668): the lowest min(max(16, size/32), 128) ports,
 * from which the allocator takes automatic ports last. Undefined when the range is too small to have one.
 */
export function staticNodePortBand(range: Settings['nodePortRange']): { min: number; max: number } | undefined {
  const size = range.max - range.min + 1;
  if (size <= 16) return undefined;
  const offset = Math.min(Math.max(16, Math.floor(size / 32)), 128);
  return { min: range.min, max: range.min + offset - 1 };
}
