import type { SeverityOrOff } from '../api/types.js';

export type RuleSetting = SeverityOrOff | [SeverityOrOff] | [SeverityOrOff, Record<string, unknown>];

/** The configuration file's shape (schemas/config.schema.json). */
export interface ConfigFile {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly nodePortRange?: string;
  readonly defaultNamespace?: string;
  readonly strictReferences?: boolean;
  readonly ignorePatterns?: readonly string[];
  /** Globs of files loaded for references but not reported on. */
  readonly context?: readonly string[];
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
}

/** Invalid configuration or options: reported in one line, exit code 2. */
export class ConfigError extends Error {}
