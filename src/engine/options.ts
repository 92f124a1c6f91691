import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../apiserver/version.js';
import { Ajv, type ValidateFunction } from 'ajv';
import type { RuleMeta, Settings, SeverityOrOff } from '../api/types.js';
import { describeSchemaError } from '../config/load.js';
import { lineOfKey } from '../config/load.js';
import { parseSeverity } from '../config/severity.js';
import { ConfigError, type ConfigFile, type LoadedConfig, type RuleSetting, type SeverityInput } from '../config/types.js';
import { terminalText } from '../format/sanitize.js';
import { isObject as isPlainObject } from '../k8s/objects.js';
import { closestMatch } from '../util/suggest.js';

export interface RuleConfig {
  readonly severity: 0 | 1 | 2;
  readonly options: unknown;
}

const SEVERITY = { off: 0, warn: 1, error: 2 } as const;
const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const validators = new WeakMap<object, ValidateFunction>();

/**
 * Each rule's severity and options: the rule's defaults, then the config file, then `--rule`
 * overrides. Options are validated against the rule's schema and merged over its defaults.
 * An unknown rule id or invalid options is a ConfigError; `origin` (the loaded config file) lets an
 * unknown rule's error name the file and line.
 */
export function resolveRuleConfigs(
  metas: readonly RuleMeta[],
  fileRules: ConfigFile['rules'],
  overrides: Readonly<Record<string, SeverityOrOff>> = {},
  origin?: Pick<LoadedConfig, 'path' | 'text'>,
): Map<string, RuleConfig> {
  const byId = new Map(metas.map((meta) => [meta.id, meta]));
  const unknown = (id: string, where: string): ConfigError => {
    const hint = closestMatch(id, byId.keys());
    return new ConfigError(`Unknown rule "${id}" in ${where}${hint ? `; did you mean "${hint}"?` : ''} (see --list-rules)`);
  };
  const inFile = (id: string): string => {
    if (origin?.path === undefined) return 'the config file';
    const line = origin.text === undefined ? undefined : lineOfKey(origin.text, ['rules', id]);
    return `${terminalText(origin.path)}${line === undefined ? '' : `:${line}`}`;
  };
  for (const id of Object.keys(fileRules ?? {})) if (!byId.has(id)) throw unknown(id, inFile(id));
  for (const id of Object.keys(overrides)) if (!byId.has(id)) throw unknown(id, '--rule');

  const configs = new Map<string, RuleConfig>();
  for (const meta of metas) {
    const [severity, userOptions] = normalise(fileRules?.[meta.id], meta);
    const options = userOptions === undefined ? meta.defaultOptions : mergeOptions(meta.defaultOptions, userOptions);
    if (userOptions !== undefined) validateOptions(meta, options);
    configs.set(meta.id, { severity: SEVERITY[overrides[meta.id] ?? severity], options: deepFreeze(options) });
  }
  return configs;
}

/** `kubernetesVersion` from the config or the command line; the newest release the checks know when unset. */
export function parseKubernetesVersionSetting(text: string | undefined): Settings['kubernetesVersion'] {
  const version = parseKubernetesVersion(text ?? DEFAULT_KUBERNETES_VERSION);
  if (version === undefined) throw new ConfigError(`"kubernetesVersion" is "${text}"; it must be a Kubernetes release such as "${DEFAULT_KUBERNETES_VERSION}" (1.16 or newer)`);
  return version;
}

export function parseNodePortRange(text: string | undefined): Settings['nodePortRange'] {
  if (text === undefined) return { min: 30000, max: 32767 };
  const [min, max] = text.split('-').map(Number) as [number, number];
  if (!(min >= 1 && max <= 65535 && min <= max)) {
    throw new ConfigError(`"nodePortRange" is "${text}"; it must be "<min>-<max>" with 1 <= min <= max <= 65535`);
  }
  return { min, max };
}

function normalise(setting: RuleSetting | undefined, meta: RuleMeta): [SeverityOrOff, unknown] {
  if (setting === undefined) return [meta.optIn ? 'off' : meta.defaultSeverity, undefined];
  if (!Array.isArray(setting)) return [severityOf(setting, meta), undefined];
  if (setting[1] !== undefined && meta.schema === null) {
    throw new ConfigError(`Rule "${meta.id}" takes no options, but the config gives some`);
  }
  return [severityOf(setting[0], meta), setting[1]];
}

/** The config schema admits only known spellings; a config passed as an object is checked here. */
function severityOf(value: SeverityInput, meta: RuleMeta): SeverityOrOff {
  const severity = parseSeverity(value);
  if (severity === undefined) throw new ConfigError(`Rule "${meta.id}" has severity ${JSON.stringify(value)}; use off, warn or error`);
  return severity;
}

function validateOptions(meta: RuleMeta, options: unknown): void {
  if (meta.schema === null) return;
  let validate = validators.get(meta.schema);
  if (!validate) {
    validate = ajv.compile(meta.schema);
    validators.set(meta.schema, validate);
  }
  if (!validate(options)) {
    throw new ConfigError(`Invalid options for rule "${meta.id}": ${describeSchemaError(validate.errors ?? [], options)}`);
  }
}

/** Plain objects merge key by key; arrays and scalars from the user replace the default. */
function mergeOptions(defaults: unknown, user: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(user)) return structuredClone(user);
  const merged: Record<string, unknown> = structuredClone(defaults);
  for (const [key, value] of Object.entries(user)) merged[key] = mergeOptions(defaults[key], value);
  return merged;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}
