import type { Diagnostic, SeverityOrOff, Settings } from './api/types.js';
import { loadConfig } from './config/load.js';
import type { ConfigFile } from './config/types.js';
import { resolveRuleConfigs, parseNodePortRange } from './engine/options.js';
import { allRuleMetas, RULES } from './engine/registry.js';
import { toLintResults, type LintResult } from './engine/results.js';
import { runEngine } from './engine/run.js';
import { buildIndex } from './model/resource-index.js';
import { collectResources } from './model/resources.js';
import { loadValidators } from './model/schemas.js';
import { discoverFiles } from './source/discover.js';
import { decodeSource, readSourceFile, readStdin } from './source/read.js';
import type { SourceFile } from './source/types.js';

export interface LintOptions {
  /** Files, directories, globs; `-` reads stdin. */
  readonly patterns: readonly string[];
  readonly cwd?: string;
  /** A config object; when absent the config file is looked up (`configFile`, else upward from cwd). */
  readonly config?: ConfigFile;
  readonly configFile?: string;
  /** `--rule id:severity` overrides. */
  readonly ruleOverrides?: Readonly<Record<string, SeverityOrOff>>;
  /** Overrides the config's defaultNamespace. */
  readonly namespace?: string;
  /** Overrides the config's strictReferences. */
  readonly strictReferences?: boolean;
  /** Extra ignore globs, relative to cwd. */
  readonly ignorePatterns?: readonly string[];
  readonly stdin?: NodeJS.ReadableStream;
  /** The name shown for stdin input. */
  readonly stdinFilename?: string;
}

export interface LintOutput {
  readonly results: LintResult[];
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds each enabled rule took. */
  readonly ruleTimes: ReadonlyMap<string, number>;
  /** The config file used, if any. */
  readonly configPath: string | undefined;
}

/**
 * Lints the named manifests. Bad input becomes findings; only a usage or configuration problem
 * (a path that does not exist, an invalid config) throws (InputError, ConfigError).
 */
export async function lint(options: LintOptions): Promise<LintOutput> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = options.config ? { path: undefined, baseDir: cwd, config: options.config } : loadConfig(cwd, options.configFile);
  const config = loaded.config;
  const prepared = prepare(config, options);

  const paths = options.patterns.filter((p) => p !== '-');
  const files = await discoverFiles(paths, {
    cwd,
    ignore: [
      { baseDir: loaded.baseDir, patterns: config.ignorePatterns ?? [] },
      { baseDir: cwd, patterns: options.ignorePatterns ?? [] },
    ],
  });
  const sources = await mapConcurrently(files, READ_CONCURRENCY, readSourceFile);
  if (options.patterns.includes('-')) sources.push(await readStdin(options.stdinFilename ?? '<stdin>', options.stdin));

  return { ...(await lintSources(sources, prepared, cwd)), configPath: loaded.path };
}

/** Lints text held in memory (tests, editors, the library API). */
export async function lintText(
  text: string,
  options: { filePath?: string; cwd?: string; config?: ConfigFile; ruleOverrides?: Readonly<Record<string, SeverityOrOff>>; namespace?: string } = {},
): Promise<LintOutput> {
  const config = options.config ?? {};
  const source = decodeSource(options.filePath ?? '<text>', new TextEncoder().encode(text));
  return { ...(await lintSources([source], prepare(config, options), options.cwd ?? process.cwd())), configPath: undefined };
}

/** Files open at once: enough to keep the disk busy while one is parsed, far below any open-file limit. */
const READ_CONCURRENCY = 8;

/** `items.map(run)`, in order, with at most `limit` calls in flight. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface Prepared {
  readonly settings: Settings;
  readonly ruleConfigs: ReturnType<typeof resolveRuleConfigs>;
}

function prepare(config: ConfigFile, options: Pick<LintOptions, 'ruleOverrides' | 'namespace' | 'strictReferences'>): Prepared {
  return {
    settings: {
      defaultNamespace: options.namespace ?? config.defaultNamespace ?? 'default',
      strictReferences: options.strictReferences ?? config.strictReferences ?? false,
      nodePortRange: parseNodePortRange(config.nodePortRange),
    },
    ruleConfigs: resolveRuleConfigs(allRuleMetas(), config.rules, options.ruleOverrides),
  };
}

async function lintSources(files: readonly SourceFile[], prepared: Prepared, cwd: string): Promise<Omit<LintOutput, 'configPath'>> {
  const resources = collectResources(files, prepared.settings.defaultNamespace);
  const index = buildIndex(resources);
  const schemaWanted = (prepared.ruleConfigs.get('schema')?.severity ?? 0) > 0;
  const validators = schemaWanted
    ? await loadValidators(resources.map((r) => ({ apiVersion: r.apiVersion, kind: r.object['kind'] as string })))
    : new Map();
  const { diagnostics, ruleTimes } = runEngine({ cwd, files, index, rules: RULES, ruleConfigs: prepared.ruleConfigs, settings: prepared.settings, validators });
  const fixable = new Set(RULES.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id));
  return { results: toLintResults(files, diagnostics, fixable), diagnostics, ruleTimes };
}
