/**
 * The policy model: a ValidatingAdmissionPolicy and its bindings as the API server reads them
 * (admissionregistration.k8s.io/v1), whether they come from the input, from config, or from the pack.
 */
import type { FieldPath } from '../util/field-path.js';
import type { Resource } from '../model/types.js';

/** A CEL expression and where its text sits (a path inside the policy resource, when it has one). */
export interface PolicyExpression {
  readonly text: string;
  readonly at: FieldPath;
}

export interface Validation {
  readonly expression: PolicyExpression;
  readonly message?: string;
  readonly messageExpression?: PolicyExpression;
  readonly reason?: string;
  /** Where a finding goes in the checked object, when the policy says (`policy.k8s-svc-lint.io/at`); else inferred. */
  readonly at?: FieldPath;
}

export interface NamedExpression {
  readonly name: string;
  readonly expression: PolicyExpression;
}

/** A NamedRuleWithOperations: the API groups, versions, resources and operations a rule matches. */
export interface ResourceRule {
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly resources: readonly string[];
  readonly operations: readonly string[];
  readonly resourceNames: readonly string[];
  readonly scope: string;
}

/** MatchResources (a policy's matchConstraints or a binding's matchResources). */
export interface MatchResources {
  readonly namespaceSelector: unknown;
  readonly objectSelector: unknown;
  readonly resourceRules: readonly ResourceRule[];
  readonly excludeResourceRules: readonly ResourceRule[];
}

interface ParamKind {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface Policy {
  readonly name: string;
  /** The resource it was read from; undefined for a config policy or a pack rule. */
  readonly resource?: Resource;
  readonly paramKind?: ParamKind;
  readonly matchConstraints?: MatchResources;
  readonly matchConditions: readonly NamedExpression[];
  readonly variables: readonly NamedExpression[];
  readonly validations: readonly Validation[];
  readonly failurePolicy: 'Fail' | 'Ignore';
}

export interface ParamRef {
  readonly name?: string;
  readonly namespace?: string;
  readonly selector?: unknown;
  readonly parameterNotFoundAction: 'Allow' | 'Deny';
}

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

export interface Binding {
  readonly name: string;
  readonly policyName: string;
  readonly resource?: Resource;
  readonly paramRef?: ParamRef;
  readonly matchResources?: MatchResources;
  readonly validationActions: readonly ValidationAction[];
}
