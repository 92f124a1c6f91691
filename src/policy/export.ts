/** Writes policies as ValidatingAdmissionPolicy + ValidatingAdmissionPolicyBinding manifests, for the cluster to enforce. */
import { stringify } from 'yaml';
import type { FieldPath } from '../api/types.js';
import type { Binding, MatchResources, Policy, ResourceRule } from './model.js';
import { ADMISSION_API_VERSION, AT_ANNOTATION, BINDING_KIND, POLICY_KIND } from './read.js';

export function exportPolicies(pairs: readonly { readonly policy: Policy; readonly binding: Binding }[]): string {
  const documents = pairs.flatMap(({ policy, binding }) => [policyManifest(policy), bindingManifest(binding)]);
  return documents.map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
}

function policyManifest(policy: Policy): Record<string, unknown> {
  const at: Record<string, string> = {};
  policy.validations.forEach((v, i) => {
    if (v.at) at[String(i)] = dotted(v.at);
  });
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: POLICY_KIND,
    metadata: { name: policy.name, ...(Object.keys(at).length > 0 ? { annotations: { [AT_ANNOTATION]: JSON.stringify(at) } } : {}) },
    spec: {
      failurePolicy: policy.failurePolicy,
      ...(policy.paramKind ? { paramKind: policy.paramKind } : {}),
      ...(policy.matchConstraints ? { matchConstraints: matchManifest(policy.matchConstraints) } : {}),
      ...(policy.matchConditions.length > 0 ? { matchConditions: policy.matchConditions.map((c) => ({ name: c.name, expression: c.expression.text })) } : {}),
      ...(policy.variables.length > 0 ? { variables: policy.variables.map((v) => ({ name: v.name, expression: v.expression.text })) } : {}),
      validations: policy.validations.map((v) => ({
        expression: v.expression.text,
        ...(v.message !== undefined ? { message: v.message } : {}),
        ...(v.messageExpression ? { messageExpression: v.messageExpression.text } : {}),
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
      })),
    },
  };
}

function bindingManifest(binding: Binding): Record<string, unknown> {
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: BINDING_KIND,
    metadata: { name: binding.name },
    spec: {
      policyName: binding.policyName,
      validationActions: [...binding.validationActions],
      ...(binding.matchResources ? { matchResources: matchManifest(binding.matchResources) } : {}),
    },
  };
}

function matchManifest(match: MatchResources): Record<string, unknown> {
  const selector = (s: unknown): boolean => typeof s === 'object' && s !== null && Object.keys(s).length > 0;
  return {
    ...(selector(match.namespaceSelector) ? { namespaceSelector: match.namespaceSelector } : {}),
    ...(selector(match.objectSelector) ? { objectSelector: match.objectSelector } : {}),
    resourceRules: match.resourceRules.map(ruleManifest),
    ...(match.excludeResourceRules.length > 0 ? { excludeResourceRules: match.excludeResourceRules.map(ruleManifest) } : {}),
  };
}

function ruleManifest(rule: ResourceRule): Record<string, unknown> {
  return {
    apiGroups: [...rule.apiGroups],
    apiVersions: [...rule.apiVersions],
    resources: [...rule.resources],
    operations: [...rule.operations],
    ...(rule.resourceNames.length > 0 ? { resourceNames: [...rule.resourceNames] } : {}),
    ...(rule.scope !== '*' ? { scope: rule.scope } : {}),
  };
}

function dotted(path: FieldPath): string {
  return path.join('.');
}
