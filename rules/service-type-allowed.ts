import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/service-type-allowed.yaml. */
export default definePackRule({
  id: 'service-type-allowed',
  description: 'Only the Service types the config allows, per namespace (`byNamespace`) or everywhere else (`allowed`).',
  remediation: 'Use an allowed Service type, or ask for the namespace to be allowed this one.',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Service'],
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allowed: { type: 'array', items: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] }, description: 'Types allowed in namespaces not listed in byNamespace.' },
      byNamespace: {
        type: 'object',
        additionalProperties: { type: 'array', items: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] } },
        description: 'Types allowed in each listed namespace.',
      },
    },
  },
  defaultOptions: { allowed: ['ClusterIP', 'ExternalName'], byNamespace: {} },
});
