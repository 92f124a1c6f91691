import { defineRule, type FieldPath, type SchemaError } from '../src/api/types.js';
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
    messages: {
      type: '{{field}} must be {{expected}}, but it is {{actual}}{{hint}}',
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
      const field = formatFieldPath(error.path);
      const value = valueAt(resource.object, error.path);
      switch (error.keyword) {
        case 'type': {
          const expected = error.params['type'] as string | string[];
          report({ messageId: 'type', at: error.path, data: { field, ...describeType(expected, value) } });
          break;
        }
        case 'enum': {
          const allowed = (error.params['allowedValues'] as unknown[]).map(String);
          const suggestion = typeof value === 'string' ? closestMatch(value, allowed) : undefined;
          const data = { field, value: JSON.stringify(value), allowed: allowed.join(', ') };
          if (suggestion !== undefined) report({ messageId: 'enumSuggest', at: error.path, data: { ...data, suggestion } });
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
    const named = (key: string): boolean => typeof valueAt(metadata, [key]) === 'string' && valueAt(metadata, [key]) !== '';
    if (!named('name') && !named('generateName')) report({ messageId: 'nameRequired', at: ['metadata'] });
  },
});

/**
 * One error per field, the most telling one. An int-or-string field (`targetPort`) fails with a
 * `type: string`, a `type: integer` and a `oneOf` error; those become one type error naming both.
 */
function explainable(errors: readonly SchemaError[]): SchemaError[] {
  const byField = new Map<string, SchemaError[]>();
  for (const error of errors) {
    const key = JSON.stringify(error.path);
    byField.set(key, [...(byField.get(key) ?? []), error]);
  }
  const result: SchemaError[] = [];
  for (const group of byField.values()) {
    const types = group.filter((e) => e.keyword === 'type').map((e) => e.params['type'] as string);
    if (types.length > 1) result.push({ ...group[0]!, keyword: 'type', params: { type: types } });
    else result.push(...group.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf'));
  }
  return result;
}

const ARTICLE: Record<string, string> = { integer: 'an integer', string: 'a string', object: 'an object (a mapping)', array: 'a list', boolean: 'a boolean', number: 'a number' };

function describeType(expected: string | string[], value: unknown): { expected: string; actual: string; hint: string } {
  const wanted = (Array.isArray(expected) ? expected : [expected]).map((t) => ARTICLE[t] ?? t);
  const actual = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
  let hint = '';
  if (wanted.includes('a string') && (typeof value === 'boolean' || typeof value === 'number')) {
    hint = '; quote it (YAML reads unquoted yes/no/on/off as booleans and 0755 as an octal number)';
  } else if (wanted.includes('an integer') && typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    hint = '; remove the quotes';
  }
  return { expected: wanted.join(' or '), actual, hint };
}
