/**
 * The `x-kubernetes-validations` rules of a CRD schema, evaluated as the API server does on create
 * (apiextensions-apiserver `schema/cel.Validator`): at every schema node that declares rules and has a
 * value, with `self` bound to that value. Transition rules (those reading `oldSelf`) have no old object
 * on create and are skipped. A rule that fails reports its `message` (or `messageExpression`) at its
 * `fieldPath`, or else at the node; a rule that cannot be evaluated is a finding too. Expressions compile
 * once per run in one environment.
 */
import type { FieldPath } from '../api/types.js';
import { celEnvironment, toPlain, type CelEnvironment, type CelError } from '../cel/index.js';
import { isObject } from '../k8s/objects.js';
import { MAX_DEPTH } from './walk.js';
import { isSchemaNode, propertiesOf, type SchemaNode, type ValidationRule } from './schema.js';

let environment: CelEnvironment | undefined;

function compile(expression: string): ReturnType<CelEnvironment['compile']> {
  environment ??= celEnvironment({ variables: { self: 'dyn', oldSelf: 'dyn' } });
  return environment.compile(expression);
}

export interface RuleCompileError {
  /** Path from the schema node: `['x-kubernetes-validations', 0, 'rule']`. */
  readonly at: FieldPath;
  readonly message: string;
  readonly inValue?: { readonly line: number; readonly column: number; readonly length: number };
}

/** The rules and message expressions of a schema node that do not compile. */
export function ruleCompileErrors(node: SchemaNode): RuleCompileError[] {
  const errors: RuleCompileError[] = [];
  const rules = node['x-kubernetes-validations'];
  if (!Array.isArray(rules)) return errors;
  rules.forEach((rule: unknown, i) => {
    if (!isObject(rule)) return;
    for (const field of ['rule', 'messageExpression'] as const) {
      const expression = rule[field];
      if (expression === undefined) continue;
      const at = ['x-kubernetes-validations', i, field];
      if (typeof expression !== 'string') {
        errors.push({ at, message: 'it must be a string' });
        continue;
      }
      const compiled = compile(expression);
      if (!compiled.ok) errors.push({ at, message: compiled.error.message, ...placeIn(expression, compiled.error) });
    }
  });
  return errors;
}

/** Where a CEL error sits in its expression: line and column of the offending character. */
function placeIn(expression: string, error: CelError): { inValue?: RuleCompileError['inValue'] } {
  if (error.offset === undefined || error.offset < 0 || error.offset > expression.length) return {};
  // An error at the end (an expression cut short) points at its last character.
  const offset = Math.min(error.offset, Math.max(0, expression.trimEnd().length - 1));
  const before = expression.slice(0, offset);
  const line = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return { inValue: { line, column, length: Math.max(1, Math.min(tokenLength(expression, offset), expression.length - offset)) } };
}

function tokenLength(expression: string, offset: number): number {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(offset))?.[0].length ?? 1;
}

export type RuleOutcome =
  /** The rule returned false. */
  | {
      readonly kind: 'failed';
      readonly at: FieldPath;
      readonly message: string;
      readonly rule: string;
      readonly reason: string | undefined;
      /** The fields the rule reads (`self.type` at `spec.x` → `spec.x.type`). */
      readonly reads: readonly FieldPath[];
    }
  /** The rule could not be evaluated (an error, or a value that is not a boolean). */
  | { readonly kind: 'error'; readonly at: FieldPath; readonly message: string; readonly rule: string };

export interface RuleOptions {
  /** Skip the root's `status` (reset on create when the CRD has a status subresource). */
  readonly skipStatus: boolean;
}

/** Every failing or broken rule for a defaulted custom resource, in document order. */
export function evaluateRules(object: unknown, schema: SchemaNode, options: RuleOptions): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  visit(object, schema, [], outcomes, options);
  return outcomes;
}

function visit(value: unknown, schema: SchemaNode, path: FieldPath, out: RuleOutcome[], root?: RuleOptions): void {
  if (value === undefined || value === null || !isSchemaNode(schema) || path.length > MAX_DEPTH) return;
  const rules = schema['x-kubernetes-validations'];
  if (Array.isArray(rules)) for (const rule of rules) if (isObject(rule)) evaluateRule(rule, value, path, out);
  if (Array.isArray(value)) {
    if (isSchemaNode(schema.items)) value.forEach((item: unknown, i) => visit(item, schema.items as SchemaNode, [...path, i], out));
  } else if (isObject(value)) {
    const properties = propertiesOf(schema);
    const additional = isSchemaNode(schema.additionalProperties) ? schema.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
      if (root && (key === 'metadata' || (key === 'status' && root.skipStatus))) continue;
      const childSchema = Object.hasOwn(properties, key) ? properties[key] : additional;
      if (childSchema) visit(child, childSchema, [...path, key], out);
    }
  }
}

const OLD_SELF = /\boldSelf\b/;
const STRING_LITERALS = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;

function evaluateRule(rule: ValidationRule, self: unknown, path: FieldPath, out: RuleOutcome[]): void {
  const expression = rule.rule;
  if (typeof expression !== 'string') return;
  // A transition rule compares with the stored object; on create there is none.
  if (shapeOf(expression).transition) return;
  const compiled = compile(expression);
  if (!compiled.ok) return; // reported on the CRD (crd-definition)
  const result = compiled.program.evaluate({ self });
  if (!result.ok) {
    out.push({ kind: 'error', at: path, message: result.error.message, rule: expression });
    return;
  }
  if (typeof result.value !== 'boolean') {
    out.push({ kind: 'error', at: path, message: `it returned ${describeResult(toPlain(result.value))}, not a boolean`, rule: expression });
    return;
  }
  if (result.value) return;
  const at = rule.fieldPath === undefined ? path : [...path, ...parseFieldPath(rule.fieldPath)];
  const message = failureMessage(rule, self, expression);
  // A list rule `self.all(x, ...)` that reads nothing else of the list is about the items it fails for: point at each.
  if (rule.fieldPath === undefined && Array.isArray(self) && shapeOf(expression).perItem) {
    const failing = self.flatMap((item: unknown, i) => {
      const verdict = compiled.program.evaluate({ self: [item] });
      return verdict.ok && verdict.value === false ? [i] : [];
    });
    if (failing.length > 0) {
      for (const i of failing) out.push({ kind: 'failed', at: [...path, i], message, rule: expression, reason: rule.reason, reads: [] });
      return;
    }
  }
  // `self` used bare (a list-wide rule) reads everything below; only named fields count.
  const reads = compiled.program
    .selectedPaths('self')
    .filter((selected) => selected.length > 0)
    .map((selected) => [...path, ...selected]);
  out.push({ kind: 'failed', at, message, rule: expression, reason: rule.reason, reads });
}

const shapes = new Map<string, { readonly transition: boolean; readonly perItem: boolean }>();

/** What the text of a rule says about how to run it, worked out once per expression. */
function shapeOf(expression: string): { readonly transition: boolean; readonly perItem: boolean } {
  let shape = shapes.get(expression);
  if (shape === undefined) {
    shape = { transition: OLD_SELF.test(expression.replace(STRING_LITERALS, '""')), perItem: isPerItem(expression) };
    shapes.set(expression, shape);
  }
  return shape;
}

/** `self.all(x, P)` as the whole rule, with `self` nowhere in P. */
function isPerItem(expression: string): boolean {
  const text = expression.trim();
  const head = /^self\s*\.\s*all\s*\(/.exec(text);
  if (!head) return false;
  const open = head[0].length - 1;
  if (matchingParen(text, open) !== text.length - 1) return false;
  return !/\bself\b/.test(text.slice(open).replace(STRING_LITERALS, '""'));
}

/** `messageExpression` when it gives a non-empty one-line string, else `message`, else Kubernetes' default. */
function failureMessage(rule: ValidationRule, self: unknown, expression: string): string {
  if (typeof rule.messageExpression === 'string') {
    const compiled = compile(rule.messageExpression);
    if (compiled.ok) {
      const result = compiled.program.evaluate({ self });
      const text = result.ok ? toPlain(result.value) : undefined;
      if (typeof text === 'string' && text.trim() !== '' && !text.includes('\n')) return text;
    }
  }
  if (typeof rule.message === 'string' && rule.message !== '') return rule.message;
  return `failed rule: ${expression}`;
}

function describeResult(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `${typeof value} ${String(value)}`;
}

/** `.spec.ports`, `.metadata['a.b']`, `.items[0]` → path segments; what does not parse is left out. */
export function parseFieldPath(text: string): FieldPath {
  const path: (string | number)[] = [];
  const token = /\.([A-Za-z_$][\w$-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[(\d+)\]/y;
  let match: RegExpExecArray | null;
  while ((match = token.exec(text)) !== null) {
    if (match[1] !== undefined) path.push(match[1]);
    else if (match[2] !== undefined) path.push(match[2].replace(/\\(.)/g, '$1'));
    else if (match[3] !== undefined) path.push(match[3].replace(/\\(.)/g, '$1'));
    else path.push(Number(match[4]));
  }
  return path;
}

const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/y;

/** The index of the `)` closing the `(` at `open`, skipping string literals; undefined when unbalanced. */
function matchingParen(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    STRING.lastIndex = i;
    const literal = STRING.exec(text);
    if (literal) {
      i += literal[0].length - 1;
      continue;
    }
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return undefined;
}
