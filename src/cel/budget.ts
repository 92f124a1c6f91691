/**
 * Bounds on one evaluation. The evaluator has no cost limit of its own, so every AST node it evaluates
 * counts as a step, and results of `+` and function calls are checked for size: a runaway expression
 * (nested comprehensions over large lists, a string or list doubled in a chain of binds) ends in an
 * error instead of a hang or an out-of-memory crash. Kubernetes' exact cost model is not reproduced.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';

const STEP_LIMIT = 1_000_000;
const MAX_STRING_LENGTH = 10_000_000;
const MAX_LIST_LENGTH = 1_000_000;

interface EvaluatorLike {
  run(ast: AstLike, ctx: unknown): unknown;
}
interface AstLike {
  readonly op: string;
  evaluate(ev: EvaluatorLike, ast: AstLike, ctx: unknown): unknown;
}

class BudgetExceeded extends EvaluationError {}

export interface Budget {
  /**
   * Runs one evaluation. The step count starts from zero unless this evaluation runs inside another
   * (a lazily computed variable evaluated while an expression reads it): that one counts against the
   * outer budget. Returns why the budget ran out, if it did, even when `||` or `exists` absorbed the error.
   */
  run<T>(evaluation: () => T): { value: T; exceeded?: string };
}

const PROBE = 'k8sCelEvaluatorProbe';

/**
 * Installs the step counter on the environment's evaluator. The evaluator is reached through a macro
 * (macros receive it when evaluated), then its `run`, which evaluates every child node, is wrapped.
 */
export function installBudget(env: Environment, stepLimit = STEP_LIMIT): Budget {
  let evaluator: EvaluatorLike | undefined;
  env.registerFunction(`${PROBE}(ast): bool`, () => ({
    typeCheck: (checker: { getType(name: string): unknown }) => checker.getType('bool'),
    evaluate: (ev: EvaluatorLike) => ((evaluator = ev), true),
  }));
  env.evaluate(`${PROBE}(0)`);
  if (evaluator === undefined) throw new Error('CEL evaluator not reachable: the step budget cannot be installed');

  let steps = 0;
  let depth = 0;
  let exceeded: string | undefined;
  const fail = (message: string): never => {
    exceeded ??= message;
    throw new BudgetExceeded(message);
  };
  evaluator.run = function run(this: EvaluatorLike, ast: AstLike, ctx: unknown): unknown {
    if (++steps > stepLimit) fail(`evaluation exceeded the budget of ${stepLimit} steps`);
    const value = ast.evaluate(this, ast, ctx);
    if (ast.op === '+' || ast.op === 'rcall' || ast.op === 'call') {
      if (typeof value === 'string' ? value.length > MAX_STRING_LENGTH : Array.isArray(value) && value.length > MAX_LIST_LENGTH) {
        fail(`evaluation produced a ${typeof value === 'string' ? 'string' : 'list'} larger than the limit`);
      }
    }
    return value;
  };
  return {
    run(evaluation) {
      if (depth === 0) {
        steps = 0;
        exceeded = undefined;
      }
      depth++;
      try {
        const value = evaluation();
        return exceeded === undefined ? { value } : { value, exceeded };
      } finally {
        depth--;
      }
    },
  };
}
