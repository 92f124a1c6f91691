/**
 * End to end: runs the built CLI (`dist/src/cli/main.js`, built by `npm run build` / the pretest
 * script) in a child process, in a temporary folder of manifests, and checks stdout, stderr and
 * the exit code.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { allRuleMetas } from '../src/engine/registry.js';

const PACKAGE_ROOT = join(import.meta.dirname, '..');
const BIN = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SARIF_SCHEMA = join(PACKAGE_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const ANSI = /\u001b\[\d+m/;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let root: string;

/** Runs the CLI with `args` in `cwd` (relative to the temp folder); `input` is piped to stdin. */
function cli(args: readonly string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return node([BIN, ...args], options);
}

/** Runs `node` with `args`, as `cli` does. */
function node(args: readonly string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, DEBUG: undefined, ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: join(root, options.cwd ?? '.'), env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

function write(path: string, text: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

/** nodePort 40000 on line 11, columns 17-22. */
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      nodePort: 40000
`;

/** An error (line 9) and a warning (line 12). */
const ERROR_AND_WARNING = `apiVersion: v1
kind: Service
metadata:
  name: both
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 40000
      name: http
    - port: 81
      nodePort: 31000
      name: metrics
`;

/** A warning only: nodePort 31000 (line 9) is in the dynamic band. */
const WARNING_ONLY = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 31000
`;

const OUT_OF_RANGE = 'nodePort 40000 is outside the node port range 30000-32767; the API server rejects it. Pick a port in the range, or leave it out to have one allocated';
const DYNAMIC_BAND =
  'nodePort 31000 is in the band 30086-32767 that Kubernetes allocates automatic node ports from, so another Service may take it first and this apply then fails. Pick a port in the static band 30000-30085, or leave it out';

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npm run build)`);
  root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-cli-')));
  write('range/svc.yaml', SERVICE);
  write('wide/svc.yaml', SERVICE);
  write('wide/.k8s-svc-lint.yaml', 'nodePortRange: 30000-45000\n');
  write('mixed/broken.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  selector: app: web\n  ports:\n    - port: 80\n');
  write('mixed/valid.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      nodePort: 30001\n');
  write('both/svc.yaml', ERROR_AND_WARNING);
  write('warn/svc.yaml', WARNING_ONLY);
  write('badkey/.k8s-svc-lint.yaml', 'nodePortRang: 30000-45000\n');
  write('badkey/svc.yaml', SERVICE);
  write('badsev/.k8s-svc-lint.yaml', 'rules:\n  nodeport-range: erorr\n');
  write('badsev/svc.yaml', SERVICE);
  write('limitrange/lr.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\nspec:\n  limits: "none"\n');
  write('weird/we,ird:name%.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: odd\nspec:\n  type: "50%"\n  ports:\n    - port: 80\n');
  write(
    'suppressed/svc.yaml',
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: quiet\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000 # k8s-svc-lint-disable-line nodeport-range\n      name: http\n    - port: 81\n      nodePort: 31000\n      name: metrics\n`,
  );
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.concurrent('exit codes and messages', () => {
  it('nodePort 40000: nodeport-range at the line and column of 40000, exit 1', async ({ expect }) => {
    const run = await cli(['range']);
    expect(run).toEqual({
      code: 1,
      stdout: `\nrange/svc.yaml\n  11:17  error  ${OUT_OF_RANGE}  nodeport-range\n\n✖ 1 problem (1 error, 0 warnings)\n`,
      stderr: '',
    });
  });

  it('the same file with nodePortRange: 30000-45000 in .k8s-svc-lint.yaml: no nodeport-range finding, exit 0', async ({ expect }) => {
    const run = await cli(['svc.yaml', '-f', 'json'], { cwd: 'wide' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    // What remains is a warning: 40000 is in the automatic band of the wider range (static band 30000-30127).
    expect(result!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toEqual(['nodeport-static-band 11:17']);
    expect(result!.messages[0]!.message).toContain('static band 30000-30127');
  });

  it('a folder with a broken file and a valid file with a mistake reports both, exit 1', async ({ expect }) => {
    const run = await cli(['mixed']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        '',
        'mixed/broken.yaml',
        '  6:13  error  YAML syntax error: Nested mappings are not allowed in compact mappings  yaml-syntax',
        '',
        'mixed/valid.yaml',
        '  8:17  error  nodePort 30001 is not allowed on a Service of type ClusterIP (no type is set, so ClusterIP); the API server rejects it. Set `type: NodePort` to open it on every node, or remove nodePort  nodeport-type',
        '',
        '✖ 2 problems (2 errors, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('a path that does not exist: exit 2, one line on stderr, no stack trace', async ({ expect }) => {
    const run = await cli(['range', 'missing.yaml']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'k8s-svc-lint: No such file or directory: missing.yaml\n' });
  });

  it('a glob matching nothing: exit 2, one line', async ({ expect }) => {
    const run = await cli(['**/*.yanl']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'k8s-svc-lint: No files match the pattern "**/*.yanl".\n' });
  });

  it('an invalid config key: exit 2, one line naming the key, with did-you-mean', async ({ expect }) => {
    const run = await cli(['svc.yaml'], { cwd: 'badkey' });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `k8s-svc-lint: ${join(root, 'badkey/.k8s-svc-lint.yaml')}: unknown key "nodePortRang"; did you mean "nodePortRange"?\n`,
    });
  });

  it('a bad severity in the config: exit 2, one line', async ({ expect }) => {
    const run = await cli(['svc.yaml'], { cwd: 'badsev' });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `k8s-svc-lint: ${join(root, 'badsev/.k8s-svc-lint.yaml')}: "rules.nodeport-range" is "erorr"; it must be one of "off", "warn", "error"; did you mean "error"?\n`,
    });
  });

  it('--config naming another file replaces the one found upward', async ({ expect }) => {
    const run = await cli(['svc.yaml', '--config', '../wide/.k8s-svc-lint.yaml', '-f', 'json'], { cwd: 'badkey' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toEqual(['nodeport-static-band']);
  });

  it('--rule nodeport-range:off', async ({ expect }) => {
    expect(await cli(['range', '--rule', 'nodeport-range:off'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--rule with an unknown rule: exit 2 with did-you-mean', async ({ expect }) => {
    const run = await cli(['range', '--rule', 'nodeport-rnage:off']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'k8s-svc-lint: Unknown rule "nodeport-rnage" in --rule; did you mean "nodeport-range"? (see --list-rules)\n',
    });
  });

  it('warnings alone exit 0', async ({ expect }) => {
    const run = await cli(['warn']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`\nwarn/svc.yaml\n  9:17  warning  ${DYNAMIC_BAND}  nodeport-static-band\n\n✖ 1 problem (0 errors, 1 warning)\n`);
  });

  it('--max-warnings 0 with a warning: exit 1 and a note on stderr', async ({ expect }) => {
    const run = await cli(['warn', '--max-warnings', '0']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nodeport-static-band');
    expect(run.stderr).toBe('k8s-svc-lint found too many warnings (maximum: 0).\n');
  });

  it('--max-warnings 1 with one warning: exit 0', async ({ expect }) => {
    expect((await cli(['warn', '--max-warnings', '1'])).code).toBe(0);
  });

  it('--quiet reports errors only', async ({ expect }) => {
    const run = await cli(['both', '--quiet']);
    expect(run).toEqual({
      code: 1,
      stdout: `\nboth/svc.yaml\n  9:17  error  ${OUT_OF_RANGE}  nodeport-range\n\n✖ 1 problem (1 error, 0 warnings)\n`,
      stderr: '',
    });
    expect(await cli(['warn', '--quiet'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('stdin via `-`', async ({ expect }) => {
    const run = await cli(['-'], { input: SERVICE });
    expect(run).toEqual({
      code: 1,
      stdout: `\n<stdin>\n  11:17  error  ${OUT_OF_RANGE}  nodeport-range\n\n✖ 1 problem (1 error, 0 warnings)\n`,
      stderr: '',
    });
  });

  it('stdin with --stdin-filename, in github format', async ({ expect }) => {
    const run = await cli(['-', '--stdin-filename', 'rendered.yaml', '-f', 'github'], { input: WARNING_ONLY });
    expect(run).toEqual({
      code: 0,
      stdout: `::warning file=rendered.yaml,line=9,col=17,endLine=9,endColumn=22,title=nodeport-static-band::${DYNAMIC_BAND}\n`,
      stderr: '',
    });
  });

  it('--stdin-filename: the JSON result names the absolute path, like ESLint (in process)', async ({ expect }) => {
    const run = await cliInProcess(['-', '--stdin-filename', 'charts/rendered.yaml', '-f', 'json'], { input: SERVICE });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([join(root, 'charts/rendered.yaml')]);
  });

  it('--output-file writes the report there and nothing to stdout', async ({ expect }) => {
    const run = await cli(['range', '-f', 'json', '--output-file', 'reports/out.json']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    const results = JSON.parse(readFileSync(join(root, 'reports/out.json'), 'utf8')) as { filePath: string; errorCount: number }[];
    expect(results).toEqual([expect.objectContaining({ filePath: join(root, 'range/svc.yaml'), errorCount: 1 })]);
  });

  it('an unknown option: exit 2', async ({ expect }) => {
    const run = await cli(['--bogus', 'range']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: "k8s-svc-lint: Unknown option '--bogus'\nRun `k8s-svc-lint --help` for usage.\n" });
  });

  it('an unknown format: exit 2, one line', async ({ expect }) => {
    const run = await cli(['range', '-f', 'nonexistent']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'k8s-svc-lint: Cannot find formatter "nonexistent": use one of stylish, json, sarif, github, markdown, mermaid, html, or install an ESLint formatter package (npm install --save-dev eslint-formatter-nonexistent)\n',
    });
  });
});

describe.concurrent('information', () => {
  it('--version', async ({ expect }) => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('--help', async ({ expect }) => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe('Usage: k8s-svc-lint [options] <paths...>');
    for (const option of [
      '--format',
      '--output-file',
      '--config',
      '--rule',
      '--ignore-pattern',
      '--stdin-filename',
      '--max-warnings',
      '--quiet',
      '--no-color',
      '--list-rules',
      '--print-config',
      '--version',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('Exit codes: 0 no errors');
  });

  it('--list-rules: every rule with its effective severity', async ({ expect }) => {
    const run = await cli(['--list-rules', '--rule', 'nodeport-static-band:error'], { cwd: 'wide' });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^rule\s+sev\s+category\s+description$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 3).join(' '))).toEqual(
      allRuleMetas().map((m) => `${m.id} ${m.id === 'nodeport-static-band' ? 'error' : m.optIn ? 'off' : m.defaultSeverity} ${m.category}`),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^nodeport-range +error +nodeport +A nodePort or healthCheckNodePort must lie inside the cluster node port range\.$/));
    // The columns line up: every description starts at the same column.
    const descriptionColumn = lines[0]!.indexOf('description');
    for (const [line, meta] of lines.slice(1).map((l, i) => [l, allRuleMetas()[i]!] as const)) expect(line.indexOf(meta.description)).toBe(descriptionColumn);
  });

  it('--print-config: the effective configuration as JSON', async ({ expect }) => {
    const run = await cli(['--print-config', '--rule', 'nodeport-range:warn', '-n', 'team-a'], { cwd: 'wide' });
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout) as Record<string, unknown> & { rules: Record<string, unknown> };
    expect(config).toMatchObject({
      configFile: join(root, 'wide/.k8s-svc-lint.yaml'),
      defaultNamespace: 'team-a',
      nodePortRange: '30000-45000',
      ignorePatterns: [],
    });
    expect(Object.keys(config.rules)).toEqual(allRuleMetas().map((m) => m.id));
    expect(config.rules['nodeport-range']).toEqual(['warn', {}]);
    expect(config.rules['nodeport-type']).toEqual(['error', {}]);
  });
});

describe.concurrent('colour', () => {
  it('--color forces ANSI escapes', async ({ expect }) => {
    const run = await cli(['range', '--color']);
    expect(run.stdout).toMatch(ANSI);
    expect(run.stdout).toContain('\u001b[31merror\u001b[39m');
  });

  it('--no-color and NO_COLOR: no escapes', async ({ expect }) => {
    for (const run of await Promise.all([cli(['range', '--no-color']), cli(['range'], { env: { NO_COLOR: '1' } })])) {
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('nodeport-range');
      expect(run.stdout).not.toMatch(ANSI);
    }
  });

  it('on a terminal: colour unless NO_COLOR or --no-color (in process)', async ({ expect }) => {
    const onTTY = async (args: string[], env: Record<string, string>): Promise<string> => {
      const run = await cliInProcess(args, { env, stdoutIsTTY: true });
      expect(run.code).toBe(1);
      return run.stdout;
    };
    expect(await onTTY(['range'], {})).toMatch(ANSI);
    expect(await onTTY(['range'], { NO_COLOR: '1' })).not.toMatch(ANSI);
    expect(await onTTY(['range', '--no-color'], {})).not.toMatch(ANSI);
    expect(await onTTY(['range', '--color'], { NO_COLOR: '1' })).toMatch(ANSI);
    expect(await onTTY(['range', '--color', '--no-color'], {})).not.toMatch(ANSI);
  });
});

/** runCli in this process: for decisions a child process cannot reach (a terminal) and plain usage errors. */
async function cliInProcess(args: string[], options: { env?: Record<string, string>; stdoutIsTTY?: boolean; input?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd: root,
    env: options.env ?? {},
    stdin: new PassThrough().end(options.input ?? ''),
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    write: (text) => (stdout += text),
    writeError: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('start-up: the bundle and its code cache', () => {
  it('the build made the bundle and a code cache for it that this Node accepts, with the V8 flags the command sets', async ({ expect }) => {
    const { BUNDLE, CODE_CACHE } = await import('../dist/src/cli/start-bundle.js');
    const bundle = readFileSync(BUNDLE);
    const cache = readFileSync(CODE_CACHE);
    const newline = cache.indexOf(10);
    expect(cache.toString('latin1', 0, newline)).toBe(createHash('sha256').update(bundle).digest('hex'));
    // V8 takes a cache only under the flags that made it: checked in a process that sets the command's.
    const check = (tune: boolean): Promise<Run> =>
      node([
        '--input-type=module',
        '-e',
        `${tune ? `(await import(${JSON.stringify(join(PACKAGE_ROOT, 'dist/src/cli/tune.js'))})).tuneForOneRun();` : ''}
         const { readFileSync } = await import('node:fs'); const { Script } = await import('node:vm'); const { Module } = await import('node:module');
         const cache = readFileSync(${JSON.stringify(CODE_CACHE)});
         const script = new Script(Module.wrap(readFileSync(${JSON.stringify(BUNDLE)}, 'utf8')), { filename: ${JSON.stringify(BUNDLE)}, cachedData: cache.subarray(cache.indexOf(10) + 1) });
         console.log(script.cachedDataRejected ? 'rejected' : 'accepted');`,
      ]);
    expect((await check(true)).stdout.trim()).toBe('accepted');
    // (And the check can tell: without the command's flags, V8 rejects the same cache.)
    expect((await check(false)).stdout.trim()).toBe('rejected');
  });

  /** Runs `--help` from a copy of the command (in dist/, for the package's files), after `change` edits the copy's folder. */
  async function helpFromCopy(change: (dir: string) => void): Promise<Run> {
    const copy = mkdtempSync(join(PACKAGE_ROOT, 'dist', 'start-up-test-'));
    try {
      for (const file of ['main.js', 'tune.js', 'start-bundle.js', 'program.js', 'cli.cjs', 'cli.cjs.cache'])
        copyFileSync(join(PACKAGE_ROOT, 'dist/src/cli', file), join(copy, file));
      change(copy);
      return await node([join(copy, 'main.js'), '--help']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }

  it('a cache made from another bundle is not used, even for a bundle of the same length (V8 would take it)', async ({ expect }) => {
    const run = await helpFromCopy((dir) => {
      const bundle = join(dir, 'cli.cjs');
      writeFileSync(bundle, readFileSync(bundle, 'utf8').replace('const HELP = `Usage:', 'const HELP = `USAGE:'));
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^USAGE: k8s-svc-lint/);
  });

  it('a cache that cannot be read is passed over', async ({ expect }) => {
    const run = await helpFromCopy((dir) => {
      rmSync(join(dir, 'cli.cjs.cache'));
      mkdirSync(join(dir, 'cli.cjs.cache'));
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: k8s-svc-lint/);
  });

  it('the bundle imports what it finds at run time: the validator of a less common kind, and a formatter package', async ({ expect }) => {
    const schema = await cli(['lr.yaml'], { cwd: 'limitrange' });
    expect(schema.stdout).toContain('6:11  error  spec.limits must be a list, but it is string "none"  schema');
    expect(schema).toMatchObject({ code: 1, stderr: '' });
    const junit = await cli(['lr.yaml', '--format', 'junit'], { cwd: 'limitrange' });
    expect(junit.stdout).toContain('<testsuite package="org.eslint"');
    expect(junit).toMatchObject({ code: 1, stderr: '' });
  });

  it('started from the modules instead, it prints the same', async ({ expect }) => {
    const program = pathToFileURL(join(PACKAGE_ROOT, 'dist/src/cli/program.js')).href;
    write('start-from-modules.mjs', `import { start } from ${JSON.stringify(program)};\nstart();\n`);
    const fromModules = await node([join(root, 'start-from-modules.mjs'), 'lr.yaml'], { cwd: 'limitrange' });
    expect(fromModules).toEqual(await cli(['lr.yaml'], { cwd: 'limitrange' }));
  });
});

describe('usage errors (in process)', () => {
  const usage = (line: string): string => `k8s-svc-lint: ${line}\nRun \`k8s-svc-lint --help\` for usage.\n`;

  it.each([
    [[], 'no input: name the files or directories to lint (e.g. `k8s-svc-lint .`), or `-` to read stdin'],
    [['warn', '--max-warnings', 'many'], '--max-warnings takes a whole number, not "many"'],
    [['warn', '--rule', 'nodeport-range'], '--rule takes <rule-id>:<off|warn|error>, not "nodeport-range"'],
    [['warn', '--rule', 'nodeport-range:fatal'], '--rule takes <rule-id>:<off|warn|error>, not "nodeport-range:fatal"'],
    [['warn', '--format'], "Option '-f, --format <value>' argument missing"],
  ])('%j', async (args, line) => {
    expect(await cliInProcess(args)).toEqual({ code: 2, stdout: '', stderr: usage(line) });
  });

  it('an internal error is one line without a stack trace, unless DEBUG asks', async () => {
    const formatterPath = join(root, 'throwing-formatter.mjs');
    writeFileSync(formatterPath, "export default () => { throw new Error('boom'); };\n");
    expect(await cliInProcess(['range', '-f', formatterPath])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'k8s-svc-lint: internal error: boom (set DEBUG=k8s-svc-lint for details)\n',
    });
    const debug = await cliInProcess(['range', '-f', formatterPath], { env: { DEBUG: 'k8s-svc-lint' } });
    expect(debug.stderr).toMatch(/^k8s-svc-lint: internal error: boom\nError: boom\n\s+at /);
  });
});

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  messageId: string;
  fatal?: boolean;
  suppressions?: unknown;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

describe.concurrent('formats', () => {
  it('stylish: a file header, aligned `line:col  severity  message  rule-id` rows and the summary', async ({ expect }) => {
    const run = await cli(['both', '-f', 'stylish']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '',
        'both/svc.yaml',
        `   9:17  error    ${OUT_OF_RANGE}  nodeport-range`,
        `  12:17  warning  ${DYNAMIC_BAND}  nodeport-static-band`,
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('json: ESLint LintResult[]', async ({ expect }) => {
    const run = await cli(['mixed', 'both', 'suppressed', '-f', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.map((r) => r.filePath)).toEqual(['both/svc.yaml', 'mixed/broken.yaml', 'mixed/valid.yaml', 'suppressed/svc.yaml'].map((p) => join(root, p)));
    const [both, broken, valid, suppressed] = results;
    expect(both).toEqual({
      filePath: join(root, 'both/svc.yaml'),
      messages: [
        {
          ruleId: 'nodeport-range',
          messageId: 'outOfRange',
          message: OUT_OF_RANGE,
          severity: 2,
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 22,
          nodeType: 'Service',
          source: null,
        },
        {
          ruleId: 'nodeport-static-band',
          messageId: 'dynamicBand',
          message: DYNAMIC_BAND,
          severity: 1,
          line: 12,
          column: 17,
          endLine: 12,
          endColumn: 22,
          nodeType: 'Service',
          source: null,
        },
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
    expect(broken).toMatchObject({ errorCount: 1, fatalErrorCount: 1, warningCount: 0 });
    expect(broken!.messages).toEqual([
      {
        ruleId: 'yaml-syntax',
        messageId: 'problem',
        message: 'YAML syntax error: Nested mappings are not allowed in compact mappings',
        severity: 2,
        fatal: true,
        line: 6,
        column: 13,
        endLine: 6,
        endColumn: 14,
        source: null,
      },
    ]);
    expect(valid!.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([['nodeport-type', 'clusterIP', 8, 17]]);
    expect(suppressed).toMatchObject({ errorCount: 0, warningCount: 1 });
    expect(suppressed!.messages.map((m) => m.ruleId)).toEqual(['nodeport-static-band']);
    expect(suppressed!.suppressedMessages).toEqual([
      expect.objectContaining({ ruleId: 'nodeport-range', line: 9, column: 17, suppressions: [{ kind: 'directive', justification: '' }] }),
    ]);
  });

  it('sarif: valid SARIF 2.1.0 with described rules, regions and relative uris', async ({ expect }) => {
    const run = await cli(['both', 'mixed', 'suppressed', 'weird', '-f', 'sarif']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const log = JSON.parse(run.stdout) as SarifLog;

    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);
    const valid = validate(log);
    expect(validate.errors ?? [], 'SARIF schema errors').toEqual([]);
    expect(valid).toBe(true);

    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    const driver = sarifRun!.tool.driver;
    expect(driver).toMatchObject({ name: 'k8s-svc-lint', version: VERSION });
    expect(driver.rules.map((r) => r.id)).toEqual(allRuleMetas().map((m) => m.id));
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length, rule.id).toBeGreaterThan(10);
      expect(rule.helpUri, rule.id).toMatch(new RegExp(`^https://\\S+/docs/rules/${rule.id}\\.md$`));
      expect(URL.canParse(rule.helpUri)).toBe(true);
    }

    const results = sarifRun!.results;
    const summary = results.map((r) => {
      const location = r.locations[0]!.physicalLocation;
      const region = location.region;
      return `${r.ruleId} ${r.level} ${location.artifactLocation.uri} ${region.startLine}:${region.startColumn}-${region.endLine}:${region.endColumn}${r.suppressions ? ' suppressed' : ''}`;
    });
    expect(summary).toEqual([
      'nodeport-range error both/svc.yaml 9:17-9:22',
      'nodeport-static-band warning both/svc.yaml 12:17-12:22',
      'yaml-syntax error mixed/broken.yaml 6:13-6:14',
      'nodeport-type error mixed/valid.yaml 8:17-8:22',
      'nodeport-static-band warning suppressed/svc.yaml 12:17-12:22',
      'nodeport-range error suppressed/svc.yaml 9:17-9:22 suppressed',
      'schema error weird/we%2Cird%3Aname%25.yaml 6:9-6:14',
    ]);
    for (const result of results) {
      const location = result.locations[0]!.physicalLocation.artifactLocation;
      expect(location.uriBaseId).toBe('%SRCROOT%');
      expect(isAbsolute(location.uri)).toBe(false);
      expect(location.uri).not.toMatch(/^[a-z]+:/);
      expect(driver.rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    }
    expect(results.find((r) => r.suppressions)!.suppressions).toEqual([{ kind: 'inSource' }]);
    expect(sarifRun!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`file://${root}/`);
  });

  it('github: workflow commands, ::error and ::warning, escaped', async ({ expect }) => {
    const run = await cli(['both', 'weird', '-f', 'github']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        `::error file=both/svc.yaml,line=9,col=17,endLine=9,endColumn=22,title=nodeport-range::${OUT_OF_RANGE}`,
        `::warning file=both/svc.yaml,line=12,col=17,endLine=12,endColumn=22,title=nodeport-static-band::${DYNAMIC_BAND}`,
        // In the file property `,` `:` `%` are escaped; in the message only `%` (commas and colons stay).
        '::error file=weird/we%2Cird%3Aname%25.yaml,line=6,col=9,endLine=6,endColumn=14,title=schema::spec.type is "50%25"; it must be one of ClusterIP, ExternalName, LoadBalancer, NodePort',
        '',
      ].join('\n'),
    );
  });

  it('github: a clean run prints nothing', async ({ expect }) => {
    expect(await cli(['range', '-f', 'github', '--rule', 'nodeport-range:off'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; helpUri: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex?: number;
      level: string;
      suppressions?: unknown[];
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }[];
    }[];
  }[];
}

describe('kubernetesVersion: the release whose API server verdicts are followed', () => {
  const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  trafficDistribution: PreferSameNode\n  ports:\n    - port: 80\n';
  const findings = (run: Run) => (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[]).flatMap((r) => r.messages);

  beforeAll(() => {
    write('k8s-version/svc.yaml', SERVICE);
    write('k8s-version-config/.k8s-svc-lint.yaml', 'kubernetesVersion: "1.33"\n');
    write('k8s-version-config/svc.yaml', SERVICE);
    write('k8s-version-bad/.k8s-svc-lint.yaml', 'kubernetesVersion: "2.0"\n');
    write('k8s-version-bad/svc.yaml', SERVICE);
  });

  it('by default (1.35) trafficDistribution: PreferSameNode is accepted: exit 0', async ({ expect }) => {
    const run = await cli(['svc.yaml', '--format', 'json'], { cwd: 'k8s-version' });
    expect(findings(run)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('--kubernetes-version 1.33 refuses it, at the value: exit 1', async ({ expect }) => {
    const run = await cli(['svc.yaml', '--format', 'json', '--kubernetes-version', '1.33'], { cwd: 'k8s-version' });
    expect(findings(run).map((m) => [m.ruleId, m.line, m.column])).toEqual([['api-validation', 8, 24]]);
    expect(findings(run)[0]!.message).toContain('Kubernetes 1.33');
    expect(run.code).toBe(1);
  });

  it('kubernetesVersion in the config file does the same, --print-config shows it, and the option overrides it', async ({ expect }) => {
    expect((await cli(['svc.yaml'], { cwd: 'k8s-version-config' })).code).toBe(1);
    const printed = await cli(['--print-config'], { cwd: 'k8s-version-config' });
    expect(JSON.parse(printed.stdout)).toMatchObject({ kubernetesVersion: '1.33' });
    expect(JSON.parse((await cli(['--print-config'], { cwd: 'k8s-version' })).stdout)).toMatchObject({ kubernetesVersion: '1.35' });
    expect((await cli(['svc.yaml', '--kubernetes-version', 'v1.34.2'], { cwd: 'k8s-version-config' })).code).toBe(0);
  });

  it('a version that is no Kubernetes release: one line on stderr, exit 2', async ({ expect }) => {
    const option = await cli(['svc.yaml', '--kubernetes-version', 'latest'], { cwd: 'k8s-version' });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--kubernetes-version takes a Kubernetes release such as 1.34');
    expect(option.stderr).not.toMatch(/\n\s+at /);
    const config = await cli(['svc.yaml'], { cwd: 'k8s-version-bad' });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('kubernetesVersion');
    expect(config.stderr).not.toMatch(/\n\s+at /);
  });
});
