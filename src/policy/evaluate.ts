/**
 * Runs one policy for one object as the API server does on create (k8s.io/apiserver
 * pkg/admission/plugin/policy/validating validator.Validate): matchConditions, then every validation,
 * variables computed on first use and once.
 */
import type { FieldPath } from '../api/types.js';
import { isObject } from '../k8s/objects.js';
import { celValue, compile, NO_VARIABLES, OFFLINE_ACTIVATION, selectionOf, toPlain, type CelProgram, type Selection } from './cel.js';
import type { NamedExpression, Policy, PolicyExpression, Validation } from './model.js';

/** What evaluating a policy gave: nothing to say, or violations and evaluation errors. */
export type Outcome =
  | { readonly kind: 'violation'; readonly validation: Validation; readonly message: string; readonly at: FieldPath }
  | { readonly kind: 'error'; readonly expression: PolicyExpression; readonly message: string };

export interface Activation {
  readonly object: unknown;
  /** The whole object, when `object` holds only what the policy reads (see `readsOf`): where a violation is placed. */
  readonly wholeObject?: () => unknown;
  readonly params: unknown;
  readonly namespaceObject: unknown;
  readonly request: unknown;
}

type Result = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Evaluates `policy` for one object and one param (null when the policy has none); `skip` when a matchCondition is false. Never throws. */
export function evaluatePolicy(policy: Policy, activation: Activation): Outcome[] | 'skip' {
  const variables = lazyVariables(policy.variables, activation);
  const run = (expression: PolicyExpression): Result => {
    const compiled = compile(expression.text);
    if (!compiled.ok) return { ok: false, message: compiled.error.message };
    return runProgram(compiled.program, activation, variables);
  };

  for (const condition of policy.matchConditions) {
    const result = run(condition.expression);
    if (!result.ok) return [{ kind: 'error', expression: condition.expression, message: `matchCondition ${condition.name}: ${result.message}` }];
    if (result.value !== true) return 'skip';
  }

  const outcomes: Outcome[] = [];
  for (const validation of policy.validations) {
    const result = run(validation.expression);
    if (!result.ok) {
      outcomes.push({ kind: 'error', expression: validation.expression, message: result.message });
      continue;
    }
    if (result.value === true) continue;
    if (typeof result.value !== 'boolean') {
      outcomes.push({ kind: 'error', expression: validation.expression, message: `the expression gave ${typeName(result.value)}, not a bool` });
      continue;
    }
    const compiled = compile(validation.expression.text);
    const at = validation.at ?? (compiled.ok ? findingPath(compiled.program, activation, variables) : []);
    outcomes.push({ kind: 'violation', validation, message: messageOf(validation, run), at });
  }
  return outcomes;
}

/** messageExpression when it gives a non-empty string, else message, else the expression (as the API server words it). */
function messageOf(validation: Validation, run: (e: PolicyExpression) => Result): string {
  if (validation.messageExpression) {
    const result = run(validation.messageExpression);
    if (result.ok && typeof result.value === 'string' && result.value.trim() !== '') return result.value;
  }
  return validation.message ?? `failed expression: ${validation.expression.text}`;
}

interface Variables {
  /** The `variables` value for a program: each variable it names, computed once. */
  for(program: CelProgram): { readonly ok: true; readonly bound: Record<string, unknown> } | { readonly ok: false; readonly message: string };
}

const NONE: Variables = { for: () => ({ ok: true, bound: NO_VARIABLES as Record<string, unknown> }) };

function lazyVariables(declared: readonly NamedExpression[], activation: Activation): Variables {
  if (declared.length === 0) return NONE;
  const byName = new Map(declared.map((v) => [v.name, v]));
  const values = new Map<string, Result>();
  const inProgress = new Set<string>();
  const value = (name: string): Result => {
    const known = values.get(name);
    if (known) return known;
    const variable = byName.get(name);
    if (!variable) return { ok: false, message: `no such variable: ${name}` };
    if (inProgress.has(name)) return { ok: false, message: `variable ${name} refers to itself` };
    inProgress.add(name);
    const compiled = compile(variable.expression.text);
    const result: Result = compiled.ok ? runProgram(compiled.program, activation, variables) : { ok: false, message: compiled.error.message };
    inProgress.delete(name);
    values.set(name, result);
    return result;
  };
  const variables: Variables = {
    for(program) {
      const names = program.selectedPaths('variables');
      if (names.length === 0) return { ok: true, bound: NO_VARIABLES as Record<string, unknown> };
      const bound: Record<string, unknown> = {};
      for (const [name] of names) {
        if (name === undefined || name in bound) continue;
        const result = value(name);
        if (!result.ok) return { ok: false, message: `variables.${name}: ${result.message}` };
        bound[name] = result.value;
      }
      return { ok: true, bound: celValue(bound) as Record<string, unknown> };
    },
  };
  return variables;
}

function runProgram(program: CelProgram, activation: Activation, variables: Variables, object: unknown = activation.object): Result {
  const bound = variables.for(program);
  if (!bound.ok) return bound;
  // Only the variables the expression names: the engine prepares each one it is given.
  const given: Record<string, unknown> = {};
  for (const name of namesUsed(program))
    given[name] =
      name === 'object'
        ? object
        : name === 'variables'
          ? bound.bound
          : name in OFFLINE_ACTIVATION
            ? OFFLINE_ACTIVATION[name as keyof typeof OFFLINE_ACTIVATION]
            : activation[name as keyof Activation];
  const result = program.evaluate(given);
  return result.ok ? { ok: true, value: toPlain(result.value) } : { ok: false, message: result.error.message };
}

/** What the expressions of some policies read: the admission variables they name, and the fields of `object`. */
export interface Reads {
  readonly roots: ReadonlySet<string>;
  readonly object: Selection;
}

export function readsOf(policies: Iterable<Policy>): Reads {
  const roots = new Set<string>();
  const object: ReturnType<CelProgram['reads']>[number][] = [];
  for (const policy of policies) {
    const expressions = [
      ...policy.matchConditions.map((c) => c.expression),
      ...policy.variables.map((v) => v.expression),
      ...policy.validations.flatMap((v) => (v.messageExpression ? [v.expression, v.messageExpression] : [v.expression])),
    ];
    for (const expression of expressions) {
      const compiled = compile(expression.text);
      if (!compiled.ok) continue;
      for (const name of namesUsed(compiled.program)) roots.add(name);
      object.push(...compiled.program.reads('object'));
    }
  }
  return { roots, object: selectionOf(object) };
}

const ROOTS = ['object', 'oldObject', 'params', 'namespaceObject', 'request', 'authorizer', 'variables'] as const;
const namesCache = new WeakMap<CelProgram, readonly string[]>();

/** The admission variables an expression's text mentions (a superset of those it reads). */
function namesUsed(program: CelProgram): readonly string[] {
  let names = namesCache.get(program);
  if (!names) {
    names = ROOTS.filter((root) => new RegExp(`\\b${root}\\b`).test(program.expression));
    namesCache.set(program, names);
  }
  return names;
}

/**
 * The field a failing expression reads: the last `object.…` path it selects that exists. When that
 * is a list or map the expression quantifies over, the first element (or key) that fails on its own
 * is named.
 */
function findingPath(program: CelProgram, activation: Activation, variables: Variables): FieldPath {
  const paths = program.selectedPaths('object');
  const whole = activation.wholeObject?.() ?? activation.object;
  for (let i = paths.length - 1; i >= 0; i--) {
    const path = existingPrefix(whole, paths[i]!);
    if (path.length === 0) continue;
    return [...path, ...failingMember(program, activation, variables, whole, path)];
  }
  return [];
}

/** `[index]` or `[key]` of the first member of the collection at `path` that fails alone; `[]` if none does. */
function failingMember(program: CelProgram, activation: Activation, variables: Variables, whole: unknown, path: FieldPath): FieldPath {
  if (!/\.(all|exists|exists_one|existsOne|filter|map)\s*\(/.test(program.expression)) return [];
  const collection = valueAtPath(whole, path);
  const fails = (alone: unknown): boolean => {
    const result = runProgram(program, activation, variables, replaceAt(whole, path, alone));
    return result.ok && result.value === false;
  };
  if (Array.isArray(collection) && collection.length > 0) {
    const index = collection.findIndex((item) => fails([item]));
    return index < 0 ? [] : [index];
  }
  if (isObject(collection) && Object.keys(collection).length > 0) {
    const key = Object.keys(collection).find((k) => fails({ [k]: collection[k] }));
    return key === undefined ? [] : [key];
  }
  return [];
}

/** The longest prefix of `segments` present in `root`, list indices as numbers. */
function existingPrefix(root: unknown, segments: readonly string[]): FieldPath {
  const path: (string | number)[] = [];
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, segment)) {
      path.push(segment);
      node = node[segment];
    } else {
      break;
    }
  }
  return path;
}

function valueAtPath(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const segment of path) node = (node as Record<string | number, unknown>)[segment];
  return node;
}

/** A copy of `root` with the value at `path` replaced (only the objects on the way are copied). */
function replaceAt(root: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((item: unknown, i) => (i === head ? replaceAt(item, rest, value) : item));
  const object = root as Record<string, unknown>;
  return { ...object, [head as string]: replaceAt(object[head as string], rest, value) };
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}
