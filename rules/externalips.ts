import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/externalips.yaml. */
export default definePackRule({
  id: 'externalips',
  description: 'A Service must not set `externalIPs` outside the allowed ranges: whoever can create one can take over traffic to those addresses cluster-wide (CVE-2020-8554).',
  remediation: 'Remove `spec.externalIPs` (use a LoadBalancer Service), or list the ranges your cluster admins own in `allowedCidrs`.',
  category: 'policy',
  defaultSeverity: 'warn',
  kinds: ['Service'],
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { allowedCidrs: { type: 'array', items: { type: 'string' }, description: 'CIDRs whose addresses a Service may claim.' } },
  },
  defaultOptions: { allowedCidrs: [] as string[] },
});
