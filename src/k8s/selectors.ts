import type { FieldPath } from '../util/field-path.js';
import { closestMatch } from '../util/suggest.js';
import { isLabelValue, isQualifiedName } from './dns.js';
import { isObject, stringMap, type PlainObject } from './objects.js';

export type Labels = Readonly<Record<string, string>>;

/**
 * Labels a pod gets beyond its template's, whose values are known only as a rule (a StatefulSet pod
 * name, a revision hash): for a key, whether it is added, which values it may take, and those values
 * in words.
 */
export interface AddedLabels {
  get(key: string): { accepts(value: string): boolean; readonly values: string } | undefined;
}

const NO_ADDED_LABELS: AddedLabels = { get: () => undefined };

/** A Service-style selector: every key must be present with the same value. An empty selector matches everything. */
export function matchesLabels(selector: Labels, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector)) if (labels[key] !== value) return false;
  return true;
}

/**
 * A metav1.LabelSelector (`matchLabels` and `matchExpressions`), as the API server evaluates it.
 * `{}` matches everything; a malformed expression matches nothing.
 */
export function matchesLabelSelector(selector: unknown, labels: Labels, added: AddedLabels = NO_ADDED_LABELS): boolean {
  if (!isObject(selector)) return false;
  for (const [key, value] of Object.entries(stringMap(selector['matchLabels']))) if (!hasLabel(labels, added, key, value)) return false;
  const expressions = selector['matchExpressions'];
  if (expressions === undefined) return true;
  if (!Array.isArray(expressions)) return false;
  return expressions.every((expression: unknown) => matchesExpression(expression, labels, added));
}

function hasLabel(labels: Labels, added: AddedLabels, key: string, value: string): boolean {
  return labels[key] === value || (added.get(key)?.accepts(value) ?? false);
}

/**
 * A string that two label selectors share exactly when matchesLabelSelector treats them alike: the
 * matchLabels strings, in order, and each expression's key, operator and string values. For keeping
 * results per distinct selector; it never throws, even on a selector that contains itself through a
 * YAML alias, and keeps apart values that JSON would merge (NaN and null).
 */
export function labelSelectorKey(selector: unknown): string {
  if (!isObject(selector)) return 'not a selector';
  const expressions = selector['matchExpressions'];
  const requirement = (expression: unknown): unknown => {
    if (!isObject(expression)) return null;
    const { key, operator, values } = expression;
    return [typeof key === 'string' ? key : null, typeof operator === 'string' ? operator : null, Array.isArray(values) ? values.filter((v) => typeof v === 'string') : []];
  };
  const requirements = expressions === undefined || expressions === null ? String(expressions) : Array.isArray(expressions) ? expressions.map(requirement) : 'not a list';
  return JSON.stringify([Object.entries(stringMap(selector['matchLabels'])), requirements]);
}

/**
 * One requirement. A label that is added with values known only as a rule matches `In` when one of the
 * values is one it may take, and `Exists`; `NotIn` holds for some pod unless the template fixes the
 * label to a listed value.
 */
function matchesExpression(expression: unknown, labels: Labels, added: AddedLabels): boolean {
  if (!isObject(expression) || typeof expression['key'] !== 'string') return false;
  const key = expression['key'];
  const values = Array.isArray(expression['values']) ? expression['values'].filter((v) => typeof v === 'string') : [];
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  const rule = added.get(key);
  switch (expression['operator']) {
    case 'In':
      return values.some((value) => hasLabel(labels, added, key, value));
    case 'NotIn':
      return rule !== undefined || !has || !values.includes(labels[key]!);
    case 'Exists':
      return has || rule !== undefined;
    case 'DoesNotExist':
      return !has && rule === undefined;
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

/**
 * Whether a metav1.LabelSelector selects everything: `{}`, or one with no matchLabels entries and no
 * matchExpressions. A missing selector (undefined or null) counts as `{}` where the API defaults it so
 * (NetworkPolicy `spec.podSelector`).
 */
export function isEmptyLabelSelector(selector: unknown): boolean {
  if (selector === undefined || selector === null) return true;
  if (!isObject(selector)) return false;
  const labels = selector['matchLabels'];
  const expressions = selector['matchExpressions'];
  const noLabels = labels === undefined || labels === null || (isObject(labels) && Object.keys(labels).length === 0);
  const noExpressions = expressions === undefined || expressions === null || (Array.isArray(expressions) && expressions.length === 0);
  return noLabels && noExpressions;
}

/** `app=web,tier in (a, b),!legacy`: a metav1.LabelSelector as `kubectl get -l` writes it; `{}` for the empty one. */
export function formatLabelSelector(selector: unknown): string {
  if (!isObject(selector)) return '{}';
  const parts = Object.entries(stringMap(selector['matchLabels'])).map(([key, value]) => `${key}=${value}`);
  const expressions = selector['matchExpressions'];
  if (Array.isArray(expressions)) for (const expression of expressions) parts.push(formatRequirement(expression));
  return parts.length === 0 ? '{}' : parts.join(',');
}

function formatRequirement(expression: unknown): string {
  if (!isObject(expression)) return '(malformed expression)';
  const key = typeof expression['key'] === 'string' ? expression['key'] : '?';
  const values = Array.isArray(expression['values']) ? expression['values'].map(String).join(', ') : '';
  switch (expression['operator']) {
    case 'In':
      return `${key} in (${values})`;
    case 'NotIn':
      return `${key} notin (${values})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    default:
      return `${key} ${typeof expression['operator'] === 'string' ? expression['operator'] : '(no operator)'}${values === '' ? '' : ` (${values})`}`;
  }
}

/**
 * What keeps `labels` (and the `added` ones) from matching a LabelSelector, in words (`have no label
 * tier`, `have app=web`, `get pod-name web-0 to web-2`, `fail tier in (a, b)`), with the path of the
 * failing requirement; empty when it matches.
 */
export function unmetRequirements(selector: unknown, labels: Labels, added: AddedLabels = NO_ADDED_LABELS): { readonly text: string; readonly path: FieldPath }[] {
  if (!isObject(selector)) return [];
  const unmet: { text: string; path: FieldPath }[] = [];
  for (const [key, value] of Object.entries(stringMap(selector['matchLabels']))) {
    if (hasLabel(labels, added, key, value)) continue;
    const rule = added.get(key);
    unmet.push({ text: rule ? `get ${key} ${rule.values}` : labels[key] === undefined ? `have no label ${key}` : `have ${key}=${labels[key]}`, path: ['matchLabels', key] });
  }
  const expressions = selector['matchExpressions'];
  if (Array.isArray(expressions)) {
    expressions.forEach((expression: unknown, i) => {
      if (!matchesExpression(expression, labels, added)) unmet.push({ text: `fail ${formatRequirement(expression)}`, path: ['matchExpressions', i] });
    });
  }
  return unmet;
}

/** A problem the API server reports for a LabelSelector, with its path relative to the selector. */
export interface SelectorProblem {
  readonly path: FieldPath;
  /** Whether the problem is the map key at `path` (a matchLabels key) or its value. */
  readonly target: 'key' | 'value';
  readonly message: string;
}

/**
 * The API server's `ValidateLabelSelector` (AllowInvalidLabelValueInSelector off, as on create):
 * matchLabels keys and values, and each expression's operator, values and key. Fields of the wrong
 * type are left to the schema rule.
 */
export function labelSelectorProblems(selector: unknown): SelectorProblem[] {
  if (!isObject(selector)) return [];
  const problems: SelectorProblem[] = [];
  const labels = selector['matchLabels'];
  if (isObject(labels)) {
    for (const [key, value] of Object.entries(labels)) {
      if (!isQualifiedName(key))
        problems.push({
          path: ['matchLabels', key],
          target: 'key',
          message: `label key "${key}" is not a valid label name (an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' or '.')`,
        });
      if (typeof value === 'string' && !isLabelValue(value))
        problems.push({
          path: ['matchLabels', key],
          target: 'value',
          message: `label value "${value}" is not valid (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`,
        });
    }
  }
  const expressions = selector['matchExpressions'];
  if (!Array.isArray(expressions)) return problems;
  expressions.forEach((expression: unknown, i) => {
    if (!isObject(expression)) return;
    const at = ['matchExpressions', i];
    const operator = expression['operator'];
    const values = expression['values'];
    const count = Array.isArray(values) ? values.length : 0;
    if (operator === 'In' || operator === 'NotIn') {
      if (count === 0) problems.push({ path: [...at, 'values'], target: 'value', message: `values must be given when the operator is ${operator}` });
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (count > 0) problems.push({ path: [...at, 'values'], target: 'value', message: `values must not be given when the operator is ${operator}` });
    } else if (typeof operator === 'string') {
      const hint = closestMatch(operator, SELECTOR_OPERATORS);
      problems.push({
        path: [...at, 'operator'],
        target: 'value',
        message: `operator "${operator}" is not a selector operator${hint ? ` (did you mean ${hint}?)` : ''}; use In, NotIn, Exists or DoesNotExist`,
      });
    }
    const key = expression['key'];
    if (typeof key === 'string' && !isQualifiedName(key)) problems.push({ path: [...at, 'key'], target: 'value', message: `key "${key}" is not a valid label name` });
    if (Array.isArray(values)) {
      values.forEach((value: unknown, j) => {
        if (typeof value === 'string' && !isLabelValue(value))
          problems.push({ path: [...at, 'values', j], target: 'value', message: `value "${value}" is not a valid label value` });
      });
    }
  });
  return problems;
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
