/**
 * Checks a decoded JSON value against the Go type the controller unmarshals it into (a `Shape` of
 * the catalogue), with Go's `encoding/json` rules: struct fields match their JSON key
 * case-insensitively, unknown fields are ignored, `null` leaves a field unset, map keys are exact,
 * and a value of the wrong JSON type is an error. On top of the types, the shape carries the
 * controller's own validation (required fields, exactly-one-of, enums).
 */
import { isObject } from '../objects.js';
import type { Shape, StructShape } from './catalogue.js';

export interface ShapeProblem {
  /** Where, as `[0].forwardConfig.targetGroups[1]`; empty for the value itself. */
  readonly where: string;
  readonly problem: string;
}

export function checkShape(value: unknown, shape: Shape): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  visit(value, shape, '', problems);
  return problems;
}

function visit(value: unknown, shape: Shape, where: string, out: ShapeProblem[]): void {
  if (shape.type === 'any') return;
  if (value === null) {
    if (shape.type === 'array' && shape.minItems !== undefined) out.push({ where, problem: `must be a non-empty array, not null` });
    return;
  }
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') return void out.push({ where, problem: `must be a JSON string, not ${describe(value)}` });
      if (shape.minLength !== undefined && value.length < shape.minLength) return void out.push({ where, problem: 'must not be empty' });
      if (shape.enum && !shape.enum.includes(value)) out.push({ where, problem: `is "${value}"; it must be one of ${shape.enum.map((v) => `"${v}"`).join(', ')}` });
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return void out.push({ where, problem: `must be a JSON integer, not ${describe(value)}` });
      if ((shape.minimum !== undefined && value < shape.minimum) || (shape.maximum !== undefined && value > shape.maximum)) {
        out.push({ where, problem: `is ${value}; it must be within ${shape.minimum ?? '-∞'}-${shape.maximum ?? '∞'}` });
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push({ where, problem: `must be true or false, not ${describe(value)}` });
      return;
    case 'intOrString':
      if (typeof value === 'string') return;
      if (typeof value !== 'number' || !Number.isInteger(value)) out.push({ where, problem: `must be a port number or name, not ${describe(value)}` });
      return;
    case 'array': {
      if (!Array.isArray(value)) return void out.push({ where, problem: `must be a JSON array, not ${describe(value)}` });
      if (shape.minItems !== undefined && value.length < shape.minItems) out.push({ where, problem: 'must not be an empty array' });
      value.forEach((item, i) => visit(item, shape.items, `${where}[${i}]`, out));
      if (shape.weightsWhenMany && value.length > 1) {
        value.forEach((item, i) => {
          if (isObject(item) && field(item, shape.weightsWhenMany!) === undefined) {
            out.push({ where: `${where}[${i}]`, problem: `needs "${shape.weightsWhenMany}": with more than one target group every one must have a weight` });
          }
        });
      }
      return;
    }
    case 'map':
      if (!isObject(value)) return void out.push({ where, problem: `must be a JSON object, not ${describe(value)}` });
      for (const [key, item] of Object.entries(value)) visit(item, shape.values, `${where}[${JSON.stringify(key)}]`, out);
      return;
    case 'struct':
      if (!isObject(value)) return void out.push({ where, problem: `must be a JSON object, not ${describe(value)}` });
      visitStruct(value, shape, where, out);
      return;
  }
}

function visitStruct(value: Readonly<Record<string, unknown>>, shape: StructShape, where: string, out: ShapeProblem[]): void {
  const at = (name: string): string => (where === '' ? name : `${where}.${name}`);
  for (const [name, fieldShape] of Object.entries(shape.fields)) {
    const found = field(value, name);
    if (found !== undefined) visit(found, fieldShape, at(name), out);
  }
  const present = (name: string): boolean => field(value, name) !== undefined;
  const missing = (names: readonly string[] | undefined): void => {
    for (const name of names ?? []) if (!present(name)) out.push({ where: at(name), problem: 'is required' });
  };
  const exactlyOne = (groups: readonly (readonly string[])[] | undefined): void => {
    for (const group of groups ?? []) {
      const set = group.filter(present);
      if (set.length !== 1) {
        out.push({
          where,
          problem: `must set exactly one of ${group.map((g) => `"${g}"`).join(', ')}${set.length > 1 ? ` (it sets ${set.map((g) => `"${g}"`).join(' and ')})` : ''}`,
        });
      }
    }
  };
  missing(shape.required);
  exactlyOne(shape.exactlyOne);
  for (const name of shape.nonEmpty ?? []) {
    const found = field(value, name);
    if ((Array.isArray(found) || typeof found === 'string') && found.length === 0) out.push({ where: at(name), problem: 'must not be empty' });
  }
  for (const [name, needs] of Object.entries(shape.requires ?? {})) if (present(name)) missing(needs);
  if (shape.discriminator && shape.cases) {
    const tag = field(value, shape.discriminator);
    const rules = typeof tag === 'string' ? shape.cases[tag] : undefined;
    if (rules) {
      missing(rules.required);
      exactlyOne(rules.exactlyOne);
      for (const name of rules.forbidden ?? []) {
        if (present(name)) out.push({ where: at(name), problem: `is not allowed when ${shape.discriminator} is "${String(tag)}"` });
      }
    }
  }
}

/** A struct field the way Go finds it: an exact key first, then a case-insensitive match; null counts as unset. */
function field(object: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name] ?? undefined;
  const lower = name.toLowerCase();
  let found: unknown;
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) found = value;
  return found ?? undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
