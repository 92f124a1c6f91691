import type { SeverityOrOff } from '../api/types.js';
import type { PodSourceEntry } from '../k8s/pod-sources.js';

export type RuleSetting = SeverityOrOff | [SeverityOrOff] | [SeverityOrOff, Record<string, unknown>];

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
}

export interface LoadedConfig {
  /** The file it came from; undefined when no file was found. */
  readonly path: string | undefined;
  /** Folder that relative patterns in the file are resolved against. */
  readonly baseDir: string;
  readonly config: ConfigFile;
}

/** Invalid configuration or options: reported in one line, exit code 2. */
export class ConfigError extends Error {}
