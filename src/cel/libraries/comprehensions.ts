/**
 * cel-go's two-variable comprehensions (ext.TwoVarComprehensions; base.go: 1.32): `all`, `exists`,
 * `existsOne` with an index (or key) and a value variable, `transformList`, `transformMap`,
 * `transformMapEntry`. Written as macros on the evaluator's internal context API (the one `cel.bind` uses):
 * the range's variables are bound through two nested overlay contexts.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, type CelLibrary } from '../library.js';
import { variableName, type Checker, type Evaluator, type MacroCall, type MacroContext as Context, type MacroNode as Node, type TypeLike } from '../macros.js';
import { celEquals } from '../values.js';

interface Macro {
  receiver: Node;
  first: string;
  second: string;
  filter: Node | undefined;
  body: Node;
  outer?: Context;
  inner?: Context;
}

type Kind = 'all' | 'exists' | 'existsOne' | 'transformList' | 'transformMap' | 'transformMapEntry';

/** (index or key, value) pairs of a list or map, in order. */
function entries(range: unknown): [unknown, unknown][] {
  if (Array.isArray(range)) return range.map((value, i) => [BigInt(i), value]);
  if (range instanceof Map) return [...range.entries()];
  if (typeof range === 'object' && range !== null) return Object.entries(range);
  throw celError(`expression of type '${range === null ? 'null' : typeof range}' cannot be the range of a comprehension (must be a list or a map)`);
}

/** A map value, built as the evaluator builds map literals: an object whose keys are the keys' strings. */
function toMap(pairs: [unknown, unknown][]): unknown {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of pairs) out[String(k)] = v;
  return out;
}

function evaluate(kind: Kind, ev: Evaluator, macro: Macro, ctx: Context): unknown {
  const range = ev.run(macro.receiver, ctx);
  const outer = macro.outer!.reuse(ctx);
  const inner = macro.inner!.reuse(outer);
  const bind = (k: unknown, v: unknown): Context => (outer.setIterValue(k, ev), inner.setIterValue(v, ev));
  const pairs = entries(range);
  switch (kind) {
    case 'all':
    case 'exists': {
      // Errors are absorbed as in the one-variable macros: a decisive result wins over an error.
      const decisive = kind === 'exists';
      let error: Error | undefined;
      for (const [k, v] of pairs) {
        const result = ev.tryEval(macro.body, bind(k, v));
        if (result === decisive) return decisive;
        if (result instanceof Error) error ??= result;
        else if (typeof result !== 'boolean') error ??= celError(`${kind}() predicate must return bool`);
      }
      if (error) throw error;
      return !decisive;
    }
    case 'existsOne': {
      let count = 0;
      for (const [k, v] of pairs) {
        const result = ev.run(macro.body, bind(k, v));
        if (typeof result !== 'boolean') throw celError('existsOne() predicate must return bool');
        if (result) count++;
      }
      return count === 1;
    }
    default: {
      const out: [unknown, unknown][] = [];
      const list: unknown[] = [];
      for (const [k, v] of pairs) {
        const scope = bind(k, v);
        if (macro.filter) {
          const keep = ev.run(macro.filter, scope);
          if (typeof keep !== 'boolean') throw celError(`${kind}() filter must return bool`);
          if (!keep) continue;
        }
        const value = ev.run(macro.body, scope);
        if (kind === 'transformList') list.push(value);
        else if (kind === 'transformMap') out.push([k, value]);
        else {
          for (const entry of entries(value)) {
            if (out.some(([existing]) => celEquals(existing, entry[0]))) throw celError(`insert failed: key ${String(entry[0])} already exists`);
            out.push(entry);
          }
        }
      }
      return kind === 'transformList' ? list : toMap(out);
    }
  }
}

function register(env: Environment, kind: Kind, argCount: 3 | 4, resultType: string): void {
  const signature = `list.${kind}(${Array(argCount).fill('ast').join(', ')}): ${resultType}`;
  env.registerFunction(signature, ({ args, receiver }: MacroCall) => {
    const macro: Macro = {
      receiver,
      first: variableName(args[0], kind),
      second: variableName(args[1], kind),
      filter: argCount === 4 ? args[2] : undefined,
      body: args[argCount - 1]!,
    };
    if (macro.first === macro.second) throw celError(`${kind}() variable names must differ`);
    return {
      ...macro,
      typeCheck(checker: Checker, m: Macro, ctx: Context): TypeLike {
        checker.check(m.receiver, ctx);
        const dyn = checker.getType('dyn');
        m.outer = ctx.forkWithVariable(m.first, dyn);
        m.inner = m.outer.forkWithVariable(m.second, dyn);
        if (m.filter) checker.check(m.filter, m.inner);
        checker.check(m.body, m.inner);
        return checker.getType(resultType);
      },
      evaluate: (ev: Evaluator, m: Macro, ctx: Context) => evaluate(kind, ev, m, ctx),
    };
  });
}

export const comprehensionsLibrary: CelLibrary = {
  name: 'two-variable comprehensions',
  since: 32,
  register(env) {
    register(env, 'all', 3, 'bool');
    register(env, 'exists', 3, 'bool');
    register(env, 'existsOne', 3, 'bool');
    register(env, 'transformList', 3, 'list');
    register(env, 'transformList', 4, 'list');
    register(env, 'transformMap', 3, 'map');
    register(env, 'transformMap', 4, 'map');
    register(env, 'transformMapEntry', 3, 'map');
    register(env, 'transformMapEntry', 4, 'map');
  },
};
