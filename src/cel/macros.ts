/**
 * The evaluator internals a macro works with (pinned @marcbachmann/cel-js 8.0.0): a macro handler runs at
 * parse time and returns `typeCheck` and `evaluate` hooks; variables are bound through overlay contexts,
 * the mechanism the evaluator's own `cel.bind` uses.
 */
import { celError } from './library.js';

export interface MacroNode {
  readonly op: string;
  readonly args: unknown;
}
export interface TypeLike {
  readonly kind?: string;
}
export interface Checker {
  check(node: MacroNode, ctx: MacroContext): TypeLike;
  getType(name: string): TypeLike;
}
export interface Evaluator {
  run(node: MacroNode, ctx: MacroContext): unknown;
  tryEval(node: MacroNode, ctx: MacroContext): unknown;
}
export interface MacroContext {
  forkWithVariable(name: string, type: TypeLike): MacroContext;
  reuse(parent: MacroContext): MacroContext;
  setIterValue(value: unknown, ev: Evaluator): MacroContext;
}
/** What the evaluator passes a macro handler when it parses a call. */
export interface MacroCall {
  readonly args: MacroNode[];
  readonly receiver: MacroNode;
}

/** The name of a macro's variable argument. */
export function variableName(node: MacroNode | undefined, macro: string): string {
  if (node?.op !== 'id') throw celError(`${macro}() variable names must be simple identifiers`);
  return node.args as string;
}
