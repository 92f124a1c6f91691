import type { FieldPath } from '../util/field-path.js';

/** A kubernetes-models class: its prototype validates an object against the kind's schema. */
interface ModelClass {
  readonly prototype: { readonly validate?: () => void };
}

/** What the linter knows of a kind. Adding a kind is adding its entry to `KINDS`. */
export interface KindEntry {
  /** The apiVersions it is written with, the current one first (removed ones too: they are still read). */
  readonly apiVersions: readonly string[];
  /** Stored without a namespace. */
  readonly clusterScoped?: boolean;
  /** A workload: where it keeps its pod template (`[]` for a Pod, which is its own template). */
  readonly podTemplate?: FieldPath;
  /** A Gateway API route: its rules hold backendRefs, and it attaches to Gateways through parentRefs. */
  readonly route?: boolean;
  /**
   * Its kubernetes-models class for `apiVersions[0]`, for a kind most manifests hold: imported when the
   * input holds one, and part of the CLI bundle. Other kinds' classes are imported by name at run time.
   */
  readonly model?: () => Promise<ModelClass>;
}

/**
 * Every kind the rules and the model name, by the kind key rules match on (`kindKey`). `meta.kinds` of
 * a rule is typed by these names, so a misspelt kind does not compile. Workloads and routes are listed
 * in the order rules and docs show them.
 */
const KINDS = {
  // Workloads: the built-in kinds with a pod template.
  Pod: { apiVersions: ['v1'], podTemplate: [], model: async () => (await import('kubernetes-models/v1/Pod')).Pod },
  Deployment: { apiVersions: ['apps/v1'], podTemplate: ['spec', 'template'], model: async () => (await import('kubernetes-models/apps/v1/Deployment')).Deployment },
  StatefulSet: { apiVersions: ['apps/v1'], podTemplate: ['spec', 'template'], model: async () => (await import('kubernetes-models/apps/v1/StatefulSet')).StatefulSet },
  DaemonSet: { apiVersions: ['apps/v1'], podTemplate: ['spec', 'template'], model: async () => (await import('kubernetes-models/apps/v1/DaemonSet')).DaemonSet },
  ReplicaSet: { apiVersions: ['apps/v1'], podTemplate: ['spec', 'template'], model: async () => (await import('kubernetes-models/apps/v1/ReplicaSet')).ReplicaSet },
  ReplicationController: {
    apiVersions: ['v1'],
    podTemplate: ['spec', 'template'],
    model: async () => (await import('kubernetes-models/v1/ReplicationController')).ReplicationController,
  },
  Job: { apiVersions: ['batch/v1'], podTemplate: ['spec', 'template'], model: async () => (await import('kubernetes-models/batch/v1/Job')).Job },
  CronJob: {
    apiVersions: ['batch/v1', 'batch/v1beta1'],
    podTemplate: ['spec', 'jobTemplate', 'spec', 'template'],
    model: async () => (await import('kubernetes-models/batch/v1/CronJob')).CronJob,
  },

  // Service networking.
  Service: { apiVersions: ['v1'], model: async () => (await import('kubernetes-models/v1/Service')).Service },
  Endpoints: { apiVersions: ['v1'], model: async () => (await import('kubernetes-models/v1/Endpoints')).Endpoints },
  EndpointSlice: {
    apiVersions: ['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1'],
    model: async () => (await import('kubernetes-models/discovery.k8s.io/v1/EndpointSlice')).EndpointSlice,
  },
  Ingress: {
    apiVersions: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'],
    model: async () => (await import('kubernetes-models/networking.k8s.io/v1/Ingress')).Ingress,
  },
  IngressClass: {
    apiVersions: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'],
    clusterScoped: true,
    model: async () => (await import('kubernetes-models/networking.k8s.io/v1/IngressClass')).IngressClass,
  },
  NetworkPolicy: {
    apiVersions: ['networking.k8s.io/v1', 'extensions/v1beta1'],
    model: async () => (await import('kubernetes-models/networking.k8s.io/v1/NetworkPolicy')).NetworkPolicy,
  },

  // Gateway API.
  GatewayClass: { apiVersions: ['gateway.networking.k8s.io/v1'], clusterScoped: true },
  Gateway: { apiVersions: ['gateway.networking.k8s.io/v1'] },
  HTTPRoute: { apiVersions: ['gateway.networking.k8s.io/v1'], route: true },
  GRPCRoute: { apiVersions: ['gateway.networking.k8s.io/v1'], route: true },
  TCPRoute: { apiVersions: ['gateway.networking.k8s.io/v1alpha2'], route: true },
  TLSRoute: { apiVersions: ['gateway.networking.k8s.io/v1alpha2'], route: true },
  UDPRoute: { apiVersions: ['gateway.networking.k8s.io/v1alpha2'], route: true },
  ReferenceGrant: { apiVersions: ['gateway.networking.k8s.io/v1beta1'] },

  // Other namespaced kinds the rules read.
  ConfigMap: { apiVersions: ['v1'], model: async () => (await import('kubernetes-models/v1/ConfigMap')).ConfigMap },
  Secret: { apiVersions: ['v1'], model: async () => (await import('kubernetes-models/v1/Secret')).Secret },
  ServiceAccount: { apiVersions: ['v1'], model: async () => (await import('kubernetes-models/v1/ServiceAccount')).ServiceAccount },
  HorizontalPodAutoscaler: {
    apiVersions: ['autoscaling/v2'],
    model: async () => (await import('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler')).HorizontalPodAutoscaler,
  },
  PodDisruptionBudget: { apiVersions: ['policy/v1'], model: async () => (await import('kubernetes-models/policy/v1/PodDisruptionBudget')).PodDisruptionBudget },

  // Cluster-scoped kinds.
  Namespace: { apiVersions: ['v1'], clusterScoped: true, model: async () => (await import('kubernetes-models/v1/Namespace')).Namespace },
  Node: { apiVersions: ['v1'], clusterScoped: true },
  PersistentVolume: { apiVersions: ['v1'], clusterScoped: true },
  ComponentStatus: { apiVersions: ['v1'], clusterScoped: true },
  ClusterRole: { apiVersions: ['rbac.authorization.k8s.io/v1'], clusterScoped: true },
  ClusterRoleBinding: { apiVersions: ['rbac.authorization.k8s.io/v1'], clusterScoped: true },
  CustomResourceDefinition: { apiVersions: ['apiextensions.k8s.io/v1'], clusterScoped: true },
  StorageClass: { apiVersions: ['storage.k8s.io/v1'], clusterScoped: true },
  CSIDriver: { apiVersions: ['storage.k8s.io/v1'], clusterScoped: true },
  CSINode: { apiVersions: ['storage.k8s.io/v1'], clusterScoped: true },
  VolumeAttachment: { apiVersions: ['storage.k8s.io/v1'], clusterScoped: true },
  PriorityClass: { apiVersions: ['scheduling.k8s.io/v1'], clusterScoped: true },
  RuntimeClass: { apiVersions: ['node.k8s.io/v1'], clusterScoped: true },
  ValidatingWebhookConfiguration: { apiVersions: ['admissionregistration.k8s.io/v1'], clusterScoped: true },
  MutatingWebhookConfiguration: { apiVersions: ['admissionregistration.k8s.io/v1'], clusterScoped: true },
  ValidatingAdmissionPolicy: { apiVersions: ['admissionregistration.k8s.io/v1'], clusterScoped: true },
  ValidatingAdmissionPolicyBinding: { apiVersions: ['admissionregistration.k8s.io/v1'], clusterScoped: true },
  APIService: { apiVersions: ['apiregistration.k8s.io/v1'], clusterScoped: true },
  CertificateSigningRequest: { apiVersions: ['certificates.k8s.io/v1'], clusterScoped: true },
  FlowSchema: { apiVersions: ['flowcontrol.apiserver.k8s.io/v1'], clusterScoped: true },
  PriorityLevelConfiguration: { apiVersions: ['flowcontrol.apiserver.k8s.io/v1'], clusterScoped: true },
} as const satisfies Readonly<Record<string, KindEntry>>;

/** A kind the linter knows by name: what `meta.kinds` of a rule may list. */
export type KindName = keyof typeof KINDS;

export const KIND_NAMES = Object.keys(KINDS) as KindName[];

export function isKindName(kind: string): kind is KindName {
  return Object.hasOwn(KINDS, kind);
}

/** A kind's entry; undefined for a kind the table does not hold (a kind from the input never reaches Object.prototype). */
export function kindEntry(kind: string): KindEntry | undefined {
  return Object.hasOwn(KINDS, kind) ? (KINDS as Readonly<Record<string, KindEntry>>)[kind] : undefined;
}

/**
 * A list of kinds for `meta.kinds` that also answers `includes` and `has` for any kind string (from
 * the input) without a cast.
 */
export type KindList = readonly KindName[] & readonly string[];

/** The kinds whose entries have `property`, in table order: `kindsWith('podTemplate')` are the workloads. */
function kindsWith(property: 'podTemplate' | 'route'): KindList {
  return KIND_NAMES.filter((kind) => kindEntry(kind)?.[property] !== undefined);
}

/** The built-in workload kinds: those with a pod template. */
export const WORKLOAD_KINDS: KindList = kindsWith('podTemplate');

/** The Gateway API route kinds. */
export const ROUTE_KINDS: KindList = kindsWith('route');

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
  return kindEntry(kind)?.clusterScoped === true;
}
