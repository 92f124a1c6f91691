/**
 * Ingress helpers shared by every rule that reads Ingresses: the backends with where they are written,
 * the class, the hosts. Handles `networking.k8s.io/v1` (`backend.service.{name, port.{number|name}}`,
 * `backend.resource`, `spec.defaultBackend`) and the removed `extensions/v1beta1` /
 * `networking.k8s.io/v1beta1` shape (`backend.{serviceName, servicePort}`, `spec.backend`).
 * Fields are untrusted: a value of the wrong type reads as absent.
 */
import type { FieldPath } from '../util/field-path.js';
import { annotationValue } from './metadata.js';
import { isObject, objectsIn, type Located, type PlainObject } from './objects.js';
import type { ServicePortRef } from './service.js';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** A Service port as a backend names it: by number or by name. */
type BackendPort = ServicePortRef;

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

interface ResourceBackend {
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
    const backend = readIngressBackend(spec[field], ['spec', field]);
    if (backend) found.push({ value: { backend, origin: 'default', host: undefined, httpPath: undefined, pathType: undefined }, path: ['spec', field] });
  }
  for (const { value: rule, path: rulePath } of objectsIn(ingress, ['spec', 'rules'])) {
    const host = typeof rule['host'] === 'string' ? rule['host'] : undefined;
    for (const { value: httpPath, path } of objectsIn(rule, ['http', 'paths'])) {
      const backendPath = [...rulePath, ...path, 'backend'];
      const backend = readIngressBackend(httpPath['backend'], backendPath);
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

/** One backend object as written at `path`: a Service (v1 or v1beta1 shape), a resource, or undefined for anything else. */
function readIngressBackend(raw: unknown, path: FieldPath): ServiceBackend | ResourceBackend | undefined {
  if (!isObject(raw)) return undefined;
  const service = raw['service'];
  if (isObject(service)) {
    const port = service['port'];
    let parsed: BackendPort | undefined;
    let portPath: FieldPath = [...path, 'service', 'port'];
    if (isObject(port)) {
      // The API server reads a number 0 and an empty name as unset.
      if (typeof port['number'] === 'number' && Number.isInteger(port['number']) && port['number'] !== 0) {
        parsed = { number: port['number'] };
        portPath = [...portPath, 'number'];
      } else if (typeof port['name'] === 'string' && port['name'] !== '') {
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
    const text = (key: string): string | undefined => (typeof resource[key] === 'string' ? resource[key] : undefined);
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

/** The apiVersions the Ingress had before networking.k8s.io/v1: removed in Kubernetes 1.22. */
const V1BETA1_INGRESS_VERSIONS: readonly string[] = ['extensions/v1beta1', 'networking.k8s.io/v1beta1'];

/** An Ingress of a removed v1beta1 apiVersion: no pathType needed (it defaulted), `serviceName`/`servicePort` backends. */
export function isV1beta1Ingress(apiVersion: string): boolean {
  return V1BETA1_INGRESS_VERSIONS.includes(apiVersion);
}

/** One `spec.rules[i].http.paths[j]` entry with its rule's host. */
export interface IngressHttpPath {
  readonly host: string | undefined;
  readonly entry: PlainObject;
}

/** Every HTTP path of an Ingress, in order; `path` is `['spec', 'rules', i, 'http', 'paths', j]`. */
export function ingressHttpPaths(ingress: PlainObject): Located<IngressHttpPath>[] {
  const found: Located<IngressHttpPath>[] = [];
  for (const { value: rule, path: rulePath } of objectsIn(ingress, ['spec', 'rules'])) {
    const host = typeof rule['host'] === 'string' && rule['host'] !== '' ? rule['host'] : undefined;
    for (const { value: entry, path } of objectsIn(rule, ['http', 'paths'])) found.push({ value: { host, entry }, path: [...rulePath, ...path] });
  }
  return found;
}

/**
 * Every place an Ingress holds a backend, as written (any type): `spec.defaultBackend` (or the v1beta1
 * `spec.backend`) when present, and each HTTP path's `backend`, present or not.
 */
export function ingressBackendSlots(ingress: PlainObject): Located<unknown>[] {
  const spec = ingress['spec'];
  if (!isObject(spec)) return [];
  const slots: Located<unknown>[] = [];
  for (const field of ['defaultBackend', 'backend'] as const) {
    if (spec[field] !== undefined && spec[field] !== null) slots.push({ value: spec[field], path: ['spec', field] });
  }
  for (const { value, path } of ingressHttpPaths(ingress)) slots.push({ value: value.entry['backend'], path: [...path, 'backend'] });
  return slots;
}

/** The AWS Load Balancer Controller's action backends: `port.name: use-annotation`, the action in `actions.<service.name>`. */
const ALB_ACTION_PORT = 'use-annotation';
export const ALB_ACTIONS_PREFIX = 'alb.ingress.kubernetes.io/actions.';

/** Whether a Service backend is an ALB action (`use-annotation`), which names no Service. */
export function isAlbActionBackend(backend: ServiceBackend): boolean {
  return backend.port !== undefined && 'name' in backend.port && backend.port.name === ALB_ACTION_PORT;
}

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/**
 * The class an Ingress ends up with: its own (field or annotation), else the input's single default
 * IngressClass, else undefined (the cluster's default, if any, which the input does not show).
 */
export function effectiveIngressClass(ingress: PlainObject, defaultClass: string | undefined): string | undefined {
  return ingressClassOf(ingress)?.name ?? defaultClass;
}

/** Whether an IngressClass is marked as the default (`ingressclass.kubernetes.io/is-default-class: "true"`). */
export function isDefaultIngressClass(ingressClass: PlainObject): boolean {
  return annotationValue(ingressClass, DEFAULT_CLASS_ANNOTATION) === 'true';
}

/** Where a backend sends traffic, for messages: `shop.example.com/api`, `/api on every host`, or `the default backend`. */
export function describeBackendRoute(backend: IngressBackend): string {
  if (backend.origin === 'default') return 'the default backend';
  const path = backend.httpPath ?? '/';
  return backend.host === undefined ? `${path} on every host` : `${backend.host}${path.startsWith('/') ? '' : '/'}${path}`;
}
