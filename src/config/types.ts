import type { SeverityOrOff } from '../api/types.js';
import type { PodSourceEntry } from '../k8s/pod-sources.js';
import type { ShortPolicy } from '../policy/short-form.js';

/** A severity as written: `off | warn | error`, or `warning` and ESLint's `0 | 1 | 2`. */
export type SeverityInput = SeverityOrOff | 'warning' | 0 | 1 | 2;

export type RuleSetting = SeverityInput | [SeverityInput] | [SeverityInput, Record<string, unknown>];

/** The configuration file's shape (schemas/config.schema.json). */
export interface ConfigFile {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly nodePortRange?: string;
  /** The Kubernetes release whose API server verdicts the checks follow, such as "1.35". */
  readonly kubernetesVersion?: string;
  readonly defaultNamespace?: string;
  readonly strictReferences?: boolean;
  readonly ignorePatterns?: readonly string[];
  /** Globs of files loaded for references but not reported on. */
  readonly context?: readonly string[];
  /** Custom resources that make pods, beyond the catalogue (schemas/pod-sources.json). */
  readonly podSources?: readonly PodSourceEntry[];
  /** Policy files (globs of ValidatingAdmissionPolicy manifests, relative to the config's folder) and short-form policies. */
  readonly policies?: readonly (string | ShortPolicy)[];
  /** Labels of namespaces the input holds no Namespace object for, by namespace name (for namespaceSelector). */
  readonly namespaces?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Globs of CRDs whose custom resources are validated; read, not reported on. */
  readonly crds?: readonly string[];
  /** The bundled Gateway API release (`v1.6.1`). */
  readonly gatewayAPIVersion?: string;
}

export interface LoadedConfig {
  /** The file it came from; undefined when no file was found. */
  readonly path: string | undefined;
  /** Folder that relative patterns in the file are resolved against. */
  readonly baseDir: string;
  readonly config: ConfigFile;
  /** The file's text, to point at a line in an error (an unknown rule). */
  readonly text?: string;
}

/** Invalid configuration or options: reported in one line, exit code 2. */
export class ConfigError extends Error {}
