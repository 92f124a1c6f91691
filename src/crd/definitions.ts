/**
 * CustomResourceDefinitions as validation reads them: for each group and kind, the served versions
 * with their `openAPIV3Schema`, and where the definition came from (a resource of the input or
 * config, or the bundled Gateway API release). Fields are untrusted: a malformed CRD yields what
 * can be read and nothing else.
 */
import type { FieldPath } from '../api/types.js';
import { isObject, stringField, valueAt } from '../k8s/objects.js';
import type { Resource } from '../model/types.js';
import { isSchemaNode, type SchemaNode } from './schema.js';

export interface CrdVersion {
  readonly name: string;
  readonly schema: SchemaNode | undefined;
  /** Where `openAPIV3Schema` sits inside the CRD resource, for findings about the schema itself. */
  readonly schemaPath: FieldPath;
  /** With a status subresource, `status` is reset on create, so what a manifest writes there is not validated. */
  readonly statusSubresource: boolean;
}

export interface CrdDefinition {
  readonly group: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Served versions only, in the CRD's order. */
  readonly versions: readonly CrdVersion[];
  /** `CRD widgets.example.com (crds/widget.yaml:3)` or `Gateway API v1.6.1`, for messages. */
  readonly origin: string;
  /** The CRD resource, when it is one of the input or context. */
  readonly resource?: Resource;
  /** Bundled with the linter (Gateway API): the cluster may run another release or channel. */
  readonly bundled?: boolean;
}

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/** The definition a CRD object declares, or undefined when it names no group and kind. */
export function readDefinition(crd: unknown, origin: string, resource?: Resource): CrdDefinition | undefined {
  if (!isObject(crd)) return undefined;
  const spec = valueAt(crd, ['spec']);
  if (!isObject(spec)) return undefined;
  const group = stringField(spec, 'group');
  const kind = valueAt(spec, ['names', 'kind']);
  if (group === undefined || typeof kind !== 'string' || kind === '') return undefined;
  const versions: CrdVersion[] = [];
  const list = spec['versions'];
  if (Array.isArray(list)) {
    list.forEach((version: unknown, i) => {
      if (!isObject(version) || version['served'] !== true || typeof version['name'] !== 'string') return;
      const schema = valueAt(version, ['schema', 'openAPIV3Schema']);
      versions.push({
        name: version['name'],
        schema: isSchemaNode(schema) ? schema : undefined,
        schemaPath: ['spec', 'versions', i, 'schema', 'openAPIV3Schema'],
        statusSubresource: isObject(valueAt(version, ['subresources', 'status'])),
      });
    });
  }
  return { group, kind, namespaced: spec['scope'] !== 'Cluster', versions, origin, ...(resource ? { resource } : {}) };
}
