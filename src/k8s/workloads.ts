import type { ResourceIndex, WorkloadTemplate } from '../model/types.js';
import { isObject, stringMap, type PlainObject } from './objects.js';
import { PodSources, podsMatchSelector, unmetBy, WORKLOAD_KINDS, type PodTemplate } from './pod-sources.js';

export { WORKLOAD_KINDS, type PodTemplate } from './pod-sources.js';

/** The pod template of a built-in workload object (`labels` as written, `generated` what its controller adds), or undefined. */
export function podTemplateOf(kind: string, object: PlainObject): PodTemplate | undefined {
  if (!WORKLOAD_KINDS.includes(kind)) return undefined;
  builtInSources ??= new PodSources();
  return builtInSources.templateOf(kind, object);
}

let builtInSources: PodSources | undefined;

/**
 * The pod template that comes closest to a metav1.LabelSelector (fewest unmet requirements; the first
 * in input order on a tie), with what keeps it from matching. Undefined when there are no templates.
 */
export function closestTemplate<T extends { template: PodTemplate }>(
  templates: readonly T[],
  selector: unknown,
): { readonly closest: T; readonly unmet: ReturnType<typeof unmetBy> } | undefined {
  let best: { closest: T; unmet: ReturnType<typeof unmetBy> } | undefined;
  for (const candidate of templates) {
    const unmet = unmetBy(selector, candidate.template);
    if (!best || unmet.length < best.unmet.length) best = { closest: candidate, unmet };
  }
  return best;
}

/**
 * The pod templates of a namespace that a metav1.LabelSelector selects, through the index's label
 * lookup (matchLabels narrow the candidates; matchExpressions are checked on those).
 */
export function podTemplatesSelectedBy(index: ResourceIndex, namespace: string, selector: unknown): readonly WorkloadTemplate[] {
  if (!isObject(selector)) return [];
  const candidates = index.selectPodTemplates(namespace, stringMap(selector['matchLabels']));
  const expressions = selector['matchExpressions'];
  if (expressions === undefined || expressions === null) return candidates;
  return candidates.filter(({ template }) => podsMatchSelector(selector, template));
}

/** How many pod templates a near-miss explanation looks at, so a failing selector costs constant work. */
const NEAR_MISS_CANDIDATES = 256;

/**
 * closestTemplate over the namespaces' templates that share a matchLabels label with the selector
 * (found through the index), or the first ones when none does; at most NEAR_MISS_CANDIDATES are
 * compared, so explaining a miss never scans a whole namespace per selector.
 */
export function closestTemplateIn(index: ResourceIndex, namespaces: readonly string[], selector: unknown): ReturnType<typeof closestTemplate<WorkloadTemplate>> {
  const candidates: WorkloadTemplate[] = [];
  const seen = new Set<WorkloadTemplate>();
  const add = (list: readonly WorkloadTemplate[]): void => {
    for (let i = 0; i < list.length && candidates.length < NEAR_MISS_CANDIDATES; i++) {
      const template = list[i]!;
      if (!seen.has(template)) {
        seen.add(template);
        candidates.push(template);
      }
    }
  };
  const labels = isObject(selector) ? Object.entries(stringMap(selector['matchLabels'])) : [];
  for (const namespace of namespaces) for (const [key, value] of labels) add(index.selectPodTemplates(namespace, { [key]: value }));
  if (candidates.length === 0) for (const namespace of namespaces) add(index.podTemplates(namespace));
  return closestTemplate(candidates, selector);
}

/**
 * How many pods a workload runs, as the API server defaults it: `spec.replicas` (1 when unset) for
 * Deployment, StatefulSet, ReplicaSet and ReplicationController; 1 for a Pod; `perNode` for a
 * DaemonSet; undefined for Jobs and CronJobs (their pods come and go) and other kinds.
 */
export function workloadReplicas(kind: string, object: PlainObject): number | 'perNode' | undefined {
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController': {
      const spec = object['spec'];
      const replicas = isObject(spec) ? spec['replicas'] : undefined;
      return typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 ? replicas : 1;
    }
    case 'Pod':
      return 1;
    case 'DaemonSet':
      return 'perNode';
    default:
      return undefined;
  }
}
