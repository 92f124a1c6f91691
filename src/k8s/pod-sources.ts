/**
 * Pod sources: which pods can exist in a namespace, and with which labels. The built-in workloads
 * with the labels their controllers add (StatefulSet pod names, pod-template-hash, Job names), any
 * object keeping a pod template at the usual paths, the operators of the catalogue
 * (`schemas/pod-sources.json`) and those the config declares (`podSources`). Also which custom
 * resources the tool cannot see through: they may make pods it does not know of.
 */
import type { FieldPath } from '../util/field-path.js';
import { kindEntry } from '../model/kinds.js';
import { readPackageJson } from '../util/package-root.js';
import { isObject, objectAt, objectsIn, stringMap, valueAt, type Located, type PlainObject } from './objects.js';
import { matchesLabelSelector, unmetRequirements, type Labels } from './selectors.js';

/** A label a controller gives each pod, with a value known only as a rule (a hash, an ordinal). */
export interface GeneratedLabel {
  accepts(value: string): boolean;
  /** The values it takes, for messages: `redis-0 to redis-2`, `any value`. */
  readonly values: string;
}

export interface PodTemplate {
  /** Path of the template inside its object (`[]` for a Pod and for pods an operator makes). */
  readonly path: FieldPath;
  readonly labels: Labels;
  /** Labels the controller adds to every pod, beyond the template's. */
  readonly generated: ReadonlyMap<string, GeneratedLabel>;
  readonly containers: readonly Located<PlainObject>[];
  /** False for pods an operator makes: their containers (and ports) are not in the input. */
  readonly containersKnown: boolean;
}

/** A kind of custom resource whose controller makes pods (an entry of the catalogue or of `podSources`). */
export interface PodSourceEntry {
  readonly group: string;
  readonly kind: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly anyValueLabels?: readonly string[];
  readonly podLabelsPath?: readonly string[];
  readonly templatePath?: readonly string[];
}

interface Catalogue {
  readonly sources: readonly PodSourceEntry[];
  readonly noPods: readonly { readonly group: string; readonly kinds: readonly string[] }[];
}

export { WORKLOAD_KINDS } from '../model/kinds.js';

/** Where other controllers keep a pod template (a custom resource not in the catalogue). */
const USUAL_TEMPLATE_PATHS: readonly FieldPath[] = [
  ['spec', 'template'],
  ['spec', 'jobTemplate', 'spec', 'template'],
];

const ANY_VALUE: GeneratedLabel = { accepts: () => true, values: 'any value' };

/** The pod sources of a run: the catalogue plus the config's entries (which win for the same kind). */
export class PodSources {
  private readonly byKind = new Map<string, PodSourceEntry>();
  private readonly noPods = new Set<string>();

  constructor(extra: readonly PodSourceEntry[] = []) {
    const catalogue = podSourceCatalogue();
    for (const entry of [...catalogue.sources, ...extra]) this.byKind.set(kindOf(entry.group, entry.kind), entry);
    for (const { group, kinds } of catalogue.noPods) for (const kind of kinds) this.noPods.add(kindOf(group, kind));
  }

  /**
   * The pod template of an object: a built-in workload's, a catalogued operator's pods, or a template
   * at the usual paths of another custom resource. `kind` is the index's kind key (`Rollout.argoproj.io`).
   * `autoscaled`: a HorizontalPodAutoscaler sets the replicas, so `spec.replicas` says nothing of the pod names.
   */
  templateOf(kind: string, object: PlainObject, { autoscaled = false }: { readonly autoscaled?: boolean } = {}): PodTemplate | undefined {
    const builtIn = kindEntry(kind)?.podTemplate;
    if (builtIn !== undefined) return templateAt(object, builtIn, controllerLabels(kind, object, autoscaled));
    if (!kind.includes('.')) return undefined;
    const entry = this.byKind.get(kind);
    if (entry?.labels) return operatorPods(entry, object);
    const generated = this.generatedBy(kind);
    for (const path of entry?.templatePath ? [entry.templatePath] : USUAL_TEMPLATE_PATHS) {
      const template = templateAt(object, path, generated);
      if (template && Array.isArray(valueAt(object, [...path, 'spec', 'containers']))) return template;
    }
    return undefined;
  }

  /** The labels a custom resource's controller adds to the pods of its template (from its entry). */
  generatedBy(kind: string): ReadonlyMap<string, GeneratedLabel> {
    return new Map((this.byKind.get(kind)?.anyValueLabels ?? []).map((key) => [key, ANY_VALUE] as const));
  }

  /** Whether a custom resource may make pods the tool cannot see: not catalogued either way, and no pod template. */
  isOpaque(kind: string, object: PlainObject): boolean {
    if (!kind.includes('.') || this.noPods.has(kind)) return false;
    return this.templateOf(kind, object) === undefined;
  }
}

let cached: Catalogue | undefined;

/** `schemas/pod-sources.json`, read once. */
export function podSourceCatalogue(): Catalogue {
  cached ??= readPackageJson<Catalogue>('schemas/pod-sources.json');
  return cached;
}

function kindOf(group: string, kind: string): string {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io') ? kind : `${kind}.${group}`;
}

function templateAt(object: PlainObject, path: FieldPath, generated: ReadonlyMap<string, GeneratedLabel>): PodTemplate | undefined {
  const template = path.length === 0 ? object : objectAt(object, path);
  if (!template) return undefined;
  const metadata = isObject(template['metadata']) ? template['metadata'] : {};
  return {
    path,
    labels: stringMap(metadata['labels']),
    generated,
    containers: [...objectsIn(object, [...path, 'spec', 'initContainers']), ...objectsIn(object, [...path, 'spec', 'containers'])],
    containersKnown: true,
  };
}

/** The pods an operator makes for a catalogued resource: its fixed labels, `{{name}}` filled in, plus the user's pod labels. */
function operatorPods(entry: PodSourceEntry, object: PlainObject): PodTemplate {
  const name = stringMap(object['metadata'])['name'] ?? '';
  const own = entry.podLabelsPath ? stringMap(valueAt(object, entry.podLabelsPath)) : {};
  const fixed = Object.fromEntries(Object.entries(entry.labels ?? {}).map(([key, value]) => [key, value.replaceAll('{{name}}', name)]));
  return {
    path: [],
    labels: { ...own, ...fixed },
    generated: new Map((entry.anyValueLabels ?? []).map((key) => [key, ANY_VALUE] as const)),
    containers: [],
    containersKnown: false,
  };
}

/**
 * The labels the built-in controllers add to each pod: StatefulSet (pod name and index, per
 * `getPodName`/`initIdentity` in pkg/controller/statefulset/stateful_set_utils.go, and the revision),
 * DaemonSet and Deployment (revision hashes), Job and CronJob (job name, controller uid, completion
 * index, per `pkg/controller/job`).
 */
function controllerLabels(kind: string, object: PlainObject, autoscaled: boolean): ReadonlyMap<string, GeneratedLabel> {
  const name = stringMap(object['metadata'])['name'] ?? '';
  const spec = isObject(object['spec']) ? object['spec'] : {};
  switch (kind) {
    case 'StatefulSet': {
      const start = integer(valueAt(spec, ['ordinals', 'start'])) ?? 0;
      const replicas = autoscaled ? undefined : integer(spec['replicas']);
      const ordinal = ordinals(start, replicas);
      return new Map([
        ['statefulset.kubernetes.io/pod-name', prefixed(`${name}-`, ordinal)],
        ['apps.kubernetes.io/pod-index', prefixed('', ordinal)],
        ['controller-revision-hash', ANY_VALUE],
      ]);
    }
    case 'DaemonSet':
      return new Map([
        ['controller-revision-hash', ANY_VALUE],
        ['pod-template-generation', ANY_VALUE],
      ]);
    case 'Deployment':
      return new Map([['pod-template-hash', ANY_VALUE]]);
    case 'Job':
    case 'CronJob': {
      const jobSpec = kind === 'Job' ? spec : (objectAt(spec, ['jobTemplate', 'spec']) ?? {});
      // A CronJob names each Job `<name>-<scheduled time in minutes>`.
      const jobName: GeneratedLabel =
        kind === 'Job' ? { accepts: (v) => v === name, values: name } : { accepts: (v) => new RegExp(`^${escape(name)}-\\d+$`).test(v), values: `${name}-<time>` };
      const labels = new Map<string, GeneratedLabel>([
        ['batch.kubernetes.io/job-name', jobName],
        ['job-name', jobName],
        ['batch.kubernetes.io/controller-uid', ANY_VALUE],
        ['controller-uid', ANY_VALUE],
      ]);
      if (jobSpec['completionMode'] === 'Indexed') labels.set('batch.kubernetes.io/job-completion-index', prefixed('', ordinals(0, integer(jobSpec['completions']))));
      return labels;
    }
    default:
      return new Map();
  }
}

interface Ordinals {
  readonly start: number;
  /** Exclusive; undefined when the count is not known (no `replicas`: an autoscaler may set it). */
  readonly end: number | undefined;
}

function ordinals(start: number, count: number | undefined): Ordinals {
  return { start, end: count === undefined ? undefined : start + count };
}

function prefixed(prefix: string, range: Ordinals): GeneratedLabel {
  return {
    accepts(value) {
      if (!value.startsWith(prefix)) return false;
      const rest = value.slice(prefix.length);
      if (!/^(0|[1-9]\d*)$/.test(rest)) return false;
      const n = Number(rest);
      return n >= range.start && (range.end === undefined || n < range.end);
    },
    values:
      range.end === undefined
        ? `${prefix}${range.start}, ${prefix}${range.start + 1}, ...`
        : range.end <= range.start
          ? 'none (no replicas)'
          : range.end - range.start === 1
            ? `${prefix}${range.start}`
            : `${prefix}${range.start} to ${prefix}${range.end - 1}`,
  };
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a pod of this template carries `key=value`: in its template, or added by its controller. */
function podHasLabel(template: PodTemplate, key: string, value: string): boolean {
  return template.labels[key] === value || (template.generated.get(key)?.accepts(value) ?? false);
}

/** A Service-style selector (every label equal) against the pods of a template. */
export function podsMatchLabels(selector: Labels, template: PodTemplate): boolean {
  for (const [key, value] of Object.entries(selector)) if (!podHasLabel(template, key, value)) return false;
  return true;
}

/** A metav1.LabelSelector against the pods of a template, with the labels their controller adds. */
export function podsMatchSelector(selector: unknown, template: PodTemplate): boolean {
  return matchesLabelSelector(selector, template.labels, template.generated);
}

/** What keeps a template's pods from matching a LabelSelector, in words, with paths relative to the selector. */
export function unmetBy(selector: unknown, template: PodTemplate): ReturnType<typeof unmetRequirements> {
  return unmetRequirements(selector, template.labels, template.generated);
}
