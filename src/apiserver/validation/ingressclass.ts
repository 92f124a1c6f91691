import { isObject, type PlainObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';
import { validateObjectMeta } from './metadata.js';
import { domainPrefixedPathProblem, nameProblem, pathSegmentProblem } from './names.js';

const MAX_CONTROLLER_LENGTH = 250;

/** ValidateIngressClass on a defaulted IngressClass (SetDefaults_IngressClass: parameters.scope Cluster). */
export function validateIngressClass(ingressClass: PlainObject, issues: Issues): void {
  // ValidateIngressClass: ValidateIngressClassName (a DNS-1123 subdomain)
  validateObjectMeta(ingressClass, { nameRule: 'dns1123-subdomain' }, issues);
  const spec = isObject(ingressClass['spec']) ? ingressClass['spec'] : {};
  // validateIngressClassSpec: controller is required, at most 250 characters, a domain-prefixed path
  const controller = spec['controller'];
  if (controller === undefined || controller === null || controller === '') {
    issues.required(['spec', 'controller'], 'is required: name the controller that implements this class, such as k8s.io/ingress-nginx');
  } else if (typeof controller === 'string') {
    if (controller.length > MAX_CONTROLLER_LENGTH) issues.invalid(['spec', 'controller'], `is ${controller.length} characters long; at most ${MAX_CONTROLLER_LENGTH} are allowed`);
    const problem = domainPrefixedPathProblem(controller);
    if (problem !== undefined) issues.invalid(['spec', 'controller'], problem);
  }
  const parameters = spec['parameters'];
  if (isObject(parameters)) validateParametersReference(parameters, issues);
}

/** validateIngressClassParametersReference, with validateIngressTypedLocalObjectReference */
function validateParametersReference(parameters: PlainObject, issues: Issues): void {
  const at = (key: string) => ['spec', 'parameters', key];
  const apiGroup = parameters['apiGroup'];
  if (typeof apiGroup === 'string') {
    const problem = nameProblem(apiGroup, 'dns1123-subdomain');
    if (problem !== undefined) issues.invalid(at('apiGroup'), problem);
  }
  for (const key of ['kind', 'name']) {
    const value = parameters[key];
    // A missing kind or name is the schema rule's finding; an empty one is reported here.
    if (value === '') issues.required(at(key), `is required: write the ${key} of the parameters object`);
    else if (typeof value === 'string') {
      const problem = pathSegmentProblem(value);
      if (problem !== undefined) issues.invalid(at(key), problem);
    }
  }
  const scope = parameters['scope'];
  const namespace = parameters['namespace'];
  const hasNamespace = namespace !== undefined && namespace !== null;
  if (scope === 'Namespace') {
    if (!hasNamespace) issues.required(at('namespace'), 'is required when scope is Namespace: name the namespace that holds the parameters object');
    else if (typeof namespace === 'string') {
      const problem = nameProblem(namespace, 'dns1123-label');
      if (problem !== undefined) issues.invalid(at('namespace'), problem);
    }
  } else if (scope === 'Cluster') {
    if (hasNamespace) issues.invalid(at('namespace'), 'may not be set when scope is Cluster (the default when scope is left out); remove namespace, or set scope: Namespace');
  } else if (typeof scope === 'string') {
    issues.notSupported(at('scope'), scope, ['Cluster', 'Namespace']);
  }
}
