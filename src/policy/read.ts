/** Reads ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects into the policy model. */
import type { FieldPath } from '../api/types.js';
import { isObject, stringField, type PlainObject } from '../k8s/objects.js';
import type { Resource } from '../model/types.js';
import type { Binding, MatchResources, NamedExpression, ParamRef, Policy, ResourceRule, Validation, ValidationAction } from './model.js';

export const POLICY_KIND = 'ValidatingAdmissionPolicy';
export const BINDING_KIND = 'ValidatingAdmissionPolicyBinding';
export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';
/** Where a validation's finding goes in the checked object, as a dotted path; kept on export so findings stay put. */
export const AT_ANNOTATION = 'policy.k8s-svc-lint.io/at';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** A policy object (any served version: v1, v1beta1, v1alpha1 share these fields). */
export function readPolicy(object: PlainObject, resource?: Resource): Policy {
  const spec = isObject(object['spec']) ? object['spec'] : {};
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  const annotations = isObject(metadata['annotations']) ? metadata['annotations'] : {};
  const atByIndex = parseAtAnnotation(annotations[AT_ANNOTATION]);
  const paramKind = isObject(spec['paramKind']) ? spec['paramKind'] : undefined;
  const validations: Validation[] = [];
  (Array.isArray(spec['validations']) ? spec['validations'] : []).forEach((v: unknown, i) => {
    if (!isObject(v) || typeof v['expression'] !== 'string') return;
    const at = atByIndex[i];
    validations.push({
      expression: { text: v['expression'], at: ['spec', 'validations', i, 'expression'] },
      ...(typeof v['message'] === 'string' ? { message: v['message'] } : {}),
      ...(typeof v['messageExpression'] === 'string' ? { messageExpression: { text: v['messageExpression'], at: ['spec', 'validations', i, 'messageExpression'] } } : {}),
      ...(typeof v['reason'] === 'string' ? { reason: v['reason'] } : {}),
      ...(at ? { at } : {}),
    });
  });
  return {
    name: stringField(metadata, 'name') ?? '',
    ...(resource ? { resource } : {}),
    ...(paramKind ? { paramKind: { apiVersion: stringField(paramKind, 'apiVersion') ?? '', kind: stringField(paramKind, 'kind') ?? '' } } : {}),
    ...(isObject(spec['matchConstraints']) ? { matchConstraints: readMatchResources(spec['matchConstraints']) } : {}),
    matchConditions: namedExpressions(spec['matchConditions'], ['spec', 'matchConditions']),
    variables: namedExpressions(spec['variables'], ['spec', 'variables']),
    validations,
    failurePolicy: spec['failurePolicy'] === 'Ignore' ? 'Ignore' : 'Fail',
  };
}

export function readBinding(object: PlainObject, resource?: Resource): Binding {
  const spec = isObject(object['spec']) ? object['spec'] : {};
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  const ref = isObject(spec['paramRef']) ? spec['paramRef'] : undefined;
  const paramRef: ParamRef | undefined = ref && {
    ...(typeof ref['name'] === 'string' ? { name: ref['name'] } : {}),
    ...(typeof ref['namespace'] === 'string' ? { namespace: ref['namespace'] } : {}),
    ...(isObject(ref['selector']) ? { selector: ref['selector'] } : {}),
    parameterNotFoundAction: ref['parameterNotFoundAction'] === 'Allow' ? 'Allow' : 'Deny',
  };
  const actions = strings(spec['validationActions']).filter((a): a is ValidationAction => a === 'Deny' || a === 'Warn' || a === 'Audit');
  return {
    name: stringField(metadata, 'name') ?? '',
    policyName: stringField(spec, 'policyName') ?? '',
    ...(resource ? { resource } : {}),
    ...(paramRef ? { paramRef } : {}),
    ...(isObject(spec['matchResources']) ? { matchResources: readMatchResources(spec['matchResources']) } : {}),
    validationActions: actions,
  };
}

function readMatchResources(match: PlainObject): MatchResources {
  return {
    namespaceSelector: match['namespaceSelector'] ?? {},
    objectSelector: match['objectSelector'] ?? {},
    resourceRules: resourceRules(match['resourceRules']),
    excludeResourceRules: resourceRules(match['excludeResourceRules']),
  };
}

function resourceRules(value: unknown): ResourceRule[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((rule) => ({
    apiGroups: strings(rule['apiGroups']),
    apiVersions: strings(rule['apiVersions']),
    resources: strings(rule['resources']),
    operations: strings(rule['operations']),
    resourceNames: strings(rule['resourceNames']),
    scope: typeof rule['scope'] === 'string' ? rule['scope'] : '*',
  }));
}

function namedExpressions(value: unknown, path: FieldPath): NamedExpression[] {
  if (!Array.isArray(value)) return [];
  const named: NamedExpression[] = [];
  value.forEach((entry: unknown, i) => {
    if (isObject(entry) && typeof entry['expression'] === 'string') {
      named.push({ name: typeof entry['name'] === 'string' ? entry['name'] : String(i), expression: { text: entry['expression'], at: [...path, i, 'expression'] } });
    }
  });
  return named;
}

/** `{"0": "spec.type", "2": "spec.ports"}`: per validation index, a dotted path (numbers are list indices). */
function parseAtAnnotation(value: unknown): Record<number, FieldPath> {
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (!isObject(parsed)) return {};
    const result: Record<number, FieldPath> = {};
    for (const [key, path] of Object.entries(parsed)) if (typeof path === 'string') result[Number(key)] = parseDottedPath(path);
    return result;
  } catch {
    return {};
  }
}

/** `spec.ports.0.port` → ['spec', 'ports', 0, 'port']. */
export function parseDottedPath(text: string): FieldPath {
  return text
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
