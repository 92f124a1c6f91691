/**
 * Ingress helpers shared by every rule that reads Ingresses: the backends with where they are written,
 * the class, the hosts. Handles `networking.k8s.io/v1` (`backend.service.{name, port.{number|name}}`,
 * `backend.resource`, `spec.defaultBackend`) and the removed `extensions/v1beta1` /
 * `networking.k8s.io/v1beta1` shape (`backend.{serviceName, servicePort}`, `spec.backend`).
 * Fields are untrusted: a value of the wrong type reads as absent.
 */
import type { FieldPath } from '../api/types.js';
import { annotationValue } from './metadata.js';
import { isObject, objectsIn, type Located, type PlainObject } from './objects.js';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** A Service port as a backend names it: by number or by name. */
export type BackendPort = { readonly number: number } | { readonly name: string };

export interface ServiceBackend {
  readonly kind: 'service';
  /** The Service name; undefined when missing or not a string. */
  readonly serviceName: string | undefined;
  readonly port: BackendPort | undefined;
  /** Where the Service name and the port are written (for reports; may not exist in the source). */
  readonly namePath: FieldPath;
  readonly portPath: FieldPath;
  /** `v1`: `service.{name, port}`; `v1beta1`: `serviceName`/`servicePort`. */
  readonly shape: 'v1' | 'v1beta1';
}

export interface ResourceBackend {
  readonly kind: 'resource';
  readonly apiGroup: string | undefined;
  readonly resourceKind: string | undefined;
  readonly name: string | undefined;
  readonly namePath: FieldPath;
}

export interface IngressBackend {
  readonly backend: ServiceBackend | ResourceBackend;
  /** `default`: `spec.defaultBackend` (or v1beta1 `spec.backend`); `rule`: a path of `spec.rules`. */
  readonly origin: 'default' | 'rule';
  /** The rule's host, for rule backends that have one. */
  readonly host: string | undefined;
  /** The HTTP path and its type, for rule backends. */
  readonly httpPath: string | undefined;
  readonly pathType: string | undefined;
}

/**
 * Every backend of an Ingress, default backend first, then the rules' paths in order. `path` is the
 * path of the backend object (`['spec', 'rules', 0, 'http', 'paths', 1, 'backend']`). Backends that are
 * neither a Service nor a resource (empty or malformed) are skipped.
 */
export function ingressBackends(ingress: PlainObject): Located<IngressBackend>[] {
  const spec = ingress['spec'];
  if (!isObject(spec)) return [];
  const found: Located<IngressBackend>[] = [];
  for (const field of ['defaultBackend', 'backend'] as const) {
    const backend = readBackend(spec[field], ['spec', field]);
    if (backend) found.push({ value: { backend, origin: 'default', host: undefined, httpPath: undefined, pathType: undefined }, path: ['spec', field] });
  }
  for (const { value: rule, path: rulePath } of objectsIn(ingress, ['spec', 'rules'])) {
    const host = typeof rule['host'] === 'string' ? rule['host'] : undefined;
    for (const { value: httpPath, path } of objectsIn(rule, ['http', 'paths'])) {
      const backendPath = [...rulePath, ...path, 'backend'];
      const backend = readBackend(httpPath['backend'], backendPath);
      if (!backend) continue;
      found.push({
        value: {
          backend,
          origin: 'rule',
          host,
          httpPath: typeof httpPath['path'] === 'string' ? httpPath['path'] : undefined,
          pathType: typeof httpPath['pathType'] === 'string' ? httpPath['pathType'] : undefined,
        },
        path: backendPath,
      });
    }
  }
  return found;
}

/** The Service backends only, for rules that follow an Ingress to its Services. */
export function ingressServiceBackends(ingress: PlainObject): Located<IngressBackend & { readonly backend: ServiceBackend }>[] {
  return ingressBackends(ingress).filter((b): b is Located<IngressBackend & { backend: ServiceBackend }> => b.value.backend.kind === 'service');
}

function readBackend(raw: unknown, path: FieldPath): ServiceBackend | ResourceBackend | undefined {
  if (!isObject(raw)) return undefined;
  const service = raw['service'];
  if (isObject(service)) {
    const port = service['port'];
    let parsed: BackendPort | undefined;
    let portPath: FieldPath = [...path, 'service', 'port'];
    if (isObject(port)) {
      if (typeof port['number'] === 'number' && Number.isInteger(port['number'])) {
        parsed = { number: port['number'] };
        portPath = [...portPath, 'number'];
      } else if (typeof port['name'] === 'string') {
        parsed = { name: port['name'] };
        portPath = [...portPath, 'name'];
      }
    }
    return {
      kind: 'service',
      serviceName: typeof service['name'] === 'string' ? service['name'] : undefined,
      port: parsed,
      namePath: [...path, 'service', 'name'],
      portPath,
      shape: 'v1',
    };
  }
  const resource = raw['resource'];
  if (isObject(resource)) {
    const text = (key: string): string | undefined => (typeof resource[key] === 'string' ? (resource[key] as string) : undefined);
    return { kind: 'resource', apiGroup: text('apiGroup'), resourceKind: text('kind'), name: text('name'), namePath: [...path, 'resource', 'name'] };
  }
  if ('serviceName' in raw || 'servicePort' in raw) {
    const port = raw['servicePort'];
    return {
      kind: 'service',
      serviceName: typeof raw['serviceName'] === 'string' ? raw['serviceName'] : undefined,
      port: typeof port === 'number' && Number.isInteger(port) ? { number: port } : typeof port === 'string' ? { name: port } : undefined,
      namePath: [...path, 'serviceName'],
      portPath: [...path, 'servicePort'],
      shape: 'v1beta1',
    };
  }
  return undefined;
}

/** The class an Ingress asks for: `spec.ingressClassName`, else the deprecated annotation. */
export function ingressClassOf(ingress: PlainObject): { readonly name: string; readonly from: 'field' | 'annotation' } | undefined {
  const spec = ingress['spec'];
  const field = isObject(spec) ? spec['ingressClassName'] : undefined;
  if (typeof field === 'string' && field !== '') return { name: field, from: 'field' };
  const annotation = annotationValue(ingress, INGRESS_CLASS_ANNOTATION);
  if (annotation !== undefined) return { name: annotation, from: 'annotation' };
  return undefined;
}

/** Every host an Ingress names in `spec.rules[].host` and `spec.tls[].hosts`. */
export function ingressHosts(ingress: PlainObject): string[] {
  const hosts = new Set<string>();
  for (const { value: rule } of objectsIn(ingress, ['spec', 'rules'])) if (typeof rule['host'] === 'string' && rule['host'] !== '') hosts.add(rule['host']);
  for (const { value: tls } of objectsIn(ingress, ['spec', 'tls'])) {
    const list = tls['hosts'];
    if (Array.isArray(list)) for (const host of list) if (typeof host === 'string' && host !== '') hosts.add(host);
  }
  return [...hosts];
}
