import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/service-port-range.yaml. */
export default definePackRule({
  id: 'service-port-range',
  description: 'Service ports must lie in the allowed range (`min`-`max`).',
  remediation: 'Use a port inside the allowed range.',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Service'],
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { min: { type: 'integer', minimum: 1, maximum: 65535 }, max: { type: 'integer', minimum: 1, maximum: 65535 } },
  },
  defaultOptions: { min: 1, max: 65535 },
});
