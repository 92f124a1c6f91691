import type { FieldPath } from '../api/types.js';
import { isObject, objectAt, objectsIn, stringMap, type Located, type PlainObject } from './objects.js';
import { matchesLabels, type Labels } from './selectors.js';

/** Where each workload kind keeps its pod template. */
const POD_TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

export interface PodTemplate {
  /** Path of the template inside its workload (`[]` for a Pod). */
  readonly path: FieldPath;
  readonly labels: Labels;
  readonly containers: readonly Located<PlainObject>[];
}

/** The pod template of a workload object, or undefined for other kinds or a template that is not an object. */
export function podTemplateOf(kind: string, object: PlainObject): PodTemplate | undefined {
  const path = POD_TEMPLATE_PATHS[kind];
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

/** The pod templates of a namespace that a Service selector selects. */
export function selectedTemplates<T extends { template: PodTemplate }>(templates: readonly T[], selector: Labels): T[] {
  return templates.filter(({ template }) => matchesLabels(selector, template.labels));
}
