/** A Kubernetes minor release, the one whose API server verdicts the checks follow. */
export interface KubernetesVersion {
  readonly major: 1;
  readonly minor: number;
}

/** The newest release the checks were written against (see docs/api-validation.md). */
export const DEFAULT_KUBERNETES_VERSION = '1.35';
/** The oldest release whose verdicts the checks still tell apart. */
const OLDEST_MINOR = 16;

/** `1.34`, `v1.34` or `1.34.2` (the patch release does not change validation); undefined when it is not one of those. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const match = /^v?1\.(\d{1,3})(?:\.\d{1,4})?$/.exec(text.trim());
  if (!match) return undefined;
  const minor = Number(match[1]);
  return minor >= OLDEST_MINOR ? { major: 1, minor } : undefined;
}

export function formatKubernetesVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}

/** Whether `version` is `1.<minor>` or newer. */
export function atLeast(version: KubernetesVersion, minor: number): boolean {
  return version.minor >= minor;
}
