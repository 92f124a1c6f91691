import { defineRule, type FieldPath } from '../src/api/types.js';
import { effectiveIngressClass, ingressHttpPaths, isDefaultIngressClass, isV1beta1Ingress } from '../src/k8s/ingress.js';
import { annotationValue } from '../src/k8s/metadata.js';
import { isObject, objectsIn } from '../src/k8s/objects.js';
import { formatFieldPath } from '../src/k8s/paths.js';
import type { Resource, ResourceIndex } from '../src/model/types.js';
import { view } from '../src/api/views.js';

const NGINX_CANARY = 'nginx.ingress.kubernetes.io/canary';
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

export default defineRule({
  meta: {
    id: 'ingress-path',
    description:
      'Each Ingress path needs a pathType (networking.k8s.io/v1 has no default), an absolute path for Exact and Prefix, and no `//`, `/./`, `/../` or encoded slash; two Ingresses of one class should not claim the same host, path and type.',
    remediation: 'Add `pathType: Prefix` (or Exact), start the path with `/`, and give each host and path one owner.',
    category: 'ingress',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      pathTypeMissing:
        'pathType is required in networking.k8s.io/v1 (the removed v1beta1 defaulted it to ImplementationSpecific); the API server rejects the Ingress ("pathType must be specified"). Add pathType: Prefix (the path and everything below it) or Exact (that one URL)',
      notAbsolute: 'path {{value}} must start with "/" for pathType {{pathType}}; the API server rejects the Ingress ("must be an absolute path"). Write {{suggestion}}',
      invalidSequence: 'path "{{value}}" contains "{{sequence}}", which pathType {{pathType}} does not allow; the API server rejects the Ingress',
      invalidSuffix: 'path "{{value}}" ends with "{{suffix}}", which pathType {{pathType}} does not allow; the API server rejects the Ingress',
      noPaths: 'http has no paths; the API server rejects the Ingress. Add a path with its backend, or remove http to keep a host-only rule',
      duplicate:
        "{{route}} ({{pathType}}) is also claimed by {{other}}{{#className}} of the same class {{className}}{{/className}}: the controller keeps one of them (ingress-nginx's admission webhook rejects the second), so one route never gets traffic. Give each host and path one owner",
    },
    warnings: ['duplicate'],
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, locationOf, report }) {
    const v1beta1 = isV1beta1Ingress(ingress.apiVersion);
    for (const { value: rule, path: rulePath } of objectsIn(ingress.object, ['spec', 'rules'])) {
      const http = rule['http'];
      // `paths` missing is the schema rule's finding; an empty list is ours.
      if (isObject(http) && Array.isArray(http['paths']) && http['paths'].length === 0) report({ messageId: 'noPaths', at: [...rulePath, 'http', 'paths'], target: 'key' });
    }
    for (const { value, path } of ingressHttpPaths(ingress.object)) {
      const rawType = value.entry['pathType'];
      const rawPath = value.entry['path'];
      const text = typeof rawPath === 'string' ? rawPath : '';
      if (rawType === undefined || rawType === null) {
        // v1beta1 defaulted it; the apiVersion itself is deprecated-api-version's finding.
        if (!v1beta1) report({ messageId: 'pathTypeMissing', at: path });
        continue;
      }
      if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') continue; // the schema rule's finding
      const at: FieldPath = typeof rawPath === 'string' ? [...path, 'path'] : [...path, 'pathType'];
      const pathType = rawType;
      if (pathType === 'Exact' || pathType === 'Prefix') {
        if (!text.startsWith('/')) {
          report({ messageId: 'notAbsolute', at, data: { value: text === '' ? '(empty)' : `"${text}"`, pathType, suggestion: `path: /${text}` } });
        }
        if (text !== '') {
          for (const sequence of INVALID_SEQUENCES) if (text.includes(sequence)) report({ messageId: 'invalidSequence', at, data: { value: text, sequence, pathType } });
          for (const suffix of INVALID_SUFFIXES) if (text.endsWith(suffix)) report({ messageId: 'invalidSuffix', at, data: { value: text, suffix, pathType } });
        }
      } else if (pathType === 'ImplementationSpecific') {
        if (text !== '' && !text.startsWith('/')) report({ messageId: 'notAbsolute', at, data: { value: `"${text}"`, pathType, suggestion: `path: /${text}` } });
      }
    }

    // Claims of the whole input: the first Ingress to claim a class, host, path and type owns it.
    const claims = routeClaims(index);
    for (const claim of claimsOf(ingress, defaultClass(index))) {
      const owner = claims.get(claim.key);
      if (!owner || (owner.resource === ingress && samePath(owner.path, claim.path))) continue;
      // Two definitions of the same Ingress: the later replaces the earlier (duplicate-resource says so).
      if (owner.resource !== ingress && owner.resource.namespace === ingress.namespace && owner.resource.name === ingress.name) continue;
      const other =
        owner.resource === ingress
          ? `${formatFieldPath(owner.path)} of this Ingress`
          : `Ingress ${owner.resource.namespace}/${owner.resource.name} (${locationOf(owner.resource)})`;
      report({
        messageId: 'duplicate',
        at: claim.path,
        data: {
          route: claim.route,
          pathType: claim.pathType,
          other,
          className: claim.className,
        },
      });
    }
  },
});

interface Claim {
  readonly key: string;
  readonly path: FieldPath;
  readonly route: string;
  readonly pathType: string;
  readonly className: string | undefined;
}

function defaultClass(index: ResourceIndex): string | undefined {
  return index.view(DEFAULT_INGRESS_CLASS);
}

const DEFAULT_INGRESS_CLASS = view('default ingress class', (idx) => {
  const defaults = idx.ofKind('IngressClass').filter((c) => isDefaultIngressClass(c.object));
  return defaults.length === 1 ? defaults[0]!.name : undefined;
});

/** The host, path and type claims of one Ingress; a path without a pathType counts as ImplementationSpecific (the old default). */
function claimsOf(ingress: Resource, fallbackClass: string | undefined): Claim[] {
  // An ingress-nginx canary shares its main Ingress's host and path on purpose.
  if (annotationValue(ingress.object, NGINX_CANARY) === 'true') return [];
  const className = effectiveIngressClass(ingress.object, fallbackClass);
  return ingressHttpPaths(ingress.object).flatMap(({ value, path }) => {
    const rawType = value.entry['pathType'];
    const rawPath = value.entry['path'];
    if ((rawType !== undefined && typeof rawType !== 'string') || (rawPath !== undefined && typeof rawPath !== 'string')) return [];
    const pathType = rawType ?? 'ImplementationSpecific';
    const text = rawPath ?? '';
    const shown = text === '' ? '(empty path)' : text;
    const route = value.host === undefined ? `${shown} on every host` : `${value.host}${text.startsWith('/') ? text : ` ${shown}`}`;
    return [{ key: [className ?? '', value.host ?? '', text, pathType].join('\u0000'), path, route, pathType, className }];
  });
}

function routeClaims(index: ResourceIndex): ReadonlyMap<string, { readonly resource: Resource; readonly path: FieldPath }> {
  return index.view(INGRESS_ROUTE_CLAIMS);
}

const INGRESS_ROUTE_CLAIMS = view('ingress route claims', (idx) => {
  const fallback = defaultClass(idx);
  const owners = new Map<string, { resource: Resource; path: FieldPath }>();
  for (const ingress of idx.ofKind('Ingress')) {
    for (const claim of claimsOf(ingress, fallback)) if (!owners.has(claim.key)) owners.set(claim.key, { resource: ingress, path: claim.path });
  }
  return owners;
});

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
