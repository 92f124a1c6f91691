/** Kinds stored without a namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'GatewayClass',
  'ComponentStatus',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
]);

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `''`. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Groups owned by Kubernetes itself: the core group, unqualified groups (`apps`, `batch`) and `*.k8s.io`. */
function isKubernetesGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * The kind name rules match on. Kubernetes' own kinds keep their plain name, so `Ingress` covers
 * `networking.k8s.io/v1` and `extensions/v1beta1`; other groups are qualified, so a Knative
 * `Service` (serving.knative.dev) is `Service.serving.knative.dev` and never checked as a core Service.
 */
export function kindKey(apiVersion: string, kind: string): string {
  const group = apiGroup(apiVersion);
  return isKubernetesGroup(group) ? kind : `${kind}.${group}`;
}

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
