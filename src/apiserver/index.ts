import { removedApiVersion } from '../k8s/api-versions.js';
import type { PlainObject } from '../k8s/objects.js';
import { isKindName, type KindName } from '../model/kinds.js';
import type { Resource } from '../model/types.js';
import { defaultIngressClass } from './defaults/ingressclass.js';
import { defaultService } from './defaults/service.js';
import { Issues, type ApiIssue } from './issues.js';
import { validateEndpoints } from './validation/endpoints.js';
import { validateEndpointSlice } from './validation/endpointslice.js';
import { validateIngressClass } from './validation/ingressclass.js';
import { validateIngress, validateNetworkPolicy } from './validation/networking.js';
import { validateService } from './validation/service.js';
import { validateStatefulSet } from './validation/statefulset.js';
import { METADATA_NAME_RULES, validateMetadataOnly } from './validation/metadata-only.js';
import type { KubernetesVersion } from './version.js';

export type { ApiIssue } from './issues.js';
export { formatKubernetesVersion, parseKubernetesVersion, type KubernetesVersion } from './version.js';

/** Per kind, in the order the API server runs them: defaulting, then validation. */
type Pipeline = (object: PlainObject, version: KubernetesVersion, issues: Issues) => void;

const PIPELINES: Readonly<Record<string, Pipeline>> = {
  Service: (object, version, issues) => validateService(defaultService(object), object, version, issues),
  Endpoints: (object, _version, issues) => validateEndpoints(object, issues),
  EndpointSlice: (object, _version, issues) => validateEndpointSlice(object, issues),
  Ingress: (object, _version, issues) => validateIngress(object, issues),
  IngressClass: (object, _version, issues) => validateIngressClass(defaultIngressClass(object), issues),
  NetworkPolicy: (object, _version, issues) => validateNetworkPolicy(object, issues),
  StatefulSet: (object, version, issues) => validateStatefulSet(object, version, issues),
  ...Object.fromEntries(
    Object.keys(METADATA_NAME_RULES).map((kind) => [kind, (object: PlainObject, _version: KubernetesVersion, issues: Issues) => validateMetadataOnly(kind, object, issues)]),
  ),
} satisfies Readonly<Partial<Record<KindName, Pipeline>>>;

/** The kinds whose create-time validation is modelled. */
export const VALIDATED_KINDS: readonly KindName[] = Object.keys(PIPELINES).filter(isKindName);

/**
 * Why the API server of `version` would refuse to create this resource, as issues at the fields it
 * names; empty when it accepts it (or the kind is not modelled). Removed apiVersions are refused
 * before this point (deprecated-api-version).
 */
export function apiIssues(resource: Resource, version: KubernetesVersion): readonly ApiIssue[] {
  const pipeline = PIPELINES[resource.kind];
  if (!pipeline || removedApiVersion(resource.kind, resource.apiVersion, version.minor)) return [];
  const issues = new Issues();
  pipeline(resource.object, version, issues);
  return issues.list;
}
