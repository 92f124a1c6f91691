import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/ingress-default-backend.yaml. */
export default definePackRule({
  id: 'ingress-default-backend',
  description: 'An Ingress must not set `spec.defaultBackend`: on a shared controller it catches every unmatched request.',
  remediation: 'Remove `spec.defaultBackend` and route by host and path.',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Ingress'],
  schema: null,
  defaultOptions: {},
});
