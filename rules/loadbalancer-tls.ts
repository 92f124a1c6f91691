import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/loadbalancer-tls.yaml. */
export default definePackRule({
  id: 'loadbalancer-tls',
  description: 'A LoadBalancer Service must terminate TLS at the AWS load balancer (`aws-load-balancer-ssl-cert`).',
  remediation: 'Set `service.beta.kubernetes.io/aws-load-balancer-ssl-cert` to an ACM certificate ARN.',
  category: 'policy',
  defaultSeverity: 'warn',
  optIn: true,
  kinds: ['Service'],
  schema: null,
  defaultOptions: {},
});
