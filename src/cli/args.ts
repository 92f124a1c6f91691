import { parseArgs } from 'node:util';
import type { SeverityOrOff } from '../api/types.js';
import { parseKubernetesVersion } from '../apiserver/version.js';
import { parseSeverity, severityHint } from '../config/severity.js';

export class UsageError extends Error {}

export interface CliOptions {
  /** `graph`: draw the topology (`k8s-svc-lint graph <paths>`) instead of listing findings. */
  readonly command: 'lint' | 'graph' | 'test' | 'policy-export';
  readonly patterns: string[];
  readonly format: string;
  readonly outputFile?: string;
  readonly config?: string;
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  readonly rules: Record<string, SeverityOrOff>;
  readonly listRules: boolean;
  readonly printConfig: boolean;
  readonly namespace?: string;
  readonly strictReferences?: boolean;
  /** The Kubernetes release whose API server verdicts the checks follow. */
  readonly kubernetesVersion?: string;
  readonly ignorePatterns: string[];
  readonly stdinFilename?: string;
  /** undefined: decide from the terminal and NO_COLOR. */
  readonly color?: boolean;
  readonly verbose: boolean;
  /** Apply fixes and write the files. */
  readonly fix: boolean;
  /** Apply fixes in memory only: the results show the fixed text (`output`), no file is written. */
  readonly fixDryRun: boolean;
  /** Report comment directives that suppress nothing (as ESLint). */
  readonly reportUnusedDisableDirectives: boolean;
  readonly version: boolean;
  readonly help: boolean;
  /** Lint the manifests staged in git (as a pre-commit hook), with the repository's other manifests as context. */
  readonly staged: boolean;
  /** The chart folder that `# Source:` paths of rendered Helm output (stdin) name. */
  readonly helmChart?: string;
  /** ValidatingAdmissionPolicy files (globs, relative to the working directory) beside the config's `policies:`. */
  readonly policies: string[];
  /** CRD files (globs, relative to the working directory) beside the config's `crds:`. */
  readonly crds: string[];
  /** Render the named folders that hold a kustomization with `kubectl kustomize` (or `kustomize build`). */
  readonly kustomize: boolean;
}

const HELP = `Usage: k8s-svc-lint [options] <paths...>
       k8s-svc-lint graph [options] <paths...>
       k8s-svc-lint lsp [--stdio]
       k8s-svc-lint test <test-files...>
       k8s-svc-lint policy export [-c config] [-o file]

Lints Kubernetes manifests for Service networking mistakes: files, directories
(*.yaml, *.yml, *.json, recursively), globs, or - for stdin.
\`graph\` draws the network instead (Ingress/route -> Service -> workload, broken
references in red): Mermaid by default, --format html for a self-contained
report, --format json for the topology as data; it exits 0 unless it cannot run.
\`lsp\` is the language server for editors (LSP over stdin and stdout).
\`test\` runs policy tests (see the README) and prints a table; it exits 1 on any
mismatch. \`policy export\` writes the config's short-form policies as
ValidatingAdmissionPolicy and binding manifests, for the cluster to enforce.
Run \`k8s-svc-lint graph --help\` for its options.

Options:
  -f, --format <name>        stylish (default), json, sarif, github, markdown,
                             mermaid, html, or an ESLint formatter package
                             (eslint-formatter-<name>)
  -o, --output-file <path>   write the report to a file instead of stdout
  -c, --config <path>        config file (default: .k8s-svc-lint.yaml, searched upward)
      --rule <id:severity>   set a rule's severity: off, warn or error (also
                             warning, 0, 1, 2) (repeatable)
  -n, --namespace <name>     namespace of resources without metadata.namespace
      --strict-references    report references to objects missing from the input
                             even where the input holds none of their kind
      --kubernetes-version <1.x>
                             judge as the API server of this release does
                             (default: the newest release the checks know)
      --policy <glob>        ValidatingAdmissionPolicy and binding files to run on
                             the input, besides the config's \`policies:\` (repeatable)
      --crds <glob>          CustomResourceDefinition files whose custom resources
                             are validated, besides the config's \`crds:\` (repeatable)
      --ignore-pattern <glob>
                             skip matching files and folders (repeatable)
      --stdin-filename <name>
                             name shown for input read from stdin
      --staged               lint the manifests staged in git (what a pre-commit
                             hook checks), in one process, with the repository's
                             other manifests as context for references; with
                             nothing staged, every manifest git tracks
      --helm-chart <dir>     the chart that rendered Helm output on stdin came
                             from: findings go to its templates (default: the
                             chart under the working directory whose Chart.yaml
                             name the output's "# Source:" paths start with)
      --kustomize            render named folders that hold a kustomization.yaml
                             with \`kubectl kustomize\` (or \`kustomize build\`);
                             findings go to the files the resources came from
      --max-warnings <n>     exit 1 when there are more than n warnings
      --quiet                report errors only (with --fix: fix errors only)
      --fix                  fix what can be fixed safely (removed apiVersions,
                             deprecated AWS annotations, enum case typos), then
                             report what is left; files are rewritten atomically,
                             keeping comments and formatting
      --fix-dry-run          fix in memory only: write no file; with --format json
                             each fixed file's new text is its result's "output"
      --report-unused-disable-directives
                             report k8s-svc-lint-disable comments that suppress
                             no finding, as errors
      --no-color, --color    turn colours off or on (NO_COLOR is respected)
      --list-rules           list every rule with its severity and description
      --print-config         print the effective configuration as JSON
      --verbose              say on stderr what was read, and which references
                             could not be checked because their targets are not
                             in the input
  -v, --version              print the version
  -h, --help                 print this help

Exit codes: 0 no errors (warnings within --max-warnings), 1 lint errors,
2 usage, configuration or fatal input error.`;

const GRAPH_HELP = `Usage: k8s-svc-lint graph [options] <paths...>

Draws the network of the manifests: Ingress and routes -> Services -> workloads,
with broken references drawn by severity (error red, warning amber). Exits 0
unless it cannot run; use \`k8s-svc-lint <paths>\` for a verdict.

Options:
  -f, --format <name>        mermaid (default; bounded for GitHub), html (a
                             self-contained report with the findings), or json
                             (the topology as data)
  -o, --output-file <path>   write to a file instead of stdout
  -c, --config <path>        config file (default: .k8s-svc-lint.yaml, searched upward)
      --rule <id:severity>   set a rule's severity (repeatable)
  -n, --namespace <name>     namespace of resources without metadata.namespace
      --strict-references    draw references to objects missing from the input
                             as broken even where the input holds none of their kind
      --ignore-pattern <glob>
                             skip matching files and folders (repeatable)
      --stdin-filename <name>
                             name shown for input read from stdin
  -h, --help                 print this help`;

/** Each sub-command's own help (\`k8s-svc-lint <command> --help\`); the lint help for the rest. */
const TEST_HELP = `Usage: k8s-svc-lint test [options] <test-files...>

Runs policy tests: each test file names policies (ValidatingAdmissionPolicies, bindings, params),
resources, and for each resource the expected verdict (pass, fail with an optional message and
line, or skip). Prints a table and a "N passed, N failed" line. Strict: a pass where a fail was
expected, a skip where a pass was expected, an expectation naming no resource, and a policy that
matched nothing are all failures. The file format is in the README (Policies).

Options:
  -c, --config <path>        config file (default: .k8s-svc-lint.yaml, searched upward)
  -h, --help                 print this help

Exit codes: 0 every expectation met, 1 a mismatch, 2 a test file that cannot be used.`;

const COMMAND_HELP: Readonly<Record<string, string>> = { graph: GRAPH_HELP, test: TEST_HELP };

export function helpFor(command: string): string {
  return Object.hasOwn(COMMAND_HELP, command) ? COMMAND_HELP[command]! : HELP;
}

/** What `k8s-svc-lint graph` prints: Mermaid (default), the HTML report, or the topology as JSON. */
const GRAPH_FORMATS: readonly string[] = ['mermaid', 'html', 'json'];

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const command = argv[0] === 'graph' ? 'graph' : argv[0] === 'test' ? 'test' : argv[0] === 'policy' && argv[1] === 'export' ? 'policy-export' : 'lint';
  if (argv[0] === 'policy' && command === 'lint') throw new UsageError(`policy takes a sub-command: export${argv[1] === undefined ? '' : `, not "${argv[1]}"`}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice({ lint: 0, graph: 1, test: 1, 'policy-export': 2 }[command]),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        'list-rules': { type: 'boolean', default: false },
        'print-config': { type: 'boolean', default: false },
        namespace: { type: 'string', short: 'n' },
        'strict-references': { type: 'boolean' },
        'kubernetes-version': { type: 'string' },
        policy: { type: 'string', multiple: true, default: [] },
        crds: { type: 'string', multiple: true, default: [] },
        'ignore-pattern': { type: 'string', multiple: true, default: [] },
        'stdin-filename': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        'fix-dry-run': { type: 'boolean', default: false },
        'report-unused-disable-directives': { type: 'boolean', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        staged: { type: 'boolean', default: false },
        'helm-chart': { type: 'string' },
        kustomize: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  // As ESLint: there is no file to write for stdin; --fix-dry-run --format json shows the fixed text.
  if (values.fix && positionals.includes('-')) throw new UsageError('--fix cannot write to stdin input; use --fix-dry-run --format json to see the fixed text');
  if ((values.fix || values['fix-dry-run']) && values.kustomize) throw new UsageError('--fix and --fix-dry-run do not apply to rendered kustomize output; fix the source files');
  const format = values.format ?? (command === 'graph' ? 'mermaid' : 'stylish');
  if (command === 'graph' && !GRAPH_FORMATS.includes(format)) throw new UsageError(`graph draws ${GRAPH_FORMATS.join(', ')}, not "${format}"`);
  return {
    command,
    patterns: positionals,
    format,
    outputFile: values['output-file'],
    config: values.config,
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    quiet: values.quiet,
    rules: parseRuleOverrides(values.rule),
    listRules: values['list-rules'],
    printConfig: values['print-config'],
    namespace: values.namespace,
    strictReferences: values['strict-references'],
    kubernetesVersion: parseKubernetesVersionOption(values['kubernetes-version']),
    ignorePatterns: values['ignore-pattern'],
    stdinFilename: values['stdin-filename'],
    color: values['no-color'] ? false : values.color,
    verbose: values.verbose,
    fix: values.fix,
    fixDryRun: values['fix-dry-run'],
    reportUnusedDisableDirectives: values['report-unused-disable-directives'],
    version: values.version,
    help: values.help,
    staged: values.staged,
    helmChart: values['helm-chart'],
    kustomize: values.kustomize,
    policies: values.policy,
    crds: values.crds,
  };
}

function parseKubernetesVersionOption(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (parseKubernetesVersion(text) === undefined) throw new UsageError(`--kubernetes-version takes a Kubernetes release such as 1.34 (1.16 or newer), not "${text}"`);
  return text;
}

function parseMaxWarnings(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings takes a whole number, not "${text}"`);
  return Number(text);
}

function parseRuleOverrides(specs: readonly string[]): Record<string, SeverityOrOff> {
  const rules: Record<string, SeverityOrOff> = {};
  for (const spec of specs) {
    const colon = spec.lastIndexOf(':');
    const id = spec.slice(0, colon);
    const word = spec.slice(colon + 1);
    const severity = parseSeverity(word);
    if (colon <= 0 || severity === undefined) {
      throw new UsageError(`--rule takes <rule-id>:<off|warn|error>, not "${spec}"${colon > 0 ? severityHint(word) : ''}`);
    }
    rules[id] = severity;
  }
  return rules;
}
