import type { PlainObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';
import { validateObjectMeta } from './metadata.js';

/**
 * ValidateIngressCreate and ValidateNetworkPolicy: the object metadata. Their spec checks are reported
 * by ingress-fields, ingress-path, ingress-backend-service, ingress-backend-port, ingress-class-conflict,
 * networkpolicy-fields and networkpolicy-ports (see docs/api-validation.md), each once.
 */
export function validateIngress(ingress: PlainObject, issues: Issues): void {
  // ValidateIngressName (a DNS-1123 subdomain)
  validateObjectMeta(ingress, { nameRule: 'dns1123-subdomain', nameOwner: 'ingress-fields' }, issues);
}

export function validateNetworkPolicy(policy: PlainObject, issues: Issues): void {
  // ValidateNetworkPolicyName (a DNS-1123 subdomain)
  validateObjectMeta(policy, { nameRule: 'dns1123-subdomain', nameOwner: 'networkpolicy-fields' }, issues);
}
