import { defineRule, type FieldPath, type SchemaError } from '../src/api/types.js';
import { filledBeforeValidation } from '../src/apiserver/defaults/accepted.js';
import { valueAt } from '../src/k8s/objects.js';
import { formatFieldPath } from '../src/k8s/paths.js';
import { closestMatch } from '../src/util/suggest.js';

export default defineRule({
  meta: {
    id: 'schema',
    description: 'Each field must have the type and value the Kubernetes API schema allows; the API server rejects anything else.',
    remediation: 'Change the field to the type or value named in the message.',
    category: 'schema',
    defaultSeverity: 'error',
    fixable: true,
    messages: {
      type: '{{field}} must be {{expected}}, but it is {{actual}}{{#quoteBoolean}}; quote the value (YAML reads unquoted true/false, yes/no and on/off as booleans){{/quoteBoolean}}{{#quoteNumber}}; quote the value (YAML reads it as a number, and a leading 0 as octal){{/quoteNumber}}{{#unquote}}; remove the quotes{{/unquote}}',
      enum: '{{field}} is {{value}}; it must be one of {{allowed}}',
      enumSuggest: '{{field}} is {{value}}; did you mean {{suggestion}}? It must be one of {{allowed}}',
      required: '{{field}} is required',
      nameRequired: 'metadata.name is required: the API server rejects an object without a name (or generateName)',
      invalid: '{{field}} {{message}}',
    },
    kinds: ['*'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { schemaErrors, report }) {
    const errors = schemaErrors(resource);
    if (errors === undefined) return;
    for (const error of explainable(errors)) {
      if (ownedElsewhere(resource.kind, error)) continue;
      const field = formatFieldPath(error.path);
      const value = valueAt(resource.object, error.path);
      // Defaulting fills it before the API server validates (`type: ""` is ClusterIP).
      if (filledBeforeValidation(resource.kind, error.path, error.keyword === 'required' ? error.params['missingProperty'] : value, error.keyword)) continue;
      switch (error.keyword) {
        case 'type': {
          const expected = error.params['type'] as string | string[];
          // `port: "80"` where only an integer is allowed: the quotes go (the API server refused the object).
          const fix =
            expected === 'integer' && typeof value === 'string' && /^(0|[1-9]\d{0,9})$/.test(value) && Number(value) <= 2147483647
              ? [{ op: 'set' as const, at: error.path, value: Number(value) }]
              : undefined;
          report({ messageId: 'type', at: error.path, data: { field, ...describeType(expected, value) }, ...(fix ? { fix } : {}) });
          break;
        }
        case 'enum': {
          const allowed = (error.params['allowedValues'] as unknown[]).map(String);
          const suggestion = typeof value === 'string' ? suggestEnum(error.path, value, allowed) : undefined;
          const data = { field, value: JSON.stringify(value), allowed: allowed.join(', ') };
          // Only a difference of letter case is fixed (`CLusterIP`, `tcp`): a nearer spelling may not be what was meant.
          const caseOnly =
            suggestion !== undefined &&
            allowed.filter((a) => a.toLowerCase() === (value as string).toLowerCase()).length === 1 &&
            suggestion.toLowerCase() === (value as string).toLowerCase();
          const fix = caseOnly ? [{ op: 'set' as const, at: error.path, value: suggestion }] : undefined;
          if (suggestion !== undefined) report({ messageId: 'enumSuggest', at: error.path, data: { ...data, suggestion }, ...(fix ? { fix } : {}) });
          else report({ messageId: 'enum', at: error.path, data });
          break;
        }
        case 'required': {
          const path = [...error.path, String(error.params['missingProperty'])];
          report({ messageId: 'required', at: path, data: { field: formatFieldPath(path) } });
          break;
        }
        default:
          report({ messageId: 'invalid', at: error.path, data: { field, message: error.message } });
      }
    }
    const metadata = valueAt(resource.object, ['metadata']);
    // A name of the wrong type (`name: 123`) is already a type error above; only a missing or empty one is reported here.
    const absent = (key: string): boolean => {
      const value = valueAt(metadata, [key]);
      return value === undefined || value === null || value === '';
    };
    if (absent('name') && absent('generateName')) {
      // Point at `name: ""` when it is there, else at the `metadata` key, rather than at the whole mapping.
      if (valueAt(metadata, ['name']) !== undefined) report({ messageId: 'nameRequired', at: ['metadata', 'name'] });
      else report({ messageId: 'nameRequired', at: ['metadata'], target: 'key' });
    }
  },
});

/**
 * One error per field, the most telling one. An int-or-string field (`targetPort`) fails with a
 * `type: string`, a `type: integer` and a `oneOf` error; those become one type error naming both.
 * A type error hides the other errors of its field (`nodePort: 30080.5` also fails `format: int32`).
 */
function explainable(errors: readonly SchemaError[]): SchemaError[] {
  const byField = new Map<string, SchemaError[]>();
  for (const error of errors) {
    const key = JSON.stringify(error.path);
    byField.set(key, [...(byField.get(key) ?? []), error]);
  }
  const result: SchemaError[] = [];
  for (const group of byField.values()) {
    const typeErrors = group.filter((e) => e.keyword === 'type');
    const types = typeErrors.map((e) => e.params['type'] as string);
    if (types.length > 1) result.push({ ...typeErrors[0]!, keyword: 'type', params: { type: types } });
    else if (typeErrors.length === 1)
      result.push(typeErrors[0]!); // a value of the wrong type also fails its format; say the type only
    else result.push(...group.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf'));
  }
  return result;
}

/**
 * Schema errors that a dedicated rule reports with a better message (and the same position); the
 * schema rule leaves them to it, so one mistake gives one finding.
 */
function ownedElsewhere(kind: string, error: SchemaError): boolean {
  // ingress-path: pathType is required in networking.k8s.io/v1.
  if (kind === 'Ingress' && error.keyword === 'required' && error.params['missingProperty'] === 'pathType') return true;
  // networkpolicy-ports: a protocol other than TCP, UDP or SCTP in a rule's ports.
  if (kind === 'NetworkPolicy' && error.keyword === 'enum' && error.path.at(-1) === 'protocol' && error.path.at(-3) === 'ports') return true;
  return false;
}

/** Application protocols written where the transport protocol goes (`protocol: HTTP` means TCP, not the nearer SCTP). */
const APPLICATION_PROTOCOL = /^(?:https?|http2|h2c?|grpcs?|wss?|tls)$/i;

function suggestEnum(path: FieldPath, value: string, allowed: readonly string[]): string | undefined {
  if (path.at(-1) === 'protocol' && APPLICATION_PROTOCOL.test(value) && allowed.includes('TCP')) return 'TCP';
  return closestMatch(value, allowed);
}

const ARTICLE: Record<string, string> = { integer: 'an integer', string: 'a string', object: 'an object (a mapping)', array: 'a list', boolean: 'a boolean', number: 'a number' };

/** What the `type` message says: the types, and which advice (at most one) applies. */
function describeType(expected: string | string[], value: unknown): { expected: string; actual: string; quoteBoolean: boolean; quoteNumber: boolean; unquote: boolean } {
  const wanted = (Array.isArray(expected) ? expected : [expected]).map((t) => ARTICLE[t] ?? t);
  const actual = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
  return {
    expected: wanted.join(' or '),
    actual,
    quoteBoolean: wanted.includes('a string') && typeof value === 'boolean',
    quoteNumber: wanted.includes('a string') && typeof value === 'number',
    unquote: wanted.includes('an integer') && typeof value === 'string' && /^\s*\d+\s*$/.test(value),
  };
}
