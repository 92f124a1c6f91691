import { LabelIndex } from '../k8s/label-index.js';
import { PodSources, podsMatchLabels } from '../k8s/pod-sources.js';
import { isObject, stringMap } from '../k8s/objects.js';
import { append as push } from '../util/maps.js';
import type { Resource, ResourceIndex, WorkloadTemplate } from './types.js';
import { ViewCache } from './views.js';

/** Lookups by kind, namespace and name over every resource of a run; built once, read-only. */
export function buildIndex(resources: readonly Resource[], podSources: PodSources = new PodSources()): ResourceIndex {
  const byKind = new Map<string, Resource[]>();
  const byIdentity = new Map<string, Resource[]>();
  const byNamespace = new Map<string, Resource[]>();
  const byKindIn = new Map<string, Map<string, Resource[]>>();
  for (const resource of resources) {
    push(byKind, resource.kind, resource);
    push(byIdentity, identity(resource.kind, resource.namespace, resource.name), resource);
    push(byNamespace, resource.namespace, resource);
    let ofKind = byKindIn.get(resource.kind);
    if (!ofKind) byKindIn.set(resource.kind, (ofKind = new Map<string, Resource[]>()));
    push(ofKind, resource.namespace, resource);
  }
  const views = new ViewCache(() => index);
  let templates: Templates | undefined;
  const none: readonly Resource[] = Object.freeze([]);

  const index: ResourceIndex = {
    all: resources,
    ofKind: (kind) => byKind.get(kind) ?? none,
    findAll: (kind, namespace, name) => byIdentity.get(identity(kind, namespace, name)) ?? none,
    find: (kind, namespace, name) => byIdentity.get(identity(kind, namespace, name))?.at(-1),
    inNamespace: (namespace) => byNamespace.get(namespace) ?? none,
    ofKindIn: (kind, namespace) => byKindIn.get(kind)?.get(namespace) ?? none,
    podTemplates(namespace) {
      templates ??= collectTemplates(resources, podSources, index);
      return templates.byNamespace.get(namespace) ?? [];
    },
    selectPodTemplates(namespace, selector) {
      templates ??= collectTemplates(resources, podSources, index);
      // Labels a controller generates (pod names, hashes) are not filed: they narrow nothing, and are checked on the candidates.
      const filed = Object.fromEntries(Object.entries(selector).filter(([key]) => !templates!.generatedKeys.has(key)));
      const candidates = templates.byLabel.candidates(namespace, filed) ?? templates.byNamespace.get(namespace) ?? [];
      return candidates.filter(({ template }) => podsMatchLabels(selector, template));
    },
    opaqueResources(namespace) {
      templates ??= collectTemplates(resources, podSources, index);
      return templates.opaque.get(namespace) ?? [];
    },
    view: (view) => views.get(view),
  };
  return index;
}

function identity(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

interface Templates {
  readonly byNamespace: Map<string, WorkloadTemplate[]>;
  /** Under each of their labels, per namespace. */
  readonly byLabel: LabelIndex<WorkloadTemplate>;
  /** Every label key some controller generates values of. */
  readonly generatedKeys: ReadonlySet<string>;
  /** Custom resources that may make pods the index cannot see, per namespace. */
  readonly opaque: Map<string, Resource[]>;
}

function collectTemplates(resources: readonly Resource[], podSources: PodSources, index: ResourceIndex): Templates {
  const byNamespace = new Map<string, WorkloadTemplate[]>();
  const byLabel = new LabelIndex<WorkloadTemplate>();
  const generatedKeys = new Set<string>();
  const opaque = new Map<string, Resource[]>();
  const autoscaled = autoscaledTargets(index);
  for (const workload of resources) {
    const options = { autoscaled: autoscaled.has(`${workload.namespace}\u0000${workload.kind}\u0000${workload.name}`) };
    const template = podSources.templateOf(workload.kind, workload.object, options) ?? referencedTemplate(workload, podSources, index);
    if (!template) {
      if (podSources.isOpaque(workload.kind, workload.object) && workload.namespace !== '') push(opaque, workload.namespace, workload);
      continue;
    }
    const entry = { workload, template };
    push(byNamespace, workload.namespace, entry);
    byLabel.add(workload.namespace, template.labels, entry);
    for (const key of template.generated.keys()) generatedKeys.add(key);
  }
  return { byNamespace, byLabel, generatedKeys, opaque };
}

/** `namespace\0kind\0name` of every object a HorizontalPodAutoscaler scales. */
function autoscaledTargets(index: ResourceIndex): ReadonlySet<string> {
  const targets = new Set<string>();
  for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
    const { kind, name } = stringMap(isObject(hpa.object['spec']) ? hpa.object['spec']['scaleTargetRef'] : undefined);
    if (kind !== undefined && name !== undefined) targets.add(`${hpa.namespace}\u0000${kind}\u0000${name}`);
  }
  return targets;
}

/**
 * An Argo Rollout with `spec.workloadRef` runs the pods of the Deployment it names (in its namespace),
 * adding its own revision label.
 */
function referencedTemplate(workload: Resource, podSources: PodSources, index: ResourceIndex): ReturnType<PodSources['templateOf']> {
  if (workload.kind !== 'Rollout.argoproj.io') return undefined;
  const ref = isObject(workload.object['spec']) ? workload.object['spec']['workloadRef'] : undefined;
  const { kind = 'Deployment', name } = stringMap(ref);
  if (name === undefined) return undefined;
  const target = index.find(kind, workload.namespace, name);
  const template = target ? podSources.templateOf(target.kind, target.object) : undefined;
  return template && { ...template, generated: podSources.generatedBy(workload.kind) };
}
