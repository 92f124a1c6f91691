import { LabelIndex } from '../k8s/label-index.js';
import { matchesLabels } from '../k8s/selectors.js';
import { podTemplateOf } from '../k8s/workloads.js';
import type { Resource, ResourceIndex, WorkloadTemplate } from './types.js';

/** Lookups by kind, namespace and name over every resource of a run; built once, read-only. */
export function buildIndex(resources: readonly Resource[]): ResourceIndex {
  const byKind = new Map<string, Resource[]>();
  const byIdentity = new Map<string, Resource[]>();
  const byNamespace = new Map<string, Resource[]>();
  for (const resource of resources) {
    push(byKind, resource.kind, resource);
    push(byIdentity, identity(resource.kind, resource.namespace, resource.name), resource);
    push(byNamespace, resource.namespace, resource);
  }
  const memos = new Map<string, unknown>();
  let templates: Templates | undefined;
  const none: readonly Resource[] = Object.freeze([]);

  const index: ResourceIndex = {
    all: resources,
    ofKind: (kind) => byKind.get(kind) ?? none,
    findAll: (kind, namespace, name) => byIdentity.get(identity(kind, namespace, name)) ?? none,
    find: (kind, namespace, name) => byIdentity.get(identity(kind, namespace, name))?.at(-1),
    inNamespace: (namespace) => byNamespace.get(namespace) ?? none,
    podTemplates(namespace) {
      templates ??= collectTemplates(resources);
      return templates.byNamespace.get(namespace) ?? [];
    },
    selectPodTemplates(namespace, selector) {
      templates ??= collectTemplates(resources);
      const candidates = templates.byLabel.candidates(namespace, selector);
      if (candidates === undefined) return templates.byNamespace.get(namespace) ?? [];
      return candidates.filter(({ template }) => matchesLabels(selector, template.labels));
    },
    memo<T>(key: string, build: (index: ResourceIndex) => T): T {
      if (!memos.has(key)) memos.set(key, build(index));
      return memos.get(key) as T;
    },
  };
  return index;
}

function identity(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface Templates {
  readonly byNamespace: Map<string, WorkloadTemplate[]>;
  /** Under each of their labels, per namespace. */
  readonly byLabel: LabelIndex<WorkloadTemplate>;
}

function collectTemplates(resources: readonly Resource[]): Templates {
  const byNamespace = new Map<string, WorkloadTemplate[]>();
  const byLabel = new LabelIndex<WorkloadTemplate>();
  for (const workload of resources) {
    const template = podTemplateOf(workload.kind, workload.object);
    if (!template) continue;
    const entry = { workload, template };
    push(byNamespace, workload.namespace, entry);
    byLabel.add(workload.namespace, template.labels, entry);
  }
  return { byNamespace, byLabel };
}
