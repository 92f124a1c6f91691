import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/ingress-class-allowed.yaml. */
export default definePackRule({
  id: 'ingress-class-allowed',
  description: 'An Ingress must name one of the allowed ingress classes (`classes`).',
  remediation: 'Set `spec.ingressClassName` to an allowed class.',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Ingress'],
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { classes: { type: 'array', items: { type: 'string' }, description: 'Ingress classes allowed.' } },
  },
  defaultOptions: { classes: [] as string[] },
});
