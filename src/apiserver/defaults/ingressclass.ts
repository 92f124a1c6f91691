import { isObject, type PlainObject } from '../../k8s/objects.js';

/** SetDefaults_IngressClass (networking/v1): parameters.scope is Cluster when left out. */
export function defaultIngressClass(ingressClass: PlainObject): PlainObject {
  const spec = ingressClass['spec'];
  const parameters = isObject(spec) ? spec['parameters'] : undefined;
  if (!isObject(spec) || !isObject(parameters) || (parameters['scope'] !== undefined && parameters['scope'] !== null)) return ingressClass;
  return { ...ingressClass, spec: { ...spec, parameters: { ...parameters, scope: 'Cluster' } } };
}
