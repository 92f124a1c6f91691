import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/ingress-https-only.yaml. */
export default definePackRule({
  id: 'ingress-https-only',
  description: 'An Ingress must serve HTTPS: a `tls` entry, and optionally `kubernetes.io/ingress.allow-http: "false"` (`requireAllowHttpFalse`).',
  remediation: 'Add a `spec.tls` entry for the hosts (and the allow-http annotation where the controller reads it).',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Ingress'],
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { requireAllowHttpFalse: { type: 'boolean', description: 'Also require kubernetes.io/ingress.allow-http: "false" (GCE, and controllers that read it).' } },
  },
  defaultOptions: { requireAllowHttpFalse: false },
});
