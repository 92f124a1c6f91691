import type { FixOperation } from '../api/types.js';
import type { FieldPath } from '../util/field-path.js';
import type { KindName } from '../model/kinds.js';
import { isObject, type PlainObject } from './objects.js';

/**
 * Networking apiVersions removed from Kubernetes, with the release that stopped serving them and
 * their replacement (the Kubernetes deprecated API migration guide).
 */
export interface RemovedApiVersion {
  readonly kind: KindName;
  readonly apiVersion: string;
  readonly removedIn: string;
  readonly replacement: string;
  /** What else changes in the conversion, for the message (a clause after "and"); absent when only the apiVersion changes. */
  readonly conversion?: string;
}

const INGRESS_CONVERSION =
  'convert the backends: serviceName/servicePort become service.name and service.port.number (or service.port.name), spec.backend becomes spec.defaultBackend, and every path needs a pathType (ImplementationSpecific keeps the old matching)';

export const REMOVED_API_VERSIONS: readonly RemovedApiVersion[] = [
  { kind: 'Ingress', apiVersion: 'extensions/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1', conversion: INGRESS_CONVERSION },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1', conversion: INGRESS_CONVERSION },
  { kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { kind: 'NetworkPolicy', apiVersion: 'extensions/v1beta1', removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1beta1',
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    conversion: 'move each endpoint\'s topology["kubernetes.io/hostname"] to nodeName and topology["topology.kubernetes.io/zone"] to zone',
  },
];

/**
 * The removal entry for a kind and apiVersion, or undefined when it is still served; with `minor`,
 * only when Kubernetes 1.<minor> no longer serves it.
 */
export function removedApiVersion(kind: string, apiVersion: string, minor?: number): RemovedApiVersion | undefined {
  const entry = REMOVED_API_VERSIONS.find((e) => e.kind === kind && e.apiVersion === apiVersion);
  return entry && (minor === undefined || minor >= Number(entry.removedIn.split('.')[1])) ? entry : undefined;
}

/**
 * The edits that move an object of a removed apiVersion to its replacement, as the API server converts
 * it; undefined when the object has a shape the conversion cannot carry over beyond doubt (then the
 * user converts it by hand, guided by the message).
 * - Ingress: `serviceName`/`servicePort` become `service.name` and `service.port.number` (a number) or
 *   `service.port.name` (a name); `spec.backend` becomes `spec.defaultBackend`; a path without
 *   `pathType` gets `ImplementationSpecific`, the v1beta1 default.
 * - IngressClass, NetworkPolicy: the same fields; only the apiVersion changes.
 * - EndpointSlice: `topology["topology.kubernetes.io/zone"]` becomes `zone`, the hostname key is
 *   dropped where `nodeName` holds the same name, and any other key stays in `deprecatedTopology`.
 *   A hostname without `nodeName` is left to the user: the API server would keep it in
 *   `deprecatedTopology`, which nothing reads, while the message advises `nodeName`.
 */
export function apiVersionFix(entry: RemovedApiVersion, object: PlainObject): FixOperation[] | undefined {
  const setApiVersion: FixOperation = { op: 'set', at: ['apiVersion'], value: entry.replacement };
  switch (entry.kind) {
    case 'Ingress': {
      const rest = ingressConversion(object);
      return rest && [setApiVersion, ...rest];
    }
    case 'EndpointSlice': {
      const rest = endpointSliceConversion(object);
      return rest && [setApiVersion, ...rest];
    }
    default:
      return [setApiVersion];
  }
}

function ingressConversion(ingress: PlainObject): FixOperation[] | undefined {
  const spec = ingress['spec'];
  if (spec === undefined || spec === null) return [];
  if (!isObject(spec)) return undefined;
  const operations: FixOperation[] = [];
  const renames: FixOperation[] = [];
  if (spec['backend'] !== undefined) {
    if (spec['defaultBackend'] !== undefined) return undefined;
    const backend = backendConversion(spec['backend'], ['spec', 'backend']);
    if (!backend) return undefined;
    operations.push(...backend);
    renames.push({ op: 'rename', at: ['spec', 'backend'], to: 'defaultBackend' });
  }
  const rules = spec['rules'];
  if (rules !== undefined && rules !== null) {
    if (!Array.isArray(rules)) return undefined;
    for (const [i, rule] of rules.entries()) {
      if (!isObject(rule)) return undefined;
      const http = rule['http'];
      if (http === undefined || http === null) continue;
      if (!isObject(http) || !Array.isArray(http['paths'])) return undefined;
      for (const [j, entry] of (http['paths'] as unknown[]).entries()) {
        if (!isObject(entry)) return undefined;
        const at = ['spec', 'rules', i, 'http', 'paths', j];
        const backend = backendConversion(entry['backend'], [...at, 'backend']);
        if (!backend) return undefined;
        operations.push(...backend);
        if (entry['pathType'] === undefined) {
          operations.push({ op: 'set', at: [...at, 'pathType'], value: 'ImplementationSpecific', place: { after: 'path' } });
        }
      }
    }
  }
  return [...operations, ...renames];
}

/** A v1beta1 backend (`serviceName`, `servicePort`) in the v1 shape; [] when it already is; undefined when unclear. */
function backendConversion(raw: unknown, at: FieldPath): FixOperation[] | undefined {
  if (!isObject(raw)) return undefined;
  const old = 'serviceName' in raw || 'servicePort' in raw;
  if (!old) return 'service' in raw || 'resource' in raw ? [] : undefined;
  if (Object.keys(raw).some((key) => key !== 'serviceName' && key !== 'servicePort')) return undefined;
  const name = raw['serviceName'];
  const port = raw['servicePort'];
  if (typeof name !== 'string' || name === '') return undefined;
  let v1Port: { number: number } | { name: string };
  if (typeof port === 'number' && Number.isInteger(port) && port > 0) v1Port = { number: port };
  // A quoted number would become a port *name* "80", which no Service port can have: left to the user.
  else if (typeof port === 'string' && port !== '' && !/^\d+$/.test(port)) v1Port = { name: port };
  else return undefined;
  // `serviceName` becomes `service`, in its place, holding the name and the port.
  return [
    { op: 'set', at: [...at, 'serviceName'], value: { name, port: v1Port } },
    { op: 'delete', at: [...at, 'servicePort'] },
    { op: 'rename', at: [...at, 'serviceName'], to: 'service' },
  ];
}

const ZONE_KEY = 'topology.kubernetes.io/zone';
const HOSTNAME_KEY = 'kubernetes.io/hostname';

function endpointSliceConversion(slice: PlainObject): FixOperation[] | undefined {
  const endpoints = slice['endpoints'];
  if (endpoints === undefined || endpoints === null) return [];
  if (!Array.isArray(endpoints)) return undefined;
  const operations: FixOperation[] = [];
  for (const [i, endpoint] of endpoints.entries()) {
    if (!isObject(endpoint)) return undefined;
    const topology = endpoint['topology'];
    if (topology === undefined) continue;
    if (topology === null) {
      operations.push({ op: 'delete', at: ['endpoints', i, 'topology'] });
      continue;
    }
    if (!isObject(topology) || Object.values(topology).some((v) => typeof v !== 'string')) return undefined;
    if (endpoint['deprecatedTopology'] !== undefined || endpoint['zone'] !== undefined) return undefined;
    const at = ['endpoints', i];
    const keys = Object.keys(topology);
    const dropped = new Set<string>();
    if (typeof topology[ZONE_KEY] === 'string') {
      dropped.add(ZONE_KEY);
      operations.push({ op: 'set', at: [...at, 'zone'], value: topology[ZONE_KEY] });
    }
    if (HOSTNAME_KEY in topology) {
      if (endpoint['nodeName'] !== topology[HOSTNAME_KEY]) return undefined;
      dropped.add(HOSTNAME_KEY);
    }
    if (keys.every((key) => dropped.has(key))) {
      operations.push({ op: 'delete', at: [...at, 'topology'] });
    } else {
      for (const key of dropped) operations.push({ op: 'delete', at: [...at, 'topology', key] });
      operations.push({ op: 'rename', at: [...at, 'topology'], to: 'deprecatedTopology' });
    }
  }
  return operations;
}
