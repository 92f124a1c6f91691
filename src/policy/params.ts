/**
 * The param objects a binding hands its policy for one object (k8s.io/apiserver
 * pkg/admission/plugin/policy/generic policy_dispatcher.go collectParams): by name or by selector, in
 * paramRef.namespace or else the object's own namespace.
 */
import { isObject, stringMap } from '../k8s/objects.js';
import { matchesLabelSelector } from '../k8s/selectors.js';
import { apiGroup, isClusterScoped, kindKey } from '../model/kinds.js';
import type { KubeObject, ResourceIndex } from '../model/types.js';
import type { Binding, Policy } from './model.js';

export type Params =
  | { readonly ok: true; readonly params: readonly (KubeObject | null)[] }
  /** `deny`: the API server rejects the object with this message; `skip`: the binding does not apply. */
  | { readonly ok: false; readonly deny?: string };

export function resolveParams(policy: Policy, binding: Binding, objectNamespace: string, index: ResourceIndex): Params {
  if (!policy.paramKind) return { ok: true, params: [null] };
  const ref = binding.paramRef;
  const kind = policy.paramKind;
  const what = `${kind.kind} (${kind.apiVersion})`;
  if (!ref) return { ok: false, deny: `policy ${policy.name} needs a param of kind ${what}, but binding ${binding.name} has no paramRef` };
  const clusterScoped = isClusterScoped(kind.kind);
  const namespace = clusterScoped ? '' : (ref.namespace ?? objectNamespace);
  if (!clusterScoped && namespace === '') {
    return { ok: false, deny: `binding ${binding.name}: paramRef has no namespace and the object is cluster-scoped, so no ${what} can be found` };
  }
  const candidates = index.ofKind(kindKey(kind.apiVersion, kind.kind)).filter((r) => r.namespace === namespace && apiGroup(r.apiVersion) === apiGroup(kind.apiVersion));
  const found =
    ref.name !== undefined
      ? candidates.filter((r) => r.name === ref.name)
      : candidates.filter((r) => matchesLabelSelector(ref.selector ?? {}, stringMap(isObject(r.object['metadata']) ? r.object['metadata']['labels'] : undefined)));
  // The last definition of a name wins, as at apply time.
  const params = ref.name !== undefined ? found.slice(-1) : found;
  if (params.length > 0) return { ok: true, params: params.map((r) => r.object) };
  if (ref.parameterNotFoundAction === 'Allow') return { ok: false };
  const where = namespace === '' ? '' : ` in namespace ${namespace}`;
  const which = ref.name !== undefined ? `${what} ${ref.name}${where}` : `${what} matching the binding's paramRef.selector${where}`;
  return { ok: false, deny: `binding ${binding.name} of policy ${policy.name}: no param ${which} (parameterNotFoundAction: Deny)` };
}
