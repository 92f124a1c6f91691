import { isObject, stringMap, type PlainObject } from './objects.js';

export type Labels = Readonly<Record<string, string>>;

/** A Service-style selector: every key must be present with the same value. An empty selector matches everything. */
export function matchesLabels(selector: Labels, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector)) if (labels[key] !== value) return false;
  return true;
}

/**
 * A metav1.LabelSelector (`matchLabels` and `matchExpressions`), as the API server evaluates it.
 * `{}` matches everything; a malformed expression matches nothing.
 */
export function matchesLabelSelector(selector: unknown, labels: Labels): boolean {
  if (!isObject(selector)) return false;
  if (!matchesLabels(stringMap(selector['matchLabels']), labels)) return false;
  const expressions = selector['matchExpressions'];
  if (expressions === undefined) return true;
  if (!Array.isArray(expressions)) return false;
  return expressions.every((expression: unknown) => matchesExpression(expression, labels));
}

function matchesExpression(expression: unknown, labels: Labels): boolean {
  if (!isObject(expression) || typeof expression['key'] !== 'string') return false;
  const key = expression['key'];
  const values = Array.isArray(expression['values']) ? expression['values'].filter((v) => typeof v === 'string') : [];
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (expression['operator']) {
    case 'In':
      return has && values.includes(labels[key]!);
    case 'NotIn':
      return !has || !values.includes(labels[key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** A Service's selector, or undefined when it has none (`{}` also means none: its endpoints are managed by hand). */
export function serviceSelector(service: PlainObject): Labels | undefined {
  const spec = service['spec'];
  const selector = isObject(spec) ? spec['selector'] : undefined;
  if (!isObject(selector)) return undefined;
  const labels = stringMap(selector);
  return Object.keys(labels).length > 0 ? labels : undefined;
}

/** `app=web,tier=frontend` */
export function formatLabels(labels: Labels): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
