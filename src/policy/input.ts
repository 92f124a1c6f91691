/** The policies and bindings of the input (manifests and config `policies:` files) and of config's short forms. */
import type { ResourceIndex } from '../model/types.js';
import type { PolicySet } from './checker.js';
import type { Binding, Policy } from './model.js';
import type { PolicySettings } from './settings.js';
import { BINDING_KIND, POLICY_KIND, readBinding, readPolicy } from './read.js';
import { view } from '../model/views.js';

/** The input's policies and bindings, read once per index. The last definition of a name wins, as at apply time. */
export function inputPolicySet(index: ResourceIndex): PolicySet {
  return index.view(POLICY_INPUT);
}

const POLICY_INPUT = view('policy input', (idx) => {
  const policies = new Map<string, Policy>();
  for (const resource of idx.ofKind(POLICY_KIND)) {
    if (resource.apiVersion.startsWith('admissionregistration.k8s.io/')) policies.set(resource.name, readPolicy(resource.object, resource));
  }
  const bindings = new Map<string, Binding>();
  for (const resource of idx.ofKind(BINDING_KIND)) {
    if (resource.apiVersion.startsWith('admissionregistration.k8s.io/')) bindings.set(resource.name, readBinding(resource.object, resource));
  }
  return { policies, bindings: [...bindings.values()] };
});

export function configPolicySet(config: PolicySettings | undefined): PolicySet {
  const policies = new Map((config?.policies ?? []).map(({ policy }) => [policy.name, policy]));
  return { policies, bindings: (config?.policies ?? []).map(({ binding }) => binding) };
}
