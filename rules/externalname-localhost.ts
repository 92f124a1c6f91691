import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/externalname-localhost.yaml. */
export default definePackRule({
  id: 'externalname-localhost',
  description:
    'An ExternalName Service must not alias `localhost` or a loopback address: clients reach themselves, and an ingress controller proxying to it reaches its own ports.',
  remediation: 'Set `externalName` to the DNS name of the real backend.',
  category: 'policy',
  defaultSeverity: 'warn',
  kinds: ['Service'],
  schema: null,
  defaultOptions: {},
});
