import type { FieldPath } from '../util/field-path.js';
import type { PodTemplate } from '../k8s/pod-sources.js';
import type { SourceDocument, SourceFile } from '../source/types.js';

/** A Kubernetes object as decoded; field types are not trusted until checked. */
export type KubeObject = Readonly<Record<string, unknown>>;

export interface Resource {
  /** Position in the input, stable across runs: files sorted, documents in order. */
  readonly order: number;
  readonly apiVersion: string;
  /** The kind name for Kubernetes' own API groups (`Service`, `Ingress`); `Kind.group` for any other group. */
  readonly kind: string;
  readonly name: string;
  /** The resolved namespace; `''` for cluster-scoped kinds. */
  readonly namespace: string;
  readonly object: KubeObject;
  readonly file: SourceFile;
  readonly document: SourceDocument;
  /** Where the object sits in its document: `[]`, or `['items', i]` inside a `kind: List`. */
  readonly basePath: FieldPath;
  /** The kustomize apply sets (top kustomizations) that build its file; absent outside kustomizations. */
  readonly applySets?: ReadonlySet<string>;
  /**
   * True for the second and later objects of one definition that kustomizations build in several
   * namespaces: they take part in lookups, but rules check only the first.
   */
  readonly copy?: boolean;
}

export interface ResourceIndex {
  readonly all: readonly Resource[];
  ofKind(kind: string): readonly Resource[];
  /** Every resource with this identity, in input order (more than one means a duplicate). */
  findAll(kind: string, namespace: string, name: string): readonly Resource[];
  /** The resource with this identity that wins at apply time (the last one defined). */
  find(kind: string, namespace: string, name: string): Resource | undefined;
  inNamespace(namespace: string): readonly Resource[];
  /** The resources of one kind in one namespace (`''` for cluster-scoped kinds), in input order. */
  ofKindIn(kind: string, namespace: string): readonly Resource[];
  /** The pod templates of every pod source in a namespace: built-in workloads, custom resources with a pod template, catalogued operators. */
  podTemplates(namespace: string): readonly WorkloadTemplate[];
  /**
   * The pod templates of a namespace that a Service-style selector (every label equal) selects, in
   * input order; all of them for an empty selector. Looked up by label, so a Service costs the size of
   * the answer, not of the namespace.
   */
  selectPodTemplates(namespace: string, selector: Readonly<Record<string, string>>): readonly WorkloadTemplate[];
  /** Custom resources of a namespace that may make pods the index cannot see (not catalogued, no pod template). */
  opaqueResources(namespace: string): readonly Resource[];
  /** A value derived from the whole index (see `src/model/views.ts`), built on first use and shared by every rule that asks. */
  view<T>(view: View<T>): T;
}

export interface WorkloadTemplate {
  readonly workload: Resource;
  readonly template: PodTemplate;
}

/** A value derived from the whole index, declared with `view` or `lookupView` (`src/model/views.ts`). */
export interface View<T> {
  /** For people reading a profile or a debugger; not a key. */
  readonly name: string;
  readonly build: (index: ResourceIndex) => T;
}
