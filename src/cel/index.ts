/**
 * One CEL engine with Kubernetes' CEL environment, shared by CRD validation rules and admission policies.
 * The contract is documented in ./README.md. Nothing here throws to the caller.
 */
import { buildEnvironment, featuresFor, NEWEST_MINOR, OLDEST_MINOR, parseMinor, REPLACED_BUILTINS, type BuiltEnvironment } from './environment.js';
import { indexedHas, reads, regexLiterals, renameCalls, selectedPaths, type AstNode, type Read } from './ast.js';
import { regexProblem } from './libraries/regex.js';
import { cached } from '../util/maps.js';
import { toCel, toCelLazy, toPlain } from './values.js';

export { toCel, toPlain };
export { selectionKey, selectionOf, toCelSelected, valueKey, type Selection } from './selection.js';
export { AUTHORIZER_TYPE, OFFLINE_AUTHORIZER } from './libraries/authz.js';

/** Runtime values as the evaluator represents them (int as bigint, double as number, maps as objects, ...). */
type CelValue = unknown;

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

type CelResult = { ok: true; value: CelValue } | { ok: false; error: CelError };

export interface CelProgram {
  readonly expression: string;
  /** Evaluate with JSON-like plain values (numbers are converted to int/double as Kubernetes does). Never throws. */
  evaluate(activation: Readonly<Record<string, unknown>>): CelResult;
  /** Field paths the expression selects from `root` (e.g. 'object' → [['spec','ports'], ...]), in source order. */
  selectedPaths(root: string): readonly (readonly string[])[];
  /** Every selection from `root`, each marked when only its presence is tested (`has(root.a)`): what the expression reads of it. */
  reads(root: string): readonly Read[];
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

/** Environments by their options: building one registers every library (milliseconds), so equal options share one. */
const environments = new Map<string, CelEnvironment>();
const COMPILE_CACHE_LIMIT = 10_000;
/** Rewrites of one expression at most (each is one `has` call); beyond, the evaluator's error stands. */
const MAX_REWRITES = 32;

export function celEnvironment(options: CelEnvironmentOptions): CelEnvironment {
  const minor = minorFor(options.kubernetesVersion);
  const key = JSON.stringify([minor, Object.entries(options.variables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
  let env = environments.get(key);
  if (env === undefined) {
    env = newEnvironment(options.variables ?? {}, minor);
    environments.set(key, env);
  }
  return env;
}

function newEnvironment(variables: Readonly<Record<string, string>>, minor: number): CelEnvironment {
  const built = buildEnvironment(variables, featuresFor(minor));
  const cache = new Map<string, ReturnType<CelEnvironment['compile']>>();
  return {
    kubernetesVersion: `1.${minor}`,
    compile(expression) {
      let result = cache.get(expression);
      if (result === undefined) {
        result = compile(built, expression);
        if (cache.size >= COMPILE_CACHE_LIMIT) cache.clear(); // a long-running editor session keeps memory bounded
        cache.set(expression, result);
      }
      return result;
    },
  };
}

function compile(built: BuiltEnvironment, expression: string): ReturnType<CelEnvironment['compile']> {
  if (typeof expression !== 'string') return { ok: false, error: { message: 'expression must be a string' } };
  let parsed: Compiled;
  let originalOffset = (offset: number): number => offset;
  try {
    parsed = built.env.parse(expression);
    // Rewrite what the evaluator refuses but Kubernetes accepts, one construct at a time.
    for (let text = expression, rewrites = 0; rewrites < MAX_REWRITES; rewrites++) {
      const rewrite = indexedHas(text, parsed.ast);
      if (rewrite === undefined) break;
      const outer = originalOffset;
      originalOffset = (offset) => outer(rewrite.originalOffset(offset));
      text = rewrite.text;
      parsed = built.env.parse(text);
    }
  } catch (error) {
    return { ok: false, error: toCelError(error, originalOffset) };
  }
  const ast = parsed.ast as unknown as AstNode;
  if (built.features.validateRegexLiterals) {
    for (const literal of regexLiterals(ast)) {
      const problem = regexProblem(literal.args as string);
      if (problem !== undefined) return { ok: false, error: { message: problem, offset: originalOffset(literal.start) } };
    }
  }
  renameCalls(ast, REPLACED_BUILTINS);
  try {
    const checked = parsed.check();
    if (!checked.valid) return { ok: false, error: toCelError(checked.error, originalOffset) };
  } catch (error) {
    return { ok: false, error: toCelError(error, originalOffset) };
  }
  return { ok: true, program: program(built, expression, parsed, ast, originalOffset) };
}

function program(built: BuiltEnvironment, expression: string, run: Compiled, ast: AstNode, originalOffset: (offset: number) => number): CelProgram {
  const pathsByRoot = new Map<string, readonly (readonly string[])[]>();
  const readsByRoot = new Map<string, readonly Read[]>();
  return {
    expression,
    evaluate(activation) {
      try {
        const { value, exceeded } = built.budget.run(() => run(activationContext(activation)) as unknown);
        if (exceeded !== undefined) return { ok: false, error: { message: exceeded } };
        if (value instanceof Promise) return { ok: false, error: { message: 'asynchronous evaluation is not supported' } };
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toCelError(error, originalOffset) };
      }
    },
    selectedPaths: (root) => cached(pathsByRoot, root, () => selectedPaths(ast, root)),
    reads: (root) => cached(readsByRoot, root, () => reads(ast, root)),
  };
}

/**
 * The evaluator's context: each variable converted (once per object). A variable object with getters
 * (lazily computed policy `variables`) stays lazy: a getter runs when the expression first reads it.
 */
function activationContext(activation: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const context: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(activation)) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called on its own object below
    const getter = Object.getOwnPropertyDescriptor(activation, name)?.get;
    if (getter) {
      let memo: { value: unknown } | undefined;
      Object.defineProperty(context, name, { enumerable: true, get: () => (memo ??= { value: toCelLazy(getter.call(activation)) }).value });
    } else context[name] = toCelLazy(activation[name]);
  }
  return context;
}

/** Error messages name the functions as the user wrote them. */
function originalNames(message: string): string {
  let out = message;
  for (const [name, replacement] of Object.entries(REPLACED_BUILTINS)) out = out.replaceAll(replacement, name);
  return out;
}

function toCelError(error: unknown, originalOffset: (offset: number) => number = (offset) => offset): CelError {
  if (error instanceof Error) {
    const { summary, range } = error as Error & { summary?: string; range?: { start: number } };
    const message = originalNames(summary ?? error.message);
    return range?.start === undefined ? { message } : { message, offset: originalOffset(range.start) };
  }
  return { message: String(error) };
}
