/**
 * The Gateway API CRDs bundled under `schemas/gateway-api/<release>/crds.json` (written by
 * `scripts/gateway-api-crds.mjs` from the upstream release): the standard channel, plus the
 * experimental channel's TCPRoute, TLSRoute and UDPRoute. Read on first use, once per process.
 */
import { valueAt } from '../k8s/objects.js';
import { readPackageJson } from '../util/package-root.js';
import { readDefinition, type CrdDefinition } from './definitions.js';

/** The releases bundled; the first is the default. */
export const GATEWAY_API_RELEASES = ['v1.6.1'] as const;
export type GatewayApiRelease = (typeof GATEWAY_API_RELEASES)[number];
export const DEFAULT_GATEWAY_API_RELEASE: GatewayApiRelease = GATEWAY_API_RELEASES[0];

interface Bundle {
  readonly release: string;
  readonly crds: readonly unknown[];
}

const loaded = new Map<string, readonly CrdDefinition[]>();

export function gatewayApiDefinitions(release: string = DEFAULT_GATEWAY_API_RELEASE): readonly CrdDefinition[] {
  let definitions = loaded.get(release);
  if (definitions === undefined) {
    const bundle = readPackageJson<Bundle>(`schemas/gateway-api/${release}/crds.json`);
    definitions = bundle.crds.flatMap((crd) => {
      const channel = valueAt(crd, ['metadata', 'annotations', 'gateway.networking.k8s.io/channel']);
      const definition = readDefinition(crd, `Gateway API ${bundle.release} ${String(channel)} channel`);
      return definition ? [{ ...definition, bundled: true }] : [];
    });
    loaded.set(release, definitions);
  }
  return definitions;
}
