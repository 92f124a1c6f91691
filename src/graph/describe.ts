import type { TopologyNamespace } from './types.js';

/**
 * A namespace's isolation in words: `isolated` when a default-deny policy covers a direction
 * (`default-deny: Ingress`), `open` when it has NetworkPolicies (or a networkpolicy-default-deny
 * finding) but no default deny, `unknown` when the input holds none of its policies.
 */
export function isolationOf(namespace: TopologyNamespace): { readonly state: 'isolated' | 'open' | 'unknown'; readonly text: string } {
  const { isolation } = namespace;
  if (isolation.defaultDeny.length > 0) return { state: 'isolated', text: `default-deny: ${isolation.defaultDeny.join(', ')}` };
  if (isolation.policies > 0 || isolation.finding) return { state: 'open', text: 'no default-deny' };
  return { state: 'unknown', text: 'no NetworkPolicy in the input' };
}
