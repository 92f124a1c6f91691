import { isObject, type PlainObject } from '../../k8s/objects.js';

type Mutable = Record<string, unknown>;

/** SetDefaults_IngressClass (networking/v1): parameters.scope is Cluster when left out. */
export function defaultIngressClass(ingressClass: PlainObject): PlainObject {
  const object = structuredClone(ingressClass) as Mutable;
  const spec = object['spec'];
  const parameters = isObject(spec) ? spec['parameters'] : undefined;
  if (isObject(parameters) && (parameters['scope'] === undefined || parameters['scope'] === null)) (parameters as Mutable)['scope'] = 'Cluster';
  return object;
}
