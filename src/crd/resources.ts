/**
 * A custom resource as the API server judges it on create: its CRD's served version, the object
 * after defaulting, and the structural problems. Computed once per resource and shared by the rules
 * that report on it.
 */
import type { Settings } from '../api/types.js';
import type { Resource, ResourceIndex } from '../model/types.js';
import { applyDefaults } from './defaults.js';
import type { CrdDefinition, CrdVersion } from './definitions.js';
import { crdRegistry, type CrdLookup } from './registry.js';
import type { SchemaNode } from './schema.js';
import { validateResource, type StructuralProblem } from './structural.js';

export interface JudgedResource {
  readonly definition: CrdDefinition;
  readonly version: CrdVersion;
  readonly schema: SchemaNode;
  /** The object with the schema's defaults applied. */
  readonly defaulted: unknown;
  readonly problems: readonly StructuralProblem[];
}

const judged = new WeakMap<Resource, JudgedResource | undefined>();

/** The CRD that defines the resource's group and kind, if any (`unserved` when the version is not served). */
export function lookupCrd(resource: Resource, index: ResourceIndex, settings: Settings): CrdLookup {
  return crdRegistry(index, settings).lookup(resource.apiVersion, resource.object['kind'] as string);
}

/** The resource judged by its CRD; undefined when no CRD serves its group, version and kind, or the version has no schema. */
export function judgeCustomResource(resource: Resource, index: ResourceIndex, settings: Settings): JudgedResource | undefined {
  if (judged.has(resource)) return judged.get(resource);
  const found = lookupCrd(resource, index, settings);
  let result: JudgedResource | undefined;
  if (found.status === 'found' && found.version.schema !== undefined) {
    const schema = found.version.schema;
    const defaulted = applyDefaults(resource.object, schema);
    const problems = validateResource(defaulted, schema, { skipStatus: found.version.statusSubresource });
    result = { definition: found.definition, version: found.version, schema, defaulted, problems };
  }
  judged.set(resource, result);
  return result;
}
