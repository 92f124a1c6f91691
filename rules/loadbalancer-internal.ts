import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/loadbalancer-internal.yaml. */
export default definePackRule({
  id: 'loadbalancer-internal',
  description: 'A LoadBalancer Service must ask for an internal load balancer (AWS, Azure or GCP annotations, as `providers` says).',
  remediation: 'Add the internal load balancer annotation of your cloud.',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Service'],
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { providers: { type: 'array', minItems: 1, items: { enum: ['aws', 'azure', 'gcp'] }, description: 'Clouds whose internal annotation counts.' } },
  },
  defaultOptions: { providers: ['aws', 'azure', 'gcp'] },
});
