import { isAbsolute, join, resolve } from 'node:path';
import type { Diagnostic, SeverityOrOff, Settings } from './api/types.js';
import { loadConfig } from './config/load.js';
import { ConfigError, type ConfigFile, type LoadedConfig } from './config/types.js';
import { GATEWAY_API_RELEASES } from './crd/gateway-api.js';
import { resolveRuleConfigs, parseKubernetesVersionSetting, parseNodePortRange } from './engine/options.js';
import { allRuleMetas, RULES } from './engine/registry.js';
import { capFindings } from './engine/cap.js';
import { toLintResults, type LintResult } from './engine/results.js';
import { attributeToHelmSources } from './engine/helm-sources.js';
import { attributeToKustomizeOrigins } from './engine/kustomize-origins.js';
import { lintWithFixes, type FixFilter } from './engine/fix.js';
import { runEngine } from './engine/run.js';
import { unusedDirectives } from './engine/suppress.js';
import { buildTopology } from './graph/topology.js';
import type { Topology } from './graph/types.js';
import { buildIndex } from './model/resource-index.js';
import { PodSources } from './k8s/pod-sources.js';
import { collectResources } from './model/resources.js';
import { loadValidators } from './model/schemas.js';
import { policyFileGlobs, policySettings } from './policy/config.js';
import { discoverFiles, InputError } from './source/discover.js';
import { helmSourceResolver } from './source/helm-charts.js';
import { kustomizeLayout, type KustomizeLayout } from './source/kustomize.js';
import { renderKustomization, splitKustomizations, type RenderedKustomization } from './source/kustomize-render.js';
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
  /** Render named folders holding a kustomization with kustomize, and report findings where each resource came from. */
  readonly kustomize?: boolean;
  /** The chart that rendered Helm output on stdin came from (`--helm-chart`): `# Source:` paths name its files. */
  readonly helmChart?: string;
  /** Files read for references when the config names no `context` (`--staged`: the repository's other manifests). */
  readonly defaultContext?: readonly string[];
  /** Policy files (globs, relative to cwd) run beside the config's `policies:` (`--policy`). */
  readonly policies?: readonly string[];
  /** CRD files (globs, relative to cwd) read beside the config's `crds:` (`--crds`). */
  readonly crds?: readonly string[];
  /** Overrides the config's kubernetesVersion (`1.34`). */
  readonly kubernetesVersion?: string;
  /** Extra ignore globs, relative to cwd. */
  readonly ignorePatterns?: readonly string[];
  readonly stdin?: NodeJS.ReadableStream;
  /** The name shown for stdin input. */
  readonly stdinFilename?: string;
  /**
   * Apply the findings' fixes (all, or those the predicate accepts), in memory: each result whose text
   * changed gets `output`, and the findings are those left after fixing. Write with `outputFixes`.
   */
  readonly fix?: FixFilter;
  /** Report comment directives that suppressed nothing, as ESLint's `--report-unused-disable-directives`. */
  readonly reportUnusedDisableDirectives?: boolean;
}

export interface LintOutput {
  /** One result per file named (context files are not reported on). */
  readonly results: LintResult[];
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds each enabled rule took. */
  readonly ruleTimes: ReadonlyMap<string, number>;
  /** The config file used, if any. */
  readonly configPath: string | undefined;
  /** How many context files were loaded for references (config `context`). */
  readonly contextFileCount: number;
  /** How many Kubernetes objects (documents with apiVersion and kind) the files named hold. */
  readonly manifestCount: number;
  /** Namespaces where references could not be judged, with the kinds missing from the input (see `--verbose`). */
  readonly unjudged: readonly { readonly namespace: string; readonly reason: string }[];
  /** With `fix`: each fixed file's text before fixing, by path (what `--fix-dry-run` shows a diff against). */
  readonly originals?: ReadonlyMap<string, string>;
  /** The network topology (Ingress/route → Service → workload, with broken references), built on first call. */
  readonly topology: () => Topology;
}

/**
 * Lints the named manifests. Bad input becomes findings; only a usage or configuration problem
 * (a path that does not exist, an invalid config) throws (InputError, ConfigError).
 */
export async function lint(options: LintOptions): Promise<LintOutput> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = options.config ? { path: undefined, baseDir: cwd, config: options.config } : loadConfig(cwd, options.configFile);
  const config = loaded.config;
  const prepared = prepare(config, options, loaded);

  const named = options.patterns.filter((p) => p !== '-');
  const { kustomizations, rest: paths } = options.kustomize ? splitKustomizations(named, cwd) : { kustomizations: [], rest: named };
  const rendered = kustomizations.map((dir) => renderKustomization(dir, cwd));
  const ignore = [
    { baseDir: loaded.baseDir, patterns: config.ignorePatterns ?? [] },
    { baseDir: cwd, patterns: options.ignorePatterns ?? [] },
  ];
  const files = [
    ...new Set([...(await discoverFiles(paths, { cwd, ignore })), ...(await policyFiles(config, loaded.baseDir, cwd, ignore)), ...(await cliGlobs(options.policies, cwd, ignore))]),
  ].sort();
  const sources = [...files.map(readSourceFile), ...rendered.map((r) => r.source)];
  const stdin = options.patterns.includes('-') ? await readStdin(options.stdinFilename ?? '<stdin>', options.stdin) : undefined;
  if (stdin) sources.push(stdin);

  const contextPaths = [
    ...(await contextFiles([...(config.context ?? options.defaultContext ?? []), ...(config.crds ?? [])], loaded.baseDir, cwd, ignore, new Set(files))),
    ...(await cliGlobs(options.crds, cwd, ignore)).filter((file) => !files.includes(file)),
  ];
  const context = contextPaths.map(readSourceFile);
  const kustomize = kustomizeLayout([...files, ...contextPaths]);
  sources.push(...kustomize.unreadable.filter((k) => !files.includes(k.path))); // one named for linting already says why
  const helmTemplatePath = helmSourceResolver(cwd, options.helmChart);
  // With --fix, each pass lints the fixed files: stdin is then a new SourceFile with the same path.
  const lintOnce = (files: readonly SourceFile[]) =>
    lintSources(files, prepared, cwd, {
      context,
      kustomize,
      helmTemplatePath,
      rendered,
      reportUnused: options.reportUnusedDisableDirectives === true,
      ...(stdin ? { stdin: files.find((f) => f.path === stdin.path) ?? stdin } : {}),
    });
  if (!options.fix) return { ...(await lintOnce(sources)), configPath: loaded.path };
  const linted = await lintWithFixes(sources, lintOnce, options.fix);
  const fixed = new Set(linted.results.filter((r) => r.output !== undefined).map((r) => r.filePath));
  const originals = new Map(sources.filter((s) => fixed.has(s.path)).map((s) => [s.path, s.text]));
  return { ...linted, originals, configPath: loaded.path };
}

/** The files matching the config's `context` globs (relative to the config's folder), less those named for linting. */
async function contextFiles(
  patterns: readonly string[],
  baseDir: string,
  cwd: string,
  ignore: Parameters<typeof discoverFiles>[1]['ignore'],
  named: ReadonlySet<string>,
): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    try {
      for (const file of await discoverFiles([isAbsolute(pattern) ? pattern : join(baseDir, pattern)], { cwd, ignore })) {
        if (!named.has(file)) found.add(file);
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error; // a context glob that matches nothing is not an error
    }
  }
  return [...found].sort();
}

/** The files of config `policies:` globs (relative to the config's folder): linted with the input, so their own mistakes are reported. */
async function policyFiles(config: ConfigFile, baseDir: string, cwd: string, ignore: Parameters<typeof discoverFiles>[1]['ignore']): Promise<string[]> {
  const globs = policyFileGlobs(config).map((pattern) => (isAbsolute(pattern) ? pattern : join(baseDir, pattern)));
  return globs.length === 0 ? [] : discoverFiles(globs, { cwd, ignore });
}

/** Files named on the command line by a repeatable glob option; one that matches nothing is an InputError. */
async function cliGlobs(patterns: readonly string[] | undefined, cwd: string, ignore: Parameters<typeof discoverFiles>[1]['ignore']): Promise<string[]> {
  return patterns && patterns.length > 0 ? discoverFiles(patterns, { cwd, ignore }) : [];
}

/** Lints text held in memory (tests, editors, the library API). */
export async function lintText(
  text: string,
  options: { filePath?: string; cwd?: string; config?: ConfigFile; ruleOverrides?: Readonly<Record<string, SeverityOrOff>>; namespace?: string; fix?: FixFilter } = {},
): Promise<LintOutput> {
  const config = options.config ?? {};
  const source = decodeSource(options.filePath ?? '<text>', new TextEncoder().encode(text));
  const lintOnce = (files: readonly SourceFile[]) => lintSources(files, prepare(config, options), options.cwd ?? process.cwd());
  return { ...(options.fix ? await lintWithFixes([source], lintOnce, options.fix) : await lintOnce([source])), configPath: undefined };
}

export interface Prepared {
  readonly settings: Settings;
  readonly podSources: PodSources;
  readonly ruleConfigs: ReturnType<typeof resolveRuleConfigs>;
}

export function prepare(
  config: ConfigFile,
  options: Pick<LintOptions, 'ruleOverrides' | 'namespace' | 'strictReferences' | 'kubernetesVersion'>,
  origin?: Pick<LoadedConfig, 'path' | 'text'>,
): Prepared {
  if (config.gatewayAPIVersion !== undefined && !(GATEWAY_API_RELEASES as readonly string[]).includes(config.gatewayAPIVersion)) {
    throw new ConfigError(`"gatewayAPIVersion" is "${config.gatewayAPIVersion}"; the bundled Gateway API releases are ${GATEWAY_API_RELEASES.join(', ')}`);
  }
  return {
    settings: {
      defaultNamespace: options.namespace ?? config.defaultNamespace ?? 'default',
      strictReferences: options.strictReferences ?? config.strictReferences ?? false,
      nodePortRange: parseNodePortRange(config.nodePortRange),
      kubernetesVersion: parseKubernetesVersionSetting(options.kubernetesVersion ?? config.kubernetesVersion),
      ...optional('policy', policySettings(config)),
      ...(config.gatewayAPIVersion !== undefined ? { gatewayAPIVersion: config.gatewayAPIVersion } : {}),
    },
    podSources: new PodSources(config.podSources),
    ruleConfigs: resolveRuleConfigs(allRuleMetas(), config.rules, options.ruleOverrides, origin),
  };
}

export interface Surroundings {
  /** Files read for references, not reported on. */
  readonly context?: readonly SourceFile[];
  /** What the kustomizations of the tree say about its files: namespaces, patches, apply sets. */
  readonly kustomize?: KustomizeLayout;
  /** The file read from stdin, whose rendered Helm output is reported per template. */
  readonly stdin?: SourceFile;
  /** Kustomizations rendered by `--kustomize`, whose findings go to the files the resources came from. */
  readonly rendered?: readonly RenderedKustomization[];
  /** A `# Source:` path's file on disk (default: relative to cwd). */
  readonly helmTemplatePath?: (sourcePath: string) => string;
  /** Report directives that suppressed nothing. */
  readonly reportUnused?: boolean;
}

export async function lintSources(files: readonly SourceFile[], prepared: Prepared, cwd: string, surroundings: Surroundings = {}): Promise<Omit<LintOutput, 'configPath'>> {
  const context = surroundings.context ?? [];
  const resources = collectResources([...files, ...context], prepared.settings.defaultNamespace, surroundings.kustomize);
  const index = buildIndex(resources, prepared.podSources);
  const schemaWanted = (prepared.ruleConfigs.get('schema')?.severity ?? 0) > 0;
  const validators = schemaWanted ? await loadValidators(resources.map((r) => ({ apiVersion: r.apiVersion, kind: r.object['kind'] as string }))) : new Map();
  const { diagnostics, ruleTimes, unjudged } = runEngine({ cwd, files, index, rules: RULES, ruleConfigs: prepared.ruleConfigs, settings: prepared.settings, validators });
  const fixable = new Set(RULES.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id));
  const helmTemplatePath = surroundings.helmTemplatePath ?? ((path: string) => resolve(cwd, path));
  const fromHelm = attributeToHelmSources(files, diagnostics, helmTemplatePath, (file) => file === surroundings.stdin);
  const reported = surroundings.rendered?.length ? attributeToKustomizeOrigins(fromHelm.files, fromHelm.diagnostics, surroundings.rendered) : fromHelm;
  return {
    results: toLintResults(reported.files, capFindings(reported.diagnostics), fixable, surroundings.reportUnused ? unusedDirectives(files, diagnostics) : []),
    diagnostics: reported.diagnostics,
    ruleTimes,
    contextFileCount: context.length,
    manifestCount: countIn(resources, new Set(files)),
    unjudged,
    topology: once(() => buildTopology(index, capFindings(diagnostics))),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [k in K]?: V });
}

function countIn(resources: readonly { readonly file: SourceFile }[], files: ReadonlySet<SourceFile>): number {
  let count = 0;
  for (const r of resources) if (files.has(r.file)) count++;
  return count;
}

function once<T>(build: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: build() }).v;
}
