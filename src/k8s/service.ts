import { closestMatch } from '../util/suggest.js';
import { integerField, isObject, objectsIn, stringField, type Located, type PlainObject } from './objects.js';

export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;

export function serviceSpec(service: PlainObject): PlainObject {
  const spec = service['spec'];
  return isObject(spec) ? spec : {};
}

/** `spec.type` as the API server sees it: `ClusterIP` when unset. Any other string is returned as written. */
export function serviceType(service: PlainObject): string {
  return stringField(serviceSpec(service), 'type') ?? 'ClusterIP';
}

/** Whether the user wrote `spec.type` (messages say "no type, so ClusterIP" otherwise). */
export function hasExplicitType(service: PlainObject): boolean {
  return typeof serviceSpec(service)['type'] === 'string';
}

/** `clusterIP: None` (or `clusterIPs: [None]`): DNS returns the pods' addresses, no virtual IP. */
export function isHeadless(service: PlainObject): boolean {
  const spec = serviceSpec(service);
  if (spec['clusterIP'] === 'None') return true;
  const ips = spec['clusterIPs'];
  return Array.isArray(ips) && ips.length === 1 && ips[0] === 'None';
}

/** The path of the field that makes a Service headless. */
export function headlessFieldPath(service: PlainObject): readonly (string | number)[] {
  return serviceSpec(service)['clusterIP'] === 'None' ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs', 0];
}

export function servicePorts(service: PlainObject): Located<PlainObject>[] {
  return objectsIn(service, ['spec', 'ports']);
}

/** Types whose ports get a node port: the API server allocates them only for these. */
export function allocatesNodePorts(service: PlainObject): boolean {
  const type = serviceType(service);
  return type === 'NodePort' || type === 'LoadBalancer';
}

/** LoadBalancer with `externalTrafficPolicy: Local`: the only case with a healthCheckNodePort. */
export function needsHealthCheckNodePort(service: PlainObject): boolean {
  return serviceType(service) === 'LoadBalancer' && serviceSpec(service)['externalTrafficPolicy'] === 'Local';
}

/** A set nodePort (0 means "allocate one for me", as when it is left out). */
export function requestedNodePort(port: PlainObject): number | undefined {
  const nodePort = integerField(port, 'nodePort');
  return nodePort === undefined || nodePort === 0 ? undefined : nodePort;
}

export function requestedHealthCheckNodePort(service: PlainObject): number | undefined {
  const port = integerField(serviceSpec(service), 'healthCheckNodePort');
  return port === undefined || port === 0 ? undefined : port;
}

/** The protocol of a Service or container port (`TCP` when unset). */
export function portProtocol(port: PlainObject): string {
  return stringField(port, 'protocol') ?? 'TCP';
}

/**
 * `spec.type` when it is one of the four types (case-sensitive), else undefined. A misspelt type
 * (`CLusterIP`) is the schema rule's finding; rules that judge fields by type skip such a Service
 * rather than add noise.
 */
export function knownServiceType(service: PlainObject): (typeof SERVICE_TYPES)[number] | undefined {
  const type = serviceType(service);
  return (SERVICE_TYPES as readonly string[]).includes(type) ? (type as (typeof SERVICE_TYPES)[number]) : undefined;
}

/** The type as messages show it: `ClusterIP`, or `ClusterIP (no type is set, so ClusterIP)`. */
export function describeServiceType(service: PlainObject): string {
  const type = serviceType(service);
  return hasExplicitType(service) ? type : `${type} (no type is set, so ClusterIP)`;
}

/**
 * The API server's `ExternallyAccessible`: LoadBalancer, NodePort, or ClusterIP with externalIPs.
 * Only these may set `externalTrafficPolicy`.
 */
export function isExternallyAccessible(service: PlainObject): boolean {
  const type = serviceType(service);
  if (type === 'LoadBalancer' || type === 'NodePort') return true;
  const ips = serviceSpec(service)['externalIPs'];
  return type === 'ClusterIP' && Array.isArray(ips) && ips.length > 0;
}

/** `spec.sessionAffinity` as the API server sees it: `None` when unset or empty. */
export function sessionAffinity(service: PlainObject): string {
  const affinity = stringField(serviceSpec(service), 'sessionAffinity');
  return affinity === undefined || affinity === '' ? 'None' : affinity;
}

/** The legacy annotation that `spec.loadBalancerSourceRanges` replaced; the API server still reads it. */
export const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** A Service port as a backend (Ingress, HTTPRoute) names it: by `port` number or by `name`. */
export type ServicePortRef = { readonly number: number } | { readonly name: string };

/** The Service port a backend names, or undefined when the Service has none such. */
export function findServicePort(service: PlainObject, ref: ServicePortRef): Located<PlainObject> | undefined {
  return servicePorts(service).find(({ value }) => ('number' in ref ? integerField(value, 'port') === ref.number : stringField(value, 'name') === ref.name));
}

/** `80 (http), 443 (https)`: a Service's ports as a user reads them, each once; `no ports` when it has none. */
export function describeServicePorts(service: PlainObject): string {
  const ports = servicePorts(service).map(({ value }) => {
    const number = integerField(value, 'port');
    const name = stringField(value, 'name');
    return `${number ?? '?'}${name ? ` (${name})` : ''}`;
  });
  return ports.length === 0 ? 'no ports' : [...new Set(ports)].join(', ');
}

/**
 * What a backend most likely meant when its port is not one of the Service's: the Service port whose
 * targetPort is that number (the classic mix-up), else a port name a typo away, else the only port.
 */
export function servicePortSuggestion(
  service: PlainObject,
  ref: ServicePortRef,
): { readonly port: Located<PlainObject>; readonly reason: 'targetPort' | 'typo' | 'only' } | undefined {
  const ports = servicePorts(service);
  if ('number' in ref) {
    const byTarget = ports.find(({ value }) => value['targetPort'] === ref.number);
    if (byTarget) return { port: byTarget, reason: 'targetPort' };
  } else {
    const names = ports.flatMap(({ value }) => (typeof value['name'] === 'string' ? [value['name']] : []));
    const hint = closestMatch(ref.name, names);
    const port = hint === undefined ? undefined : ports.find(({ value }) => value['name'] === hint);
    if (port) return { port, reason: 'typo' };
  }
  return ports.length === 1 ? { port: ports[0]!, reason: 'only' } : undefined;
}
