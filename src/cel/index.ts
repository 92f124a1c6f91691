/**
 * One CEL engine with Kubernetes' CEL environment, shared by CRD validation rules and admission policies.
 * The contract is documented in ./README.md. Nothing here throws to the caller.
 */
import { buildEnvironment, featuresFor, NEWEST_MINOR, OLDEST_MINOR, parseMinor, type BuiltEnvironment } from './environment.js';
import { regexLiterals, renameMatches, selectedPaths, type AstNode } from './ast.js';
import { RE2_MATCHES, regexProblem } from './libraries/regex.js';
import { toCel, toPlain } from './values.js';

export { toCel, toPlain };
export { STEP_LIMIT } from './budget.js';

/** Runtime values as the evaluator represents them (int as bigint, double as number, maps as objects, ...). */
export type CelValue = unknown;

export interface CelError {
  readonly message: string;
  /** 0-based character offset in the expression. */
  readonly offset?: number;
}

export interface CelEnvironmentOptions {
  /** Top-level variables and their declared types ('dyn' when unknown), e.g. { self: 'dyn' }. */
  readonly variables: Readonly<Record<string, string>>;
  /** Kubernetes minor version whose CEL libraries are available, e.g. '1.34'; default the newest supported. */
  readonly kubernetesVersion?: string;
}

export type CelResult = { ok: true; value: CelValue } | { ok: false; error: CelError };

export interface CelProgram {
  readonly expression: string;
  /** Evaluate with JSON-like plain values (numbers are converted to int/double as Kubernetes does). Never throws. */
  evaluate(activation: Readonly<Record<string, unknown>>): CelResult;
  /** Field paths the expression selects from `root` (e.g. 'object' → [['spec','ports'], ...]), in source order. */
  selectedPaths(root: string): readonly (readonly string[])[];
}

export interface CelEnvironment {
  /** The Kubernetes minor version actually modelled, e.g. '1.34'. */
  readonly kubernetesVersion: string;
  /** Compile once; results are cached per environment by expression text. Never throws. */
  compile(expression: string): { ok: true; program: CelProgram } | { ok: false; error: CelError };
}

type Compiled = ReturnType<BuiltEnvironment['env']['parse']>;

/** The Kubernetes minor a version string selects: unparsable → newest, out of range → clamped. */
function minorFor(version: string | undefined): number {
  const minor = version === undefined ? undefined : parseMinor(version);
  if (minor === undefined) return NEWEST_MINOR;
  return Math.min(NEWEST_MINOR, Math.max(OLDEST_MINOR, minor));
}

export function celEnvironment(options: CelEnvironmentOptions): CelEnvironment {
  const minor = minorFor(options.kubernetesVersion);
  const built = buildEnvironment(options.variables, featuresFor(minor));
  const cache = new Map<string, ReturnType<CelEnvironment['compile']>>();
  return {
    kubernetesVersion: `1.${minor}`,
    compile(expression) {
      let result = cache.get(expression);
      if (result === undefined) {
        result = compile(built, expression);
        cache.set(expression, result);
      }
      return result;
    },
  };
}

function compile(built: BuiltEnvironment, expression: string): ReturnType<CelEnvironment['compile']> {
  let parsed: Compiled;
  try {
    if (typeof expression !== 'string') return { ok: false, error: { message: 'expression must be a string' } };
    parsed = built.env.parse(expression);
  } catch (error) {
    return { ok: false, error: toCelError(error) };
  }
  const ast = parsed.ast as unknown as AstNode;
  if (built.features.validateRegexLiterals) {
    for (const literal of regexLiterals(ast)) {
      const problem = regexProblem(literal.args as string);
      if (problem !== undefined) return { ok: false, error: { message: problem, offset: literal.start } };
    }
  }
  renameMatches(ast, RE2_MATCHES);
  try {
    const checked = parsed.check();
    if (!checked.valid) return { ok: false, error: toCelError(checked.error) };
  } catch (error) {
    return { ok: false, error: toCelError(error) };
  }
  return { ok: true, program: program(built, expression, parsed, ast) };
}

function program(built: BuiltEnvironment, expression: string, run: Compiled, ast: AstNode): CelProgram {
  const pathsByRoot = new Map<string, readonly (readonly string[])[]>();
  return {
    expression,
    evaluate(activation) {
      built.budget.reset();
      try {
        const value: unknown = run(activationContext(activation));
        if (built.budget.exceeded()) return { ok: false, error: { message: 'evaluation exceeded its budget' } };
        if (value instanceof Promise) return { ok: false, error: { message: 'asynchronous evaluation is not supported' } };
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toCelError(error) };
      }
    },
    selectedPaths(root) {
      let paths = pathsByRoot.get(root);
      if (paths === undefined) {
        paths = selectedPaths(ast, root);
        pathsByRoot.set(root, paths);
      }
      return paths;
    },
  };
}

/**
 * The evaluator's context: each variable converted (once per object). A variable object with getters
 * (lazily computed policy `variables`) stays lazy: each getter's result is converted when read.
 */
function activationContext(activation: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const context: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(activation)) {
    const descriptor = Object.getOwnPropertyDescriptor(activation, name);
    if (descriptor?.get) {
      Object.defineProperty(context, name, { enumerable: true, get: () => toCelLazy(descriptor.get!.call(activation)) });
    } else context[name] = toCelLazy(activation[name]);
  }
  return context;
}

function toCelLazy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return toCel(value);
  const descriptors = Object.getOwnPropertyDescriptors(value);
  if (!Object.values(descriptors).some((d) => d.get)) return toCel(value);
  const lazy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, d] of Object.entries(descriptors)) {
    let memo: { value: unknown } | undefined;
    const read = d.get ? () => d.get!.call(value) : () => d.value;
    Object.defineProperty(lazy, key, { enumerable: true, get: () => (memo ??= { value: toCel(read()) }).value });
  }
  return lazy;
}

function toCelError(error: unknown): CelError {
  if (error instanceof Error) {
    const { summary, range } = error as Error & { summary?: string; range?: { start: number } };
    const message = (summary ?? error.message).replaceAll(RE2_MATCHES, 'matches');
    return range?.start === undefined ? { message } : { message, offset: range.start };
  }
  return { message: String(error) };
}
