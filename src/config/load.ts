import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { quoteValue, terminalText } from '../format/sanitize.js';
import { readSmallFile } from '../source/read.js';
import { parseYamlValue } from '../source/yaml-value.js';
import { readPackageJson } from '../util/package-root.js';
import { closestMatch } from '../util/suggest.js';
import { severityHint } from './severity.js';
import { ConfigError, type ConfigFile, type LoadedConfig } from './types.js';

export const CONFIG_FILE_NAMES = ['.k8s-svc-lint.yaml', '.k8s-svc-lint.yml'] as const;

/** The config named by `--config`, else the nearest `.k8s-svc-lint.yaml` upward from cwd, else an empty config. */
export function loadConfig(cwd: string, explicitPath?: string): LoadedConfig {
  const path = explicitPath === undefined ? findConfigFile(cwd) : resolve(cwd, explicitPath);
  if (path === undefined) return { path: undefined, baseDir: cwd, config: {} };
  // The config may come with the repository being linted: it is read only from inside the working
  // directory or its own folder, never through a link elsewhere (`/proc/self/environ`), and never quoted.
  const file = readSmallFile(path, [cwd, dirname(path)]);
  if (file.reason !== undefined) throw new ConfigError(`Cannot read config file ${terminalText(path)}: ${file.reason}`);
  return { path, baseDir: dirname(path), config: parseConfig(file.text, terminalText(path)), text: file.text };
}

export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (exists(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Whether anything is at the path, a dangling link included (reading it then says why it cannot be read). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function parseConfig(text: string, path: string): ConfigFile {
  const { value, error } = parseYamlValue(text);
  // The parser's message may quote the text; only its first words go out, made terminal-safe.
  if (error) throw new ConfigError(`${path}:${error.line}:${error.column}: invalid YAML: ${quoteValue(error.message, 120).slice(1, -1)}`);
  const config = value ?? {};
  const validate = configValidator();
  if (!validate(config)) throw new ConfigError(`${path}: ${describeSchemaError(validate.errors ?? [], config)}`);
  return config;
}

let validator: ReturnType<Ajv['compile']> | undefined;
function configValidator(): ReturnType<Ajv['compile']> {
  validator ??= new Ajv({ allErrors: true, strict: true, strictTuples: false, verbose: true }).compile(readPackageJson<object>('schemas/config.schema.json'));
  return validator;
}

/** One sentence for the most useful ajv error: names the key, the value and what is allowed. */
export function describeSchemaError(errors: readonly ErrorObject[], root: unknown): string {
  // Within a oneOf every branch reports; the error deepest in the value names the part that is wrong
  // (`[erorr]` is wrong in its item, not for failing to be a string).
  const deepest = errors.filter((e) => e.keyword !== 'oneOf').reduce<ErrorObject | undefined>((best, e) => (best === undefined || depth(e) > depth(best) ? e : best), undefined);
  const error = errors.find((e) => e.keyword === 'additionalProperties') ?? deepest ?? errors[0];
  if (!error) return 'invalid configuration';
  const where = error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params['additionalProperty']);
    const parent = valueAtPointer(root, error.instancePath);
    const known = Object.keys((parent && typeof parent === 'object' ? (error.parentSchema?.['properties'] as object | undefined) : undefined) ?? {});
    const hint = closestMatch(key, known);
    return `unknown key ${quoteValue(`${where ? `${where}.` : ''}${key}`)}${hint ? `; did you mean "${hint}"?` : ''}`;
  }
  const value = quoteValue(valueAtPointer(root, error.instancePath));
  if (error.keyword === 'enum') {
    const allowedValues = error.params['allowedValues'] as unknown[];
    // A severity also takes `warning` and 0, 1, 2; the message names the three words, and suggests one.
    const isSeverity = allowedValues.includes('warn') && allowedValues.includes('error');
    const allowed = (isSeverity ? ['off', 'warn', 'error'] : allowedValues).map((v) => JSON.stringify(v)).join(', ');
    const actual = valueAtPointer(root, error.instancePath);
    const hint = typeof actual === 'string' && isSeverity ? severityHint(actual) : '';
    return `${quoteValue(where)} is ${value}; it must be one of ${allowed}${hint}`;
  }
  return `${quoteValue(where || '(root)')} is ${value}; it ${terminalText(error.message ?? 'is invalid')}`;
}

/** The 1-based line of a key in a YAML mapping (`['rules', 'x']`), if the text has it. */
export function lineOfKey(text: string, path: readonly string[]): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return undefined;
    offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    node = pair.value;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function depth(error: ErrorObject): number {
  return error.instancePath === '' ? 0 : error.instancePath.split('/').length;
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}
