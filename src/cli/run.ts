import { mkdir, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../config/types.js';
import { DEFAULT_GATEWAY_API_RELEASE } from '../crd/gateway-api.js';
import { parseKubernetesVersionSetting, parseNodePortRange, resolveRuleConfigs } from '../engine/options.js';
import { formatKubernetesVersion } from '../apiserver/version.js';
import { allRuleMetas } from '../engine/registry.js';
import { FormatterNotFoundError, loadFormatter } from '../format/load.js';
import { formatterContext } from '../format/context.js';
import { fixDiffs } from '../format/diff.js';
import { terminalReport } from '../format/sanitize.js';
import { needsTopology, type LintResult } from '../format/types.js';
import { lint } from '../lint.js';
import type { Diagnostic } from '../api/types.js';
import { InputError } from '../source/discover.js';
import { changeSet } from '../source/staged.js';
import { outputFixes } from '../source/write.js';
import { displayPath } from '../util/paths.js';
import { packageVersion } from '../util/package-root.js';
import { helpFor, parseCliArgs, UsageError, type CliOptions } from './args.js';
import { topologyJson } from './graph.js';
import { formatRuleList } from './list-rules.js';
import type { CliIO } from './io.js';
import { runPolicyCommand } from './policy.js';

/** Runs the command line; returns the exit code. Usage, config and input errors are one line on stderr and exit 2. */
export async function runCli(argv: readonly string[], terminal: CliIO): Promise<number> {
  // Errors and notes quote file names and config values: made terminal-safe here, whatever they hold.
  const io: CliIO = { ...terminal, write: (text) => terminal.write(text), writeError: (text) => terminal.writeError(terminalReport(text)) };
  try {
    return await run(parseCliArgs(argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeError(`k8s-svc-lint: ${error.message}\nRun \`k8s-svc-lint --help\` for usage.\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof InputError || error instanceof FormatterNotFoundError) {
      io.writeError(`k8s-svc-lint: ${error.message}\n`);
      return 2;
    }
    const detail = io.env['DEBUG']?.includes('k8s-svc-lint') ? `\n${(error as Error).stack}` : ' (set DEBUG=k8s-svc-lint for details)';
    io.writeError(`k8s-svc-lint: internal error: ${(error as Error)?.message ?? String(error)}${detail}\n`);
    return 2;
  }
}

async function run(options: CliOptions, io: CliIO): Promise<number> {
  if (options.help) {
    io.write(`${helpFor(options.command)}\n`);
    return 0;
  }
  if (options.version) {
    io.write(`${packageVersion()}\n`);
    return 0;
  }
  if (options.listRules) {
    const loaded = loadConfig(io.cwd, options.config);
    io.write(formatRuleList(allRuleMetas(), resolveRuleConfigs(allRuleMetas(), loaded.config.rules, options.rules, loaded)));
    return 0;
  }
  if (options.command === 'test' || options.command === 'policy-export') return runPolicyCommand(options, io);
  if (options.printConfig) {
    io.write(`${JSON.stringify(effectiveConfig(options, io.cwd), null, 2)}\n`);
    return 0;
  }
  if (options.staged && options.patterns.length > 0) throw new UsageError('--staged lints the staged files: name no paths with it');
  const changes = options.staged ? changeSet(io.cwd, io.env) : undefined;
  if (options.patterns.length === 0 && !changes) {
    throw new UsageError('no input: name the files or directories to lint (e.g. `k8s-svc-lint .`), or `-` to read stdin');
  }

  const formatter = options.command === 'graph' && options.format === 'json' ? topologyJson : await loadFormatter(options.format, io.cwd);
  const output = await lint({
    patterns: changes ? changes.changed : options.patterns,
    cwd: io.cwd,
    ...(changes ? { defaultContext: changes.unchanged } : {}),
    ...(options.helmChart !== undefined ? { helmChart: resolve(io.cwd, options.helmChart) } : {}),
    kustomize: options.kustomize,
    configFile: options.config,
    ruleOverrides: options.rules,
    namespace: options.namespace,
    strictReferences: options.strictReferences,
    kubernetesVersion: options.kubernetesVersion,
    policies: options.policies,
    crds: options.crds,
    ignorePatterns: options.ignorePatterns,
    stdin: io.stdin,
    // As ESLint does: the results name stdin by the file it stands for, an absolute path like every other result's.
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    stdinFilename: options.stdinFilename === undefined ? undefined : resolve(io.cwd, options.stdinFilename),
    // As ESLint: with --quiet, warnings are neither reported nor fixed.
    ...(options.fix || options.fixDryRun ? { fix: options.quiet ? (problem: Diagnostic) => problem.severity === 2 : true } : {}),
  });
  if (options.verbose) io.writeError(verboseReport(output, io.cwd));
  io.writeError(emptyInputNotes(options.patterns, output, io.cwd));
  // Fixes are written only to files really inside the working directory or a path named (no link leads out).
  const roots = [io.cwd, ...options.patterns.filter((p) => p !== '-').map((p) => resolve(io.cwd, p))];
  const writeFailures = options.fix ? await outputFixes(output.results, { roots }) : [];
  for (const failure of writeFailures) io.writeError(`k8s-svc-lint: cannot write the fixes to ${displayPath(io.cwd, failure.filePath)} (${failure.message})\n`);
  if (options.verbose && (options.fix || options.fixDryRun)) {
    const fixed = output.results.filter((r) => r.output !== undefined && !writeFailures.some((f) => f.filePath === r.filePath));
    for (const r of fixed) io.writeError(`k8s-svc-lint: ${options.fix ? 'fixed' : 'would fix'} ${displayPath(io.cwd, r.filePath)}\n`);
  }
  const results = options.quiet ? output.results.map(errorsOnly) : output.results;
  const errors = sum(results, (r) => r.errorCount);
  const warnings = sum(results, (r) => r.warningCount);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;

  const color = options.outputFile === undefined && (options.color ?? (io.stdoutIsTTY && !io.env['NO_COLOR']));
  const text = await formatter(results, {
    ...formatterContext({ cwd: io.cwd, color }),
    ...(needsTopology(formatter) ? { topology: output.topology() } : {}),
    ...(options.outputFile !== undefined ? { outputPath: resolve(io.cwd, options.outputFile) } : {}),
    ...(tooManyWarnings ? { maxWarningsExceeded: { maxWarnings: options.maxWarnings, foundWarnings: warnings } } : {}),
  });
  if (options.outputFile !== undefined) {
    const path = resolve(io.cwd, options.outputFile);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } else if (text !== '') {
    io.write(text);
  }
  if (options.fixDryRun && options.format === 'stylish' && output.originals) {
    const diffs = fixDiffs(output.results, output.originals, io.cwd, color);
    if (options.outputFile === undefined) io.write(diffs);
    else if (diffs !== '') await writeFile(resolve(io.cwd, options.outputFile), `${text}${diffs}`);
  }
  // The picture is not a verdict: graph exits 0 whatever it shows.
  if (options.command === 'graph') return writeFailures.length > 0 ? 2 : 0;
  if (tooManyWarnings) {
    io.writeError(`k8s-svc-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  }
  if (writeFailures.length > 0) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

function effectiveConfig(options: CliOptions, cwd: string): unknown {
  const loaded = loadConfig(cwd, options.config);
  const ruleConfigs = resolveRuleConfigs(allRuleMetas(), loaded.config.rules, options.rules, loaded);
  const range = parseNodePortRange(loaded.config.nodePortRange);
  return {
    configFile: loaded.path ?? null,
    defaultNamespace: options.namespace ?? loaded.config.defaultNamespace ?? 'default',
    strictReferences: options.strictReferences ?? loaded.config.strictReferences ?? false,
    nodePortRange: `${range.min}-${range.max}`,
    kubernetesVersion: formatKubernetesVersion(parseKubernetesVersionSetting(options.kubernetesVersion ?? loaded.config.kubernetesVersion)),
    ignorePatterns: [...(loaded.config.ignorePatterns ?? []), ...options.ignorePatterns],
    context: loaded.config.context ?? [],
    podSources: loaded.config.podSources ?? [],
    policies: loaded.config.policies ?? [],
    namespaces: loaded.config.namespaces ?? {},
    crds: loaded.config.crds ?? [],
    gatewayAPIVersion: loaded.config.gatewayAPIVersion ?? DEFAULT_GATEWAY_API_RELEASE,
    rules: Object.fromEntries([...ruleConfigs].map(([id, c]) => [id, [(['off', 'warn', 'error'] as const)[c.severity], c.options]])),
  };
}

/** An empty folder, or input without a Kubernetes object, is not an error, but the user should know. */
function emptyInputNotes(patterns: readonly string[], output: Awaited<ReturnType<typeof lint>>, cwd: string): string {
  const notes: string[] = [];
  for (const pattern of patterns) {
    const dir = resolve(cwd, pattern);
    if (pattern === '-' || !isDirectory(dir)) continue;
    if (!output.results.some((r) => r.filePath === dir || r.filePath.startsWith(`${dir}${sep}`))) {
      notes.push(`k8s-svc-lint: ${displayPath(cwd, dir) || '.'}: no .yaml, .yml or .json files found (ignore patterns included)`);
    }
  }
  // Only for clean files: one that could not be read or parsed has its own finding.
  if (output.results.length > 0 && output.manifestCount === 0 && output.results.every((r) => r.messages.length === 0)) {
    notes.push(`k8s-svc-lint: no Kubernetes manifests (documents with apiVersion and kind) in the ${output.results.length} file(s) read`);
  }
  return notes.length === 0 ? '' : `${notes.join('\n')}\n`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, fixableWarningCount: 0 };
}

function sum(results: readonly LintResult[], count: (r: LintResult) => number): number {
  return results.reduce((total, r) => total + count(r), 0);
}

/** What --verbose says on stderr: the config, what was read, and what could not be judged. */
function verboseReport(output: Awaited<ReturnType<typeof lint>>, cwd: string): string {
  const lines = [
    `k8s-svc-lint: config ${output.configPath ? displayPath(cwd, output.configPath) : '(none found; defaults)'}`,
    `k8s-svc-lint: linted ${output.results.length} file(s)${output.contextFileCount > 0 ? `, read ${output.contextFileCount} context file(s) for references` : ''}`,
  ];
  for (const { namespace, reason } of output.unjudged) {
    lines.push(`k8s-svc-lint: namespace ${namespace || '(cluster)'}: ${reason} were not checked (add their files to \`context\` in the config, or set strictReferences)`);
  }
  return `${lines.join('\n')}\n`;
}
