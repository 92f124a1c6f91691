/**
 * Structural validation of a custom resource against its CRD schema, after defaulting, as the API
 * server does it (apiextensions-apiserver `validation.ValidateCustomResource` with kube-openapi's
 * validators, plus strict field validation for unknown fields, kubectl's default): types, enums,
 * patterns, formats, lengths, bounds, item and property counts, required fields, list-type
 * uniqueness, embedded resources. Each problem names the field it is about.
 */
import type { FieldPath } from '../api/types.js';
import { isObject } from '../k8s/objects.js';
import { applyDefaults } from './defaults.js';
import { matchesFormat } from './formats.js';
import { compilePattern } from './patterns.js';
import { isSchemaNode, listOf, propertiesOf, type SchemaNode } from './schema.js';
import { MAX_DEPTH } from './walk.js';

export type StructuralProblem =
  | { readonly code: 'type'; readonly path: FieldPath; readonly expected: readonly string[]; readonly value: unknown }
  | { readonly code: 'enum'; readonly path: FieldPath; readonly value: unknown; readonly allowed: readonly unknown[] }
  | { readonly code: 'required'; readonly path: FieldPath }
  | { readonly code: 'unknownField'; readonly path: FieldPath; readonly known: readonly string[] }
  | { readonly code: 'pattern'; readonly path: FieldPath; readonly value: string; readonly pattern: string }
  | { readonly code: 'format'; readonly path: FieldPath; readonly value: string; readonly format: string }
  | { readonly code: 'duplicate'; readonly path: FieldPath; readonly value: unknown; readonly keys: readonly string[] | undefined }
  | { readonly code: 'invalid'; readonly path: FieldPath; readonly value: unknown; readonly message: string };

/** The fields every object has, whatever its schema says: validated by the API server itself, not by the CRD. */
const OBJECT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

export interface RootOptions {
  /** `status` is reset on create when the CRD has a status subresource. */
  readonly skipStatus: boolean;
}

/** Problems of a whole custom resource (already defaulted) against its version's `openAPIV3Schema`. */
export function validateResource(object: unknown, schema: SchemaNode, options: RootOptions): StructuralProblem[] {
  const problems: StructuralProblem[] = [];
  validateNode(object, schema, [], problems, { root: true, ...options });
  return problems;
}

interface NodeOptions {
  readonly root?: boolean;
  readonly skipStatus?: boolean;
}

function validateNode(value: unknown, schema: SchemaNode, path: FieldPath, out: StructuralProblem[], options: NodeOptions = {}): void {
  if (!isSchemaNode(schema) || path.length > MAX_DEPTH) return; // a malformed CRD: crd-definition's concern, not the resource's
  if (value === null) {
    if (!schema.nullable && (schema.type !== undefined || schema['x-kubernetes-int-or-string'])) out.push({ code: 'type', path, expected: expectedTypes(schema), value });
    return;
  }
  if (!typeMatches(value, schema)) {
    out.push({ code: 'type', path, expected: expectedTypes(schema), value });
    return;
  }
  checkValue(value, schema, path, out);
  for (const combined of listOf(schema.allOf).filter(isSchemaNode)) checkValue(value, combined, path, out);
  const anyOf = listOf(schema.anyOf).filter(isSchemaNode);
  if (anyOf.length && !anyOf.some((s) => passes(value, s, path))) out.push({ code: 'invalid', path, value, message: 'must match at least one of the schemas in anyOf' });
  const oneOf = listOf(schema.oneOf).filter(isSchemaNode);
  if (oneOf.length && oneOf.filter((s) => passes(value, s, path)).length !== 1)
    out.push({ code: 'invalid', path, value, message: 'must match exactly one of the schemas in oneOf' });
  if (isSchemaNode(schema.not) && passes(value, schema.not, path)) out.push({ code: 'invalid', path, value, message: 'must not match the schema in not' });

  if (Array.isArray(value)) {
    if (isSchemaNode(schema.items)) value.forEach((item: unknown, i) => validateNode(item, schema.items!, [...path, i], out));
    checkListType(value, schema, path, out);
  } else if (isObject(value)) {
    validateObject(value, schema, path, out, options);
  }
}

function validateObject(value: Readonly<Record<string, unknown>>, schema: SchemaNode, path: FieldPath, out: StructuralProblem[], options: NodeOptions): void {
  const properties = propertiesOf(schema);
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const implicit = options.root || embedded;
  for (const name of listOf(schema.required).filter((n) => typeof n === 'string')) {
    if (value[name] === undefined && !(options.root && name === 'status' && options.skipStatus)) out.push({ code: 'required', path: [...path, name] });
  }
  if (embedded) {
    for (const name of ['apiVersion', 'kind']) if (typeof value[name] !== 'string' || value[name] === '') out.push({ code: 'required', path: [...path, name] });
  }
  const additional = schema.additionalProperties;
  const openEnded = schema['x-kubernetes-preserve-unknown-fields'] === true || additional === true;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (options.root && key === 'status' && options.skipStatus) continue;
    if (implicit && key === 'metadata') {
      validateMetadata(child, properties['metadata'], childPath, out);
      continue;
    }
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property) validateNode(child, property, childPath, out);
    else if (isSchemaNode(additional)) validateNode(child, additional, childPath, out);
    else if (!openEnded && !(implicit && OBJECT_FIELDS.has(key))) out.push({ code: 'unknownField', path: childPath, known: Object.keys(properties) });
  }
}

/** In a CRD schema, `metadata` may only restrict `name` and `generateName`; the rest is ObjectMeta, validated by the API server. */
function validateMetadata(value: unknown, schema: SchemaNode | undefined, path: FieldPath, out: StructuralProblem[]): void {
  if (!isObject(value) || !isSchemaNode(schema)) return;
  for (const name of ['name', 'generateName']) {
    const property = propertiesOf(schema)[name];
    if (property && typeof value[name] === 'string') validateNode(value[name], property, [...path, name], out);
  }
}

/** Whether a value satisfies a subschema of allOf/anyOf/oneOf/not, which may also constrain nested fields (unknown fields aside). */
function passes(value: unknown, schema: unknown, path: FieldPath): boolean {
  if (!isSchemaNode(schema) || value === undefined || path.length > MAX_DEPTH) return true;
  if (value === null) return schema.nullable === true || schema.type === undefined;
  if (!typeMatches(value, schema)) return false;
  const out: StructuralProblem[] = [];
  checkValue(value, schema, path, out);
  if (out.length > 0) return false;
  if (!listOf(schema.allOf).every((s) => passes(value, s, path))) return false;
  const anyOf = listOf(schema.anyOf);
  if (anyOf.length > 0 && !anyOf.some((s) => passes(value, s, path))) return false;
  const oneOf = listOf(schema.oneOf);
  if (oneOf.length > 0 && oneOf.filter((s) => passes(value, s, path)).length !== 1) return false;
  if (schema.not !== undefined && passes(value, schema.not, path)) return false;
  if (isObject(value) && !Object.entries(propertiesOf(schema)).every(([key, property]) => passes(value[key], property, [...path, key]))) return false;
  if (Array.isArray(value) && isSchemaNode(schema.items)) return value.every((item: unknown, i) => passes(item, schema.items, [...path, i]));
  return true;
}

function typeMatches(value: unknown, schema: SchemaNode): boolean {
  if (schema['x-kubernetes-int-or-string']) return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
  switch (schema.type) {
    case undefined:
      return true;
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return true;
  }
}

function expectedTypes(schema: SchemaNode): string[] {
  if (schema['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return schema.type === undefined ? [] : [schema.type];
}

/** The checks on the value itself (not its children): enum, string, number, array and object limits. */
function checkValue(value: unknown, schema: SchemaNode, path: FieldPath, out: StructuralProblem[]): void {
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => deepEqual(allowed, value))) out.push({ code: 'enum', path, value, allowed: schema.enum });
  if (typeof value === 'string') {
    const length = [...value].length; // Go counts runes
    if (schema.maxLength !== undefined && length > schema.maxLength)
      out.push({ code: 'invalid', path, value, message: `may not be longer than ${schema.maxLength} characters (it has ${length})` });
    if (schema.minLength !== undefined && length < schema.minLength)
      out.push({ code: 'invalid', path, value, message: schema.minLength === 1 ? 'may not be empty' : `must be at least ${schema.minLength} characters long` });
    if (typeof schema.pattern === 'string') {
      const compiled = compilePattern(schema.pattern);
      if ('regexp' in compiled && !compiled.regexp.test(value)) out.push({ code: 'pattern', path, value, pattern: schema.pattern });
    }
    if (typeof schema.format === 'string' && !matchesFormat(schema.format, value)) out.push({ code: 'format', path, value, format: schema.format });
  } else if (typeof value === 'number') {
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      out.push({ code: 'invalid', path, value, message: `must be ${schema.exclusiveMaximum ? 'less than' : 'less than or equal to'} ${schema.maximum}` });
    }
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      out.push({ code: 'invalid', path, value, message: `must be ${schema.exclusiveMinimum ? 'greater than' : 'greater than or equal to'} ${schema.minimum}` });
    }
    if (schema.multipleOf !== undefined && schema.multipleOf > 0 && !Number.isInteger(value / schema.multipleOf))
      out.push({ code: 'invalid', path, value, message: `must be a multiple of ${schema.multipleOf}` });
  } else if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      out.push({ code: 'invalid', path, value, message: `must have at most ${schema.maxItems} items (it has ${value.length})` });
    if (schema.minItems !== undefined && value.length < schema.minItems)
      out.push({ code: 'invalid', path, value, message: `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}` });
  } else if (isObject(value)) {
    const count = Object.keys(value).length;
    if (schema.maxProperties !== undefined && count > schema.maxProperties)
      out.push({ code: 'invalid', path, value, message: `must have at most ${schema.maxProperties} entries (it has ${count})` });
    if (schema.minProperties !== undefined && count < schema.minProperties)
      out.push({ code: 'invalid', path, value, message: `must have at least ${schema.minProperties} entr${schema.minProperties === 1 ? 'y' : 'ies'}` });
  }
}

/** `x-kubernetes-list-type: set` items are unique; `map` items are unique by their `x-kubernetes-list-map-keys` (apiextensions `validation.ValidateListSetsAndMaps`). */
function checkListType(value: readonly unknown[], schema: SchemaNode, path: FieldPath, out: StructuralProblem[]): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'set' && listType !== 'map') return;
  const keys = listType === 'map' ? listOf(schema['x-kubernetes-list-map-keys']).filter((k) => typeof k === 'string') : undefined;
  const seen = new Set<string>();
  value.forEach((item: unknown, i) => {
    const identity = keys === undefined ? item : isObject(item) ? Object.fromEntries(keys.map((k) => [k, item[k]])) : undefined;
    if (identity === undefined) return;
    const text = canonical(identity);
    if (seen.has(text)) out.push({ code: 'duplicate', path: [...path, i], value: identity, keys });
    else seen.add(text);
  });
}

function canonical(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) return '…';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonical(item, depth + 1)).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k], depth + 1)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

function deepEqual(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b);
}

/** Problems of a value against one schema node (a `default` against its own schema), paths relative to the value. */
export function validateValue(value: unknown, schema: SchemaNode): StructuralProblem[] {
  const problems: StructuralProblem[] = [];
  validateNode(applyDefaults(value, schema), schema, [], problems);
  return problems;
}
