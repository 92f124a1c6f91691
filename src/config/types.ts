import type { SeverityOrOff } from '../api/types.js';

/** A severity as written: `off | warn | error`, or `warning` and ESLint's `0 | 1 | 2`. */
export type SeverityInput = SeverityOrOff | 'warning' | 0 | 1 | 2;

export type RuleSetting = SeverityInput | [SeverityInput] | [SeverityInput, Record<string, unknown>];

/** The configuration file's shape (schemas/config.schema.json). */
export interface ConfigFile {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly nodePortRange?: string;
  readonly defaultNamespace?: string;
  readonly strictReferences?: boolean;
  readonly ignorePatterns?: readonly string[];
  /** Globs of files loaded for references but not reported on. */
  readonly context?: readonly string[];
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
