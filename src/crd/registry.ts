/**
 * Which CRD judges a resource: the CRDs of the input and of config (`crds:` globs, loaded as context)
 * first, then the bundled Gateway API release. A CRD in the input replaces the bundled one for its
 * group and kind (a cluster with the experimental channel installed, or another release).
 */
import type { Settings } from '../api/types.js';
import { GATEWAY_GROUP } from '../k8s/gateway.js';
import { apiGroup } from '../model/kinds.js';
import type { ResourceIndex } from '../model/types.js';
import { CRD_API_VERSION, readDefinition, type CrdDefinition, type CrdVersion } from './definitions.js';
import { DEFAULT_GATEWAY_API_RELEASE, gatewayApiDefinitions } from './gateway-api.js';
import { lookupView } from '../model/views.js';

export type CrdLookup =
  | { readonly status: 'found'; readonly definition: CrdDefinition; readonly version: CrdVersion }
  /** The group and kind are defined, but not served in this version: the API server has no such resource. */
  | { readonly status: 'unserved'; readonly definition: CrdDefinition }
  | { readonly status: 'unknown' };

export interface CrdRegistry {
  lookup(apiVersion: string, kind: string): CrdLookup;
}

/** The registry of a run, built once per index. */
export function crdRegistry(index: ResourceIndex, settings: Settings): CrdRegistry {
  const release = settings.gatewayAPIVersion ?? DEFAULT_GATEWAY_API_RELEASE;
  return index.view(REGISTRY)(release);
}

const REGISTRY = lookupView('CRD registry', (release: string) => [release], buildRegistry);

function buildRegistry(index: ResourceIndex, release: string): CrdRegistry {
  const byKind = new Map<string, CrdDefinition>();
  for (const resource of index.ofKind('CustomResourceDefinition')) {
    if (resource.apiVersion !== CRD_API_VERSION) continue;
    const definition = readDefinition(resource.object, `CRD ${resource.name}`, resource);
    if (definition) byKind.set(key(definition.group, definition.kind), definition); // the last one wins, as at apply time
  }
  let bundled: Map<string, CrdDefinition> | undefined;
  const bundledFor = (group: string, kind: string): CrdDefinition | undefined => {
    if (group !== GATEWAY_GROUP) return undefined;
    bundled ??= new Map(gatewayApiDefinitions(release).map((d) => [key(d.group, d.kind), d]));
    return bundled.get(key(group, kind));
  };
  return {
    lookup(apiVersion, kind) {
      const group = apiGroup(apiVersion);
      const definition = byKind.get(key(group, kind)) ?? bundledFor(group, kind);
      if (definition === undefined) return { status: 'unknown' };
      const name = apiVersion.slice(apiVersion.indexOf('/') + 1);
      const version = definition.versions.find((v) => v.name === name);
      return version ? { status: 'found', definition, version } : { status: 'unserved', definition };
    },
  };
}

function key(group: string, kind: string): string {
  return `${group}\u0000${kind}`;
}
