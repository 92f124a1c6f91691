/** What a Kubernetes CEL library module provides: its registrations and the release that introduced it. */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';

export interface CelLibrary {
  readonly name: string;
  /** Kubernetes minor version (1.N → N) from which base.go adds the library; 0 = always. */
  readonly since: number;
  register(env: Environment): void;
}

/** A run-time error raised by a library function; the evaluator reports it with the call's position. */
export function celError(message: string): EvaluationError {
  return new EvaluationError(message);
}

/** A JS index from a CEL int argument, refusing values beyond the safe range. */
export function toIndex(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw celError(`index out of range: ${value}`);
  return Number(value);
}

/** Registers a namespace constant (`sets`, `strings`, `format`, `semver`) whose methods are the namespaced functions. */
export function registerNamespace(env: Environment, name: string, typeName: string): void {
  class Namespace {}
  Object.defineProperty(Namespace, 'name', { value: typeName });
  env.registerType(typeName, Namespace);
  env.registerConstant(name, typeName, new Namespace());
}
