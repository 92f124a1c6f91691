/**
 * The parts of cel-go's optional types library (cel.OptionalTypes; base.go: 1.28) that the evaluator lacks:
 * `optional.ofNonZeroValue`, the `optMap` and `optFlatMap` macros, and equality of optionals.
 */
import { Optional } from '@marcbachmann/cel-js';
import { celError, type CelLibrary } from '../library.js';
import { variableName, type Checker, type Evaluator, type MacroCall, type MacroContext, type MacroNode } from '../macros.js';
import { celEquals } from '../values.js';

/** cel-go's zero values: null, false, 0, 0u, 0.0, '', b'', empty lists and maps. */
function isZero(value: unknown): boolean {
  if (value === null || value === false || value === '' || value === 0 || value === 0n) return true;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) return Object.keys(value).length === 0;
    if (value.constructor?.name === 'UnsignedInt') return (value as { value: bigint }).value === 0n;
  }
  return false;
}

function optionalEquals(a: Optional, b: Optional): boolean {
  if (!a.hasValue() || !b.hasValue()) return a.hasValue() === b.hasValue();
  return celEquals(a.value(), b.value());
}

interface OptMacro {
  receiver: MacroNode;
  variable: string;
  body: MacroNode;
  scope?: MacroContext;
}

/** `opt.optMap(x, expr)` and `opt.optFlatMap(x, expr)`: expr with x bound to the value, when there is one. */
function registerMapMacro(env: Parameters<CelLibrary['register']>[0], name: 'optMap' | 'optFlatMap'): void {
  env.registerFunction(`optional.${name}(ast, ast): optional<dyn>`, ({ args, receiver }: MacroCall) => ({
    receiver,
    variable: variableName(args[0], name),
    body: args[1]!,
    typeCheck(checker: Checker, m: OptMacro, ctx: MacroContext) {
      checker.check(m.receiver, ctx);
      m.scope = ctx.forkWithVariable(m.variable, checker.getType('dyn'));
      checker.check(m.body, m.scope);
      return checker.getType('optional<dyn>');
    },
    evaluate(ev: Evaluator, m: OptMacro, ctx: MacroContext) {
      const opt = ev.run(m.receiver, ctx);
      if (!(opt instanceof Optional)) throw celError(`${name}() must be called on an optional value`);
      if (!opt.hasValue()) return Optional.none();
      const result = ev.run(m.body, m.scope!.reuse(ctx).setIterValue(opt.value(), ev));
      if (name === 'optMap') return Optional.of(result);
      if (!(result instanceof Optional)) throw celError('optFlatMap() expression must return an optional value');
      return result;
    },
  }));
}

export const optionalsLibrary: CelLibrary = {
  name: 'optionals',
  since: 28,
  register(env) {
    env.registerFunction('OptionalNamespace.ofNonZeroValue(dyn): optional<dyn>', (_: unknown, value: unknown) => (isZero(value) ? Optional.none() : Optional.of(value)));
    env.registerOperator('optional == optional', optionalEquals);
    registerMapMacro(env, 'optMap');
    registerMapMacro(env, 'optFlatMap');
  },
};
