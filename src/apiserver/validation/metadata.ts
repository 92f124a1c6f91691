import type { FieldPath } from '../../api/types.js';
import { isObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';
import { finalizerProblem, nameProblem, validateAnnotations, validateLabels, type NameRule } from './names.js';

export interface MetadataOptions {
  readonly nameRule: NameRule;
  /** The rule that reports a bad name already (service-name, ingress-fields, ...). */
  readonly nameOwner?: string;
}

/**
 * apimachinery ValidateObjectMeta, with core's finalizer rule. A missing name is the schema rule's
 * finding; a missing namespace is filled by kubectl, and a namespace on a cluster-scoped object is
 * dropped by the API server (rest.BeforeCreate), so neither is judged here.
 */
export function validateObjectMeta(object: Readonly<Record<string, unknown>>, options: MetadataOptions, issues: Issues): void {
  const metadata = object['metadata'];
  if (!isObject(metadata)) return;
  const at = (key: string): FieldPath => ['metadata', key];
  const name = metadata['name'];
  const generateName = metadata['generateName'];
  // ValidateObjectMeta: name, or generateName checked as a prefix (a trailing '-' is masked, as maskTrailingDash does).
  if (typeof name === 'string' && name !== '') {
    const problem = nameProblem(name, options.nameRule);
    if (problem !== undefined) issues.invalid(at('name'), problem, options.nameOwner);
  } else if (typeof generateName === 'string' && generateName !== '') {
    const masked = generateName.length > 1 && generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    const problem = nameProblem(masked, options.nameRule);
    if (problem !== undefined) issues.invalid(at('generateName'), problem.replace(`"${masked}"`, `"${generateName}"`), options.nameOwner);
  }
  // ValidateObjectMeta: ValidateNamespaceName (a DNS-1123 label)
  const namespace = metadata['namespace'];
  if (typeof namespace === 'string' && namespace !== '') {
    const problem = nameProblem(namespace, 'dns1123-label');
    if (problem !== undefined) issues.invalid(at('namespace'), problem);
  }
  // ValidateObjectMeta: ValidateLabels, ValidateAnnotations
  validateLabels(metadata['labels'], at('labels'), issues);
  validateAnnotations(metadata['annotations'], at('annotations'), issues);
  // ValidateObjectMeta: ValidateFinalizers; core ValidateObjectMeta: validateKubeFinalizerName
  const finalizers = metadata['finalizers'];
  if (Array.isArray(finalizers)) {
    finalizers.forEach((finalizer: unknown, i) => {
      if (typeof finalizer !== 'string') return;
      const problem = finalizerProblem(finalizer);
      if (problem !== undefined) issues.invalid(['metadata', 'finalizers', i], problem);
    });
    if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
      issues.invalid(['metadata', 'finalizers'], 'holds both orphan and foregroundDeletion, which cannot be set together; keep one');
    }
  }
}
