/**
 * Gateway API (gateway.networking.k8s.io) routes as the implementations resolve them: backendRefs to
 * Services, parentRefs to Gateways and their listeners, and the ReferenceGrants that allow a
 * reference into another namespace. Defaults follow the API: a backendRef is a core `Service` in the
 * route's namespace, a parentRef a `Gateway` in the route's namespace. Fields are untrusted.
 */
import type { FieldPath } from '../util/field-path.js';
import type { Resource, ResourceIndex } from '../model/types.js';
import { integerField, isObject, objectsIn, stringField, valueAt, type Located, type PlainObject } from './objects.js';
import { matchesLabelSelector, type Labels } from './selectors.js';
import { view } from '../model/views.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export { ROUTE_KINDS } from '../model/kinds.js';

export interface BackendRef {
  /** `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** The namespace it points into: its own, or the route's. */
  readonly namespace: string;
  readonly crossNamespace: boolean;
  readonly port: number | undefined;
  /** Whether a `port` key is written at all (with any value). */
  readonly hasPort: boolean;
}

/**
 * Every backendRef of a route with its path: `spec.rules[i].backendRefs[j]`, and the request mirrors
 * of the rule's filters and of each backendRef's filters (`filters[k].requestMirror.backendRef`).
 */
export function routeBackendRefs(route: Resource): Located<BackendRef>[] {
  const found: Located<BackendRef>[] = [];
  const add = (raw: PlainObject, path: FieldPath): void => {
    found.push({ value: readBackendRef(raw, route.namespace), path });
  };
  const mirrors = (owner: PlainObject, ownerPath: FieldPath): void => {
    for (const { value: filter, path } of objectsIn(owner, ['filters'])) {
      const ref = valueAt(filter, ['requestMirror', 'backendRef']);
      if (isObject(ref)) add(ref, [...ownerPath, ...path, 'requestMirror', 'backendRef']);
    }
  };
  for (const { value: rule, path: rulePath } of objectsIn(route.object, ['spec', 'rules'])) {
    for (const { value: ref, path } of objectsIn(rule, ['backendRefs'])) {
      add(ref, [...rulePath, ...path]);
      mirrors(ref, [...rulePath, ...path]);
    }
    mirrors(rule, rulePath);
  }
  return found;
}

function readBackendRef(raw: PlainObject, routeNamespace: string): BackendRef {
  const namespace = stringField(raw, 'namespace');
  const target = namespace === undefined || namespace === '' ? routeNamespace : namespace;
  return {
    group: stringField(raw, 'group') ?? '',
    kind: stringField(raw, 'kind') ?? 'Service',
    name: stringField(raw, 'name'),
    namespace: target,
    crossNamespace: target !== routeNamespace,
    port: integerField(raw, 'port'),
    hasPort: raw['port'] !== undefined && raw['port'] !== null,
  };
}

/** A backendRef to a core Service (`group: ""`, `kind: Service`, the defaults). */
export function isServiceRef(ref: BackendRef): boolean {
  return ref.group === '' && ref.kind === 'Service';
}

export interface ParentRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string;
  readonly sectionName: string | undefined;
  readonly port: number | undefined;
}

/** The route's `spec.parentRefs[i]`, with defaults applied. */
export function routeParentRefs(route: Resource): Located<ParentRef>[] {
  return objectsIn(route.object, ['spec', 'parentRefs']).map(({ value, path }) => {
    const namespace = stringField(value, 'namespace');
    return {
      value: {
        group: stringField(value, 'group') ?? GATEWAY_GROUP,
        kind: stringField(value, 'kind') ?? 'Gateway',
        name: stringField(value, 'name'),
        namespace: namespace === undefined || namespace === '' ? route.namespace : namespace,
        sectionName: stringField(value, 'sectionName'),
        port: integerField(value, 'port'),
      },
      path,
    };
  });
}

/** Whether a parentRef points at a Gateway of the Gateway API group. */
export function isGatewayRef(ref: ParentRef): boolean {
  return ref.group === GATEWAY_GROUP && ref.kind === 'Gateway';
}

/** The listeners of a Gateway (`spec.listeners[i]`). */
export function gatewayListeners(gateway: PlainObject): Located<PlainObject>[] {
  return objectsIn(gateway, ['spec', 'listeners']);
}

/**
 * Whether a listener accepts routes from `routeNamespace` (`allowedRoutes.namespaces.from`: `Same` by
 * default, `All`, `Selector` over the namespace's labels, `None`). `unknown` when it depends on labels
 * of a namespace the input does not hold.
 */
export function listenerAllowsNamespace(listener: PlainObject, gatewayNamespace: string, routeNamespace: string, routeNamespaceLabels: Labels | undefined): boolean | 'unknown' {
  const namespaces = valueAt(listener, ['allowedRoutes', 'namespaces']);
  const from = isObject(namespaces) && typeof namespaces['from'] === 'string' ? namespaces['from'] : 'Same';
  switch (from) {
    case 'All':
      return true;
    case 'Same':
      return routeNamespace === gatewayNamespace;
    case 'None':
      return false;
    case 'Selector':
      if (routeNamespaceLabels === undefined) return 'unknown';
      return matchesLabelSelector(isObject(namespaces) ? namespaces['selector'] : undefined, routeNamespaceLabels);
    default:
      return 'unknown';
  }
}

/**
 * Whether a ReferenceGrant in `to.namespace` lets a `fromKind` of `fromGroup` in `fromNamespace` refer to
 * the `toKind` named `toName` (a `to` entry without a name allows every object of its kind).
 */
export function referenceGrantAllows(
  index: ResourceIndex,
  from: { readonly group: string; readonly kind: string; readonly namespace: string },
  to: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string },
): boolean {
  const grants = referenceGrants(index).get([to.namespace, from.group, from.kind, from.namespace].join('\u0000')) ?? [];
  return grants.some((targets) => {
    const allowed = targets.get(`${to.group}\u0000${to.kind}`);
    return allowed !== undefined && (allowed.anyName || allowed.names.has(to.name));
  });
}

/** What one ReferenceGrant lets be referred to, by `group\0kind`: every name, or these names. */
type GrantTargets = Map<string, { anyName: boolean; names: Set<string> }>;

/**
 * Every ReferenceGrant indexed once per run by (its namespace, from group, kind, namespace): a lookup
 * per route reference, not a scan of the target namespace. Linear in the grants' from and to entries.
 */
function referenceGrants(index: ResourceIndex): Map<string, GrantTargets[]> {
  return index.view(REFERENCE_GRANTS);
}

const REFERENCE_GRANTS = view('reference grants', (idx) => {
  const byFrom = new Map<string, GrantTargets[]>();
  for (const grant of idx.ofKind('ReferenceGrant')) {
    const targets: GrantTargets = new Map();
    for (const { value: to } of objectsIn(grant.object, ['spec', 'to'])) {
      if (typeof to['kind'] !== 'string') continue;
      const key = `${stringField(to, 'group') ?? ''}\u0000${to['kind']}`;
      let entry = targets.get(key);
      if (!entry) targets.set(key, (entry = { anyName: false, names: new Set() }));
      const name = stringField(to, 'name');
      if (name === undefined || name === '') entry.anyName = true;
      else entry.names.add(name);
    }
    const keys = new Set<string>();
    for (const { value: from } of objectsIn(grant.object, ['spec', 'from'])) {
      if (typeof from['group'] !== 'string' || typeof from['kind'] !== 'string' || typeof from['namespace'] !== 'string') continue;
      keys.add([grant.namespace, from['group'], from['kind'], from['namespace']].join('\u0000'));
    }
    for (const key of keys) {
      const list = byFrom.get(key);
      if (list) list.push(targets);
      else byFrom.set(key, [targets]);
    }
  }
  return byFrom;
});
