import type { FieldPath } from '../api/types.js';
import type { ResourceIndex, WorkloadTemplate } from '../model/types.js';
import { isObject, objectAt, objectsIn, stringMap, type Located, type PlainObject } from './objects.js';
import { matchesLabelSelector, unmetRequirements, type Labels } from './selectors.js';

/** Where each workload kind keeps its pod template (a Map: a kind from the input never reaches Object.prototype). */
const POD_TEMPLATE_PATHS: ReadonlyMap<string, FieldPath> = new Map<string, FieldPath>([
  ['Pod', []],
  ['Deployment', ['spec', 'template']],
  ['StatefulSet', ['spec', 'template']],
  ['DaemonSet', ['spec', 'template']],
  ['ReplicaSet', ['spec', 'template']],
  ['ReplicationController', ['spec', 'template']],
  ['Job', ['spec', 'template']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
]);

export const WORKLOAD_KINDS: readonly string[] = [...POD_TEMPLATE_PATHS.keys()];

export interface PodTemplate {
  /** Path of the template inside its workload (`[]` for a Pod). */
  readonly path: FieldPath;
  readonly labels: Labels;
  readonly containers: readonly Located<PlainObject>[];
}

/** The pod template of a workload object, or undefined for other kinds or a template that is not an object. */
export function podTemplateOf(kind: string, object: PlainObject): PodTemplate | undefined {
  const path = POD_TEMPLATE_PATHS.get(kind);
  if (path === undefined) return undefined;
  const template = path.length === 0 ? object : objectAt(object, path);
  if (!template) return undefined;
  const metadata = isObject(template['metadata']) ? template['metadata'] : {};
  return {
    path,
    labels: stringMap(metadata['labels']),
    containers: [
      ...objectsIn(object, [...path, 'spec', 'initContainers']),
      ...objectsIn(object, [...path, 'spec', 'containers']),
    ],
  };
}

/**
 * The pod template that comes closest to a metav1.LabelSelector (fewest unmet requirements; the first
 * in input order on a tie), with what keeps it from matching. Undefined when there are no templates.
 */
export function closestTemplate<T extends { template: PodTemplate }>(
  templates: readonly T[],
  selector: unknown,
): { readonly closest: T; readonly unmet: ReturnType<typeof unmetRequirements> } | undefined {
  let best: { closest: T; unmet: ReturnType<typeof unmetRequirements> } | undefined;
  for (const candidate of templates) {
    const unmet = unmetRequirements(selector, candidate.template.labels);
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
  return candidates.filter(({ template }) => matchesLabelSelector(selector, template.labels));
}

/** How many pod templates a near-miss explanation looks at, so a failing selector costs constant work. */
const NEAR_MISS_CANDIDATES = 256;

/**
 * closestTemplate over the namespaces' templates that share a matchLabels label with the selector
 * (found through the index), or the first ones when none does; at most NEAR_MISS_CANDIDATES are
 * compared, so explaining a miss never scans a whole namespace per selector.
 */
export function closestTemplateIn(
  index: ResourceIndex,
  namespaces: readonly string[],
  selector: unknown,
): ReturnType<typeof closestTemplate<WorkloadTemplate>> {
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
