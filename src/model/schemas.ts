import type { SchemaError } from '../api/types.js';
import type { FieldPath } from '../util/field-path.js';
import { importModule } from '../util/import-module.js';
import { kindEntry } from './kinds.js';
import type { KubeObject } from './types.js';

export type SchemaValidator = (object: KubeObject) => readonly SchemaError[];

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const API_VERSION = /^(?:[a-z0-9][a-z0-9.-]*\/)?v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Loads the kubernetes-models validators for the given apiVersion/kind pairs, once each. Only the
 * models present in the input are imported, which keeps start-up fast. Pairs kubernetes-models
 * does not know (custom resources, typos in apiVersion) get no validator.
 */
export async function loadValidators(pairs: Iterable<{ apiVersion: string; kind: string }>): Promise<Map<string, SchemaValidator>> {
  const validators = new Map<string, SchemaValidator>();
  const wanted = new Map<string, { apiVersion: string; kind: string }>();
  for (const pair of pairs) {
    if (API_VERSION.test(pair.apiVersion) && KIND.test(pair.kind)) wanted.set(validatorKey(pair.apiVersion, pair.kind), pair);
  }
  await Promise.all(
    [...wanted].map(async ([key, { apiVersion, kind }]) => {
      const validator = await importValidator(apiVersion, kind);
      if (validator) validators.set(key, validator);
    }),
  );
  return validators;
}

export function validatorKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

async function importValidator(apiVersion: string, kind: string): Promise<SchemaValidator | undefined> {
  let model: { prototype?: { validate?: () => void } } | undefined;
  try {
    const entry = kindEntry(kind);
    model = entry?.model !== undefined && entry.apiVersions[0] === apiVersion ? await entry.model() : undefined;
    if (model === undefined) {
      const module = (await importModule(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, unknown>;
      model = module[kind] as typeof model;
    }
  } catch {
    return undefined;
  }
  const validate = model?.prototype?.validate;
  if (typeof validate !== 'function') return undefined;
  return (object) => {
    try {
      validate.call(object);
      return [];
    } catch (error) {
      const errors = (error as { errors?: AjvError[] }).errors;
      return Array.isArray(errors) ? errors.map((e) => toSchemaError(e, object)) : [];
    }
  };
}

function toSchemaError(error: AjvError, object: KubeObject): SchemaError {
  return {
    path: pointerToPath(error.instancePath, object),
    keyword: error.keyword,
    params: error.params,
    message: error.message ?? error.keyword,
  };
}

/**
 * `/spec/ports/0/nodePort` → `['spec', 'ports', 0, 'nodePort']` (JSON Pointer escapes undone). Given the
 * object, a numeric segment is an index only inside a list: `/data/8080` keeps the map key `'8080'`.
 */
function pointerToPath(pointer: string, object?: unknown): FieldPath {
  if (pointer === '') return [];
  let node: unknown = object;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => {
      const unescaped = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      const index = /^(0|[1-9]\d*)$/.test(unescaped) && (object === undefined || Array.isArray(node));
      const step = index ? Number(unescaped) : unescaped;
      node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[step] : undefined;
      return step;
    });
}
