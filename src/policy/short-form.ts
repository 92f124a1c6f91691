/**
 * The short policy form a team writes in config (and the pack is written in): one check, compiled to a
 * ValidatingAdmissionPolicy and its binding, so it runs, and exports, like any other policy.
 */
import type { FieldPath } from '../api/types.js';
import { NAMESPACE_NAME_LABEL } from '../k8s/namespaces.js';
import { parseDottedPath } from './read.js';
import type { Binding, Policy, ResourceRule } from './model.js';

export interface ShortPolicy {
  readonly id: string;
  /** Kinds checked: `Service`, `Ingress`, or `Kind.group` for other API groups (`HTTPRoute.gateway.networking.k8s.io`). */
  readonly kinds: readonly string[];
  /** Namespaces checked; all when absent. */
  readonly namespaces?: readonly string[];
  /** Only objects for which this CEL expression is true are checked. */
  readonly when?: string;
  /** The CEL expression that must be true. */
  readonly assert: string;
  readonly message?: string;
  /** A CEL expression giving the message (a string), as a policy's messageExpression. */
  readonly messageExpression?: string;
  readonly severity?: 'error' | 'warn';
  /** Where the finding goes (`spec.type`); inferred from the expression when absent. */
  readonly at?: string;
}

/** API groups of the kinds a short form names without a group. */
const KIND_GROUPS: Readonly<Record<string, string>> = {
  Ingress: 'networking.k8s.io',
  IngressClass: 'networking.k8s.io',
  NetworkPolicy: 'networking.k8s.io',
  EndpointSlice: 'discovery.k8s.io',
  Deployment: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
  Gateway: 'gateway.networking.k8s.io',
  GatewayClass: 'gateway.networking.k8s.io',
  HTTPRoute: 'gateway.networking.k8s.io',
  GRPCRoute: 'gateway.networking.k8s.io',
  TLSRoute: 'gateway.networking.k8s.io',
  TCPRoute: 'gateway.networking.k8s.io',
  UDPRoute: 'gateway.networking.k8s.io',
};

/** `Service` → core group `services`; `Widget.example.com` → group example.com, `widgets`. */
function kindRule(kind: string, resourceOf: (kind: string) => string): ResourceRule {
  const dot = kind.indexOf('.');
  const name = dot < 0 ? kind : kind.slice(0, dot);
  const group = dot < 0 ? (KIND_GROUPS[kind] ?? '') : kind.slice(dot + 1);
  return { apiGroups: [group], apiVersions: ['*'], resources: [resourceOf(name)], operations: ['CREATE', 'UPDATE'], resourceNames: [], scope: '*' };
}

/** The policy and binding a short form stands for. Expression paths point nowhere: the form has no manifest. */
export function compileShortPolicy(short: ShortPolicy, resourceOf: (kind: string) => string): { policy: Policy; binding: Binding } {
  const none: FieldPath = [];
  const policy: Policy = {
    name: short.id,
    matchConstraints: {
      namespaceSelector: short.namespaces ? { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...short.namespaces] }] } : {},
      objectSelector: {},
      resourceRules: short.kinds.map((kind) => kindRule(kind, resourceOf)),
      excludeResourceRules: [],
    },
    matchConditions: short.when ? [{ name: 'when', expression: { text: short.when, at: none } }] : [],
    variables: [],
    validations: [
      {
        expression: { text: short.assert, at: none },
        ...(short.message !== undefined ? { message: short.message } : {}),
        ...(short.messageExpression !== undefined ? { messageExpression: { text: short.messageExpression, at: none } } : {}),
        ...(short.at !== undefined ? { at: parseDottedPath(short.at) } : {}),
      },
    ],
    failurePolicy: 'Fail',
  };
  const binding: Binding = { name: short.id, policyName: short.id, validationActions: [short.severity === 'warn' ? 'Warn' : 'Deny'] };
  return { policy, binding };
}
