import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/ingress-host-wildcard.yaml. */
export default definePackRule({
  id: 'ingress-host-wildcard',
  description: 'Every Ingress rule must name a host, and not a wildcard one.',
  remediation: 'Name the exact host each rule serves.',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Ingress'],
  schema: null,
  defaultOptions: {},
});
