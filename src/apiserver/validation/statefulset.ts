import { isObject, type PlainObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';
import { atLeast, type KubernetesVersion } from '../version.js';
import { validateObjectMeta } from './metadata.js';
import { nameProblem } from './names.js';

/** ValidateStatefulSet: the name and serviceName, which become pod host names (the pod template is not judged here). */
export function validateStatefulSet(statefulSet: PlainObject, version: KubernetesVersion, issues: Issues): void {
  // ValidateStatefulSet: ValidateStatefulSetName (a DNS-1123 label)
  validateObjectMeta(statefulSet, { nameRule: 'dns1123-label' }, issues);
  const spec = statefulSet['spec'];
  if (!isObject(spec)) return;
  // ValidateStatefulSetSpec: serviceName, when set, is a DNS-1123 label (kubernetes/kubernetes#130233, 1.33)
  const serviceName = spec['serviceName'];
  if (atLeast(version, 33) && typeof serviceName === 'string' && serviceName !== '') {
    const problem = nameProblem(serviceName, 'dns1123-label');
    if (problem !== undefined) issues.invalid(['spec', 'serviceName'], `${problem}; it names the headless Service that gives the pods their DNS names`);
  }
}
