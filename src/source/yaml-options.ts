/**
 * Kubernetes decodes manifests with sigs.k8s.io/yaml (go-yaml v2), which follows YAML 1.1:
 * unquoted `yes`/`on` are booleans and `0755` is octal. Parse the same way, so that what we
 * check is what the API server receives.
 */
export const PARSE_OPTIONS = { version: '1.1', uniqueKeys: true, prettyErrors: false } as const;
