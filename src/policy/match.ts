/**
 * Whether an admission request for creating an object matches a policy's matchConstraints or a
 * binding's matchResources, as the API server decides it (k8s.io/apiserver
 * pkg/admission/plugin/policy/matching Matcher.Matches and pkg/admission/plugin/webhook/predicates/rules).
 */
import { isObject, stringMap } from '../k8s/objects.js';
import { NAMESPACE_NAME_LABEL } from '../k8s/namespaces.js';
import { matchesLabelSelector, type Labels } from '../k8s/selectors.js';
import { apiGroup, isClusterScoped } from '../model/kinds.js';
import type { KubeObject } from '../model/types.js';
import type { MatchResources, ResourceRule } from './model.js';

/** The parts of an admission request that matching reads. */
export interface AdmissionTarget {
  readonly group: string;
  readonly version: string;
  /** The plural resource name (`services`). */
  readonly resource: string;
  readonly name: string;
  /** `''` for a cluster-scoped object. */
  readonly namespace: string;
  readonly clusterScoped: boolean;
  readonly labels: Labels;
  /** The labels of the object's namespace, as far as they are known. */
  readonly namespaceLabels: Labels;
}

/** Plural resource names that the plain rule (lower case, +s / +es / y→ies) gets wrong. */
const IRREGULAR: Readonly<Record<string, string>> = {
  Endpoints: 'endpoints',
  PodSecurityPolicy: 'podsecuritypolicies',
};

/** The resource name the API serves a kind under (`Ingress` → `ingresses`, `NetworkPolicy` → `networkpolicies`). */
export function resourceOfKind(kind: string): string {
  let resource = resources.get(kind);
  if (resource === undefined) {
    const lower = kind.toLowerCase();
    resource = IRREGULAR[kind] ?? (/[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : /(s|x|z|ch|sh)$/.test(lower) ? `${lower}es` : `${lower}s`);
    resources.set(kind, resource);
  }
  return resource;
}

const resources = new Map<string, string>();

export function admissionTarget(object: KubeObject, namespace: string, namespaceLabels: (namespace: string) => Labels): AdmissionTarget {
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  const clusterScoped = isClusterScoped(kind) || namespace === '';
  // The labels are read only by selectors that have requirements: most objects never need them.
  let labels: Labels | undefined;
  let ofNamespace: Labels | undefined;
  return {
    group: apiGroup(apiVersion),
    version: apiVersion.slice(apiVersion.indexOf('/') + 1),
    resource: resourceOfKind(kind),
    name: typeof metadata['name'] === 'string' ? metadata['name'] : '',
    namespace: clusterScoped ? '' : namespace,
    clusterScoped,
    get labels() {
      return (labels ??= stringMap(metadata['labels']));
    },
    get namespaceLabels() {
      return (ofNamespace ??= clusterScoped ? {} : namespaceLabels(namespace));
    },
  };
}

/** The namespace labels the API server would see: the Namespace object's, else config's, and always its name label. */
export function knownNamespaceLabels(fromInput: Labels | undefined, fromConfig: Labels | undefined, namespace: string): Labels {
  return { ...(fromInput ?? fromConfig ?? {}), [NAMESPACE_NAME_LABEL]: namespace };
}

export function matchesResources(match: MatchResources, target: AdmissionTarget): boolean {
  // A Namespace object is matched by its own labels; other cluster-scoped objects ignore namespaceSelector.
  if (target.resource === 'namespaces' && target.group === '') {
    if (!selectsAll(match.namespaceSelector) && !matchesLabelSelector(match.namespaceSelector, { ...target.labels, [NAMESPACE_NAME_LABEL]: target.name })) return false;
  } else if (!target.clusterScoped && !selectsAll(match.namespaceSelector) && !matchesLabelSelector(match.namespaceSelector, target.namespaceLabels)) {
    return false;
  }
  if (!selectsAll(match.objectSelector) && !matchesLabelSelector(match.objectSelector, target.labels)) return false;
  if (match.excludeResourceRules.some((rule) => matchesRule(rule, target))) return false;
  // No resourceRules constrains nothing (a binding's matchResources); a policy must have some.
  return match.resourceRules.length === 0 || match.resourceRules.some((rule) => matchesRule(rule, target));
}

/** A selector without requirements (`{}`), which matchesLabelSelector takes to select any labels. */
function selectsAll(selector: unknown): boolean {
  return isObject(selector) && selector['matchLabels'] === undefined && selector['matchExpressions'] === undefined;
}

/** One rule, for a CREATE of the main resource (no subresource). */
export function matchesRule(rule: ResourceRule, target: AdmissionTarget): boolean {
  const any = (values: readonly string[], value: string): boolean => values.includes('*') || values.includes(value);
  if (!any(rule.operations, 'CREATE')) return false;
  if (!any(rule.apiGroups, target.group) || !any(rule.apiVersions, target.version)) return false;
  if (rule.resourceNames.length > 0 && !rule.resourceNames.includes(target.name)) return false;
  if (rule.scope === 'Cluster' && !target.clusterScoped) return false;
  if (rule.scope === 'Namespaced' && target.clusterScoped) return false;
  return rule.resources.some((entry) => {
    const slash = entry.indexOf('/');
    const resource = slash < 0 ? entry : entry.slice(0, slash);
    const subresource = slash < 0 ? '' : entry.slice(slash + 1);
    return (resource === '*' || resource === target.resource) && (subresource === '' || subresource === '*');
  });
}
