import { parseArgs } from 'node:util';
import type { SeverityOrOff } from '../api/types.js';

export class UsageError extends Error {}

export interface CliOptions {
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
  readonly ignorePatterns: string[];
  readonly stdinFilename?: string;
  /** undefined: decide from the terminal and NO_COLOR. */
  readonly color?: boolean;
  readonly verbose: boolean;
  readonly version: boolean;
  readonly help: boolean;
}

export const HELP = `Usage: k8s-svc-lint [options] <paths...>

Lints Kubernetes manifests for Service networking mistakes: files, directories
(*.yaml, *.yml, *.json, recursively), globs, or - for stdin.

Options:
  -f, --format <name>        stylish (default), json, sarif, github, markdown, or an
                             ESLint formatter package (eslint-formatter-<name>)
  -o, --output-file <path>   write the report to a file instead of stdout
  -c, --config <path>        config file (default: .k8s-svc-lint.yaml, searched upward)
      --rule <id:severity>   set a rule's severity: off, warn or error (repeatable)
  -n, --namespace <name>     namespace of resources without metadata.namespace
      --strict-references    report references to objects missing from the input
                             even where the input holds none of their kind
      --ignore-pattern <glob>
                             skip matching files and folders (repeatable)
      --stdin-filename <name>
                             name shown for input read from stdin
      --max-warnings <n>     exit 1 when there are more than n warnings
      --quiet                report errors only
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

const SEVERITIES = new Set(['off', 'warn', 'error']);

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        'output-file': { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        'list-rules': { type: 'boolean', default: false },
        'print-config': { type: 'boolean', default: false },
        namespace: { type: 'string', short: 'n' },
        'strict-references': { type: 'boolean' },
        'ignore-pattern': { type: 'string', multiple: true, default: [] },
        'stdin-filename': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  return {
    patterns: positionals,
    format: values.format!,
    outputFile: values['output-file'],
    config: values.config,
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    quiet: values.quiet!,
    rules: parseRuleOverrides(values.rule!),
    listRules: values['list-rules']!,
    printConfig: values['print-config']!,
    namespace: values.namespace,
    strictReferences: values['strict-references'],
    ignorePatterns: values['ignore-pattern']!,
    stdinFilename: values['stdin-filename'],
    color: values['no-color'] ? false : values.color,
    verbose: values.verbose!,
    version: values.version!,
    help: values.help!,
  };
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
    const severity = spec.slice(colon + 1);
    if (colon <= 0 || !SEVERITIES.has(severity)) {
      throw new UsageError(`--rule takes <rule-id>:<off|warn|error>, not "${spec}"`);
    }
    rules[id] = severity as SeverityOrOff;
  }
  return rules;
}
