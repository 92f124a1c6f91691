// Hostile repositories (issue 21), outputs: names, keys and file names written by whoever opened the
// pull request must not inject into any output. Each case is generated here: names and file names
// with CR/LF, ESC, BEL, `::`, `##[`, `%`, HTML, Markdown, Mermaid directives; kinds named after
// Object.prototype members. Every format, the Action's job summary and annotations, and a property
// test over random names and keys in every format.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatterContext } from '../src/format/context.js';
import { BUILTIN_FORMATTERS } from '../src/format/load.js';
import { markdownCode, markdownText, mermaidText, sarifUri, terminalReport, terminalText } from '../src/format/sanitize.js';
import { lintText } from '../src/lint.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const ACTION = join(ROOT, 'dist', 'src', 'action', 'main.js');
const TIMEOUT_MS = 30_000;

/** Strings an attacker would put in a name, a label, an annotation or a file name. */
const HOSTILE = [
  'a\r::warning file=x.yaml::injected-cr',
  'b\n::error::injected-lf',
  '  ::error::indented',
  '::set-output name=x::y',
  '##[error]v1-command',
  '\u001b]0;title\u0007\u001b[31mred\u001b[0m',
  'bell\u0007\u0008\u007f\u009b31m',
  'bidi\u202eevil\u2066x\u2069',
  'sep\u2028line\u2029para',
  '%0A::error::percent',
  '<img src=https://evil.example/pixel.png>',
  '<script>alert(1)</script>',
  '![pixel](https://evil.example/t.png) [click](https://evil.example/) # heading',
  'https://evil.example/autolink www.evil.example @someone',
  '| cell | `code` *em* _em_',
  '```\nfence',
  '%%{init: {"theme": "dark"}}%%',
  '"`**markdown string**`"',
  'quote"end]) --> x[',
  '${{ secrets.TOKEN }}',
];

/** File names: everything above that a file system allows (no `/`, no NUL). */
const FILE_NAMES = HOSTILE.map((name, i) => `${i}-${name.replace(/\//g, '∕')}.yaml`);

const LINE_COMMAND = /^\s*::/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function service(name: string, kind = 'Service'): string {
  return stringify({
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: name, labels: { [name]: name }, annotations: { [`x/${name}`]: name } },
    spec: { type: 'NodePort', selector: { [name]: name }, ports: [{ name, port: 80, targetPort: name, nodePort: 40000 }], externalName: name },
  });
}

function ingress(name: string): string {
  return stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: name },
    spec: { rules: [{ host: name, http: { paths: [{ path: `/${name}`, pathType: 'Prefix', backend: { service: { name, port: { name } } } }] } }] },
  });
}

function run(cmd: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, [cmd, ...args], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
    cwd: options.cwd,
    env: { PATH: process.env['PATH'], NO_COLOR: '1', ...options.env },
  });
  expect(result.error, 'the run ends before its timeout').toBeUndefined();
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result;
}

/** What every log line printed where the Actions runner reads it must satisfy. */
function expectNoForeignCommands(text: string): void {
  for (const line of text.split('\n')) {
    // A well-formed `::command` line is read as that command only; any other line must not hold the older `##[command]` form.
    if (LINE_COMMAND.test(line)) expect(line).toMatch(/^::(error|warning) (file=[^,:\r\n]*,line=\d+,col=\d+(,endLine=\d+)?(,endColumn=\d+)?,)?title=[^,:\r\n]*::[^\r\n]*$/);
    else expect(line).not.toMatch(/##\[/);
  }
  expect(text).not.toMatch(/\r/);
}

/** Markdown with no HTML but our own, no image, no link but to our docs, no autolink, no mention. */
function expectSafeMarkdown(text: string): void {
  const withoutOurs = text.replace(/<\/?(details|summary)>/g, '').replace(/<b>|<\/b>|<br\/>|<i>|<\/i>/g, '');
  // Inside a code span nothing is markup: HTML, links and autolinks are shown as text.
  const outsideMermaid = withoutOurs.replace(/```mermaid\n[\s\S]*?```\n/g, '').replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
  expect(outsideMermaid).not.toMatch(/</);
  expect(outsideMermaid).not.toMatch(/(?<!\\)!(?<!\\)\[/);
  for (const [, url] of outsideMermaid.matchAll(/\]\(([^)]*)\)/g)) expect(url).toMatch(/^https:\/\/github\.com\/k8s-svc-lint\/k8s-svc-lint\//);
  expect(outsideMermaid).not.toMatch(/https?:\/\/evil|www\.evil|@someone/i);
  for (const line of text.split('\n')) if (line.startsWith('#')) expect(line).toMatch(/^(## k8s-svc-lint|### Topology)$/);
  expect(text).not.toMatch(CONTROL);
  expectSafeMermaid(text);
}

/** Mermaid with no directive, no Markdown string, no unescaped quote or backtick inside a label. */
function expectSafeMermaid(text: string): void {
  for (const [, chart] of text.matchAll(/(?:^|```mermaid\n)(flowchart LR\n[\s\S]*?)(?:```|$)/g)) {
    expect(chart).not.toMatch(/%%\{|`/);
    for (const line of chart!.split('\n')) {
      if (line.trimStart().startsWith('%%')) continue;
      // A label is "…"; inside it no raw quote: the quotes of a line pair up.
      expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
      expect(line).not.toMatch(/<(?!\/?b>|br\/>|\/?i>)/);
    }
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-output-'));
  mkdirSync(join(dir, 'manifests'));
  HOSTILE.forEach((name, i) => writeFileSync(join(dir, 'manifests', FILE_NAMES[i]!), `${service(name)}---\n${ingress(name)}`));
  for (const kind of ['constructor', 'valueOf', 'toString', 'hasOwnProperty', '__proto__', 'isPrototypeOf']) {
    writeFileSync(join(dir, 'manifests', `kind-${kind}.yaml`), service('web', kind));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sanitisers', () => {
  it.each(HOSTILE)('terminal text stays on one line, no control character: %j', (name) => {
    const text = terminalText(name);
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toMatch(/[\r\n]/);
    expect(text).not.toMatch(/##\[/);
    expect(
      terminalReport(`${name}\n${name}`)
        .split('\n')
        .every((line) => !LINE_COMMAND.test(line)),
    ).toBe(true);
  });

  it.each(HOSTILE)('markdown text and code spans render the text, nothing else: %j', (name) => {
    expectSafeMarkdown(`- ${markdownText(name)}\n| ${markdownCode(name)} |\n`);
    expect(markdownCode(name)).not.toMatch(/(?<!\\)\|/);
  });

  it.each(HOSTILE)('mermaid labels: %j', (name) => {
    const label = mermaidText(name);
    expect(label).not.toMatch(/["`%{}<>]/);
    expect(label).not.toMatch(/[\r\n]/);
  });

  it('SARIF URIs: each segment percent-encoded, no scheme, query or fragment', () => {
    for (const name of FILE_NAMES) expect(sarifUri(`manifests/${name}`)).toMatch(/^manifests\/[A-Za-z0-9\-._~%]+$/);
  });
});

describe('every format over hostile names, file names and kinds', () => {
  const formats = ['stylish', 'json', 'sarif', 'github', 'markdown', 'html'] as const;
  const runs = new Map<string, SpawnSyncReturns<string>>();
  beforeAll(() => {
    for (const format of formats) runs.set(format, run(CLI, ['manifests', '--format', format], { cwd: dir }));
    runs.set('mermaid', run(CLI, ['graph', 'manifests'], { cwd: dir }));
  }, 120_000);

  it.each([...formats, 'mermaid'])('%s: exit 0 or 1, nothing on stderr, no rule failed', (format) => {
    const result = runs.get(format)!;
    expect([0, 1]).toContain(result.status);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/failed on this|internal error/);
  });

  it('stylish: no line starts a workflow command, no control character, every file named', () => {
    const out = runs.get('stylish')!.stdout;
    expectNoForeignCommands(out);
    expect(out).not.toMatch(CONTROL);
    for (const i of HOSTILE.keys()) expect(out).toContain(`manifests/${i}-`);
  });

  it('github: only our own well-formed commands, one per finding', () => {
    const out = runs.get('github')!.stdout;
    expectNoForeignCommands(out);
    const results = JSON.parse(runs.get('json')!.stdout) as { messages: unknown[] }[];
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(results.reduce((n, r) => n + r.messages.length, 0));
  });

  it('markdown: no HTML, image, foreign link, autolink, mention or heading from the input', () => {
    expectSafeMarkdown(runs.get('markdown')!.stdout);
  });

  it('mermaid: no directive, Markdown string or broken label', () => {
    const out = runs.get('mermaid')!.stdout;
    expect(out.startsWith('flowchart LR\n')).toBe(true);
    expectSafeMermaid(out);
  });

  it('sarif: relative, percent-encoded URIs that name each file', () => {
    const log = JSON.parse(runs.get('sarif')!.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    for (const uri of uris) expect(uri).toMatch(/^manifests\/[A-Za-z0-9\-._~%]+$/);
    for (const name of FILE_NAMES) expect([...uris].map(decodeURIComponent)).toContain(`manifests/${name}`);
  });

  it.each(['markdown', 'mermaid', 'html'])('%s printed to a CI log: no line starts a workflow command', (format) => {
    expectNoForeignCommands(runs.get(format)!.stdout);
  });

  it('html: no element or attribute from the input', () => {
    const out = runs.get('html')!.stdout;
    expect(out).not.toMatch(/<img|<script>alert|onerror=/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('SARIF file names', () => {
  it('`..x.yaml` inside the working directory is relative; `<dup>.yaml` keeps its name', () => {
    const sub = mkdtempSync(join(dir, 'sarif-'));
    writeFileSync(join(sub, '..x.yaml'), service('web'));
    writeFileSync(join(sub, '<dup>.yaml'), service('web'));
    const log = JSON.parse(run(CLI, ['.', '--format', 'sarif'], { cwd: sub }).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(['%3Cdup%3E.yaml', '..x.yaml']);
  });
});

describe('the Action on a hostile repository', () => {
  function action(workspace: string, inputs: Record<string, string> = {}): { result: SpawnSyncReturns<string>; summary: string; sarif: string | undefined } {
    const summaryPath = join(workspace, '..', `${workspace.split('/').at(-1)}-summary.md`);
    writeFileSync(summaryPath, '');
    const result = run(ACTION, [], {
      cwd: workspace,
      env: { GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summaryPath, INPUT_PATHS: 'manifests', INPUT_SARIF_FILE: 'out.sarif', ...inputs },
    });
    const sarifPath = join(workspace, 'out.sarif');
    return { result, summary: readFileSync(summaryPath, 'utf8'), sarif: existsSync(sarifPath) ? readFileSync(sarifPath, 'utf8') : undefined };
  }

  it('annotations, job summary and SARIF are written, with nothing injected; kinds like constructor do not fail it', () => {
    const { result, summary, sarif } = action(dir, { INPUT_FAIL_ON: 'never' });
    expect(result.status).toBe(0);
    expectNoForeignCommands(result.stdout);
    expect(result.stdout).toMatch(/k8s-svc-lint: \d+ error\(s\)/);
    expect(summary).toContain('## k8s-svc-lint');
    expect(summary).toContain('### Topology');
    expectSafeMarkdown(summary);
    expect(JSON.parse(sarif!).runs[0].results.length).toBeGreaterThan(0);
  });

  it('an output that cannot be written costs only itself: the SARIF is still written, the failure is one annotation, exit 2', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-summary-'));
    mkdirSync(join(workspace, 'manifests'));
    writeFileSync(join(workspace, 'manifests', 'svc.yaml'), service('web'));
    const result = run(ACTION, [], {
      cwd: workspace,
      env: { GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: join(workspace, 'manifests'), INPUT_PATHS: 'manifests', INPUT_SARIF_FILE: 'out.sarif', INPUT_FAIL_ON: 'never' },
    });
    expect(result.status).toBe(2);
    expectNoForeignCommands(result.stdout);
    expect(result.stdout).toMatch(/^::error title=k8s-svc-lint::internal error writing the job summary: EISDIR/m);
    expect(JSON.parse(readFileSync(join(workspace, 'out.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('a config with a hostile key: one well-formed error annotation, exit 2', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-config-'));
    mkdirSync(join(workspace, 'manifests'));
    writeFileSync(join(workspace, 'manifests', 'svc.yaml'), service('web'));
    writeFileSync(join(workspace, '.k8s-svc-lint.yaml'), stringify({ 'x\r\n::error::from-config\u001b[31m': 1 }));
    const { result } = action(workspace);
    expect(result.status).toBe(2);
    expectNoForeignCommands(result.stdout);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('the CLI: a config error with a hostile key is one terminal-safe line on stderr', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-config-'));
    writeFileSync(join(workspace, 'svc.yaml'), service('web'));
    writeFileSync(join(workspace, '.k8s-svc-lint.yaml'), stringify({ 'x\n::error::from-config\u001b[31m': 1 }));
    const result = run(CLI, ['.'], { cwd: workspace });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expectNoForeignCommands(result.stderr);
    expect(result.stderr).not.toMatch(CONTROL);
    rmSync(workspace, { recursive: true, force: true });
  });
});

describe('property: random names and keys in every format', () => {
  const FRAGMENTS = fc.constantFrom(
    ...HOSTILE,
    'constructor',
    '__proto__',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '%',
    '::',
    '\r\n',
    '\u001b',
    '<',
    '`',
    '"',
    '|',
    '#',
    '{{',
    '}}',
  );
  const NAME = fc.oneof(
    fc.string({ maxLength: 20, unit: 'binary' }),
    FRAGMENTS,
    fc.array(FRAGMENTS, { maxLength: 3 }).map((parts) => parts.join('')),
  );
  const KINDS = fc.constantFrom('Service', 'Deployment', 'Ingress', 'NetworkPolicy', 'constructor', 'valueOf', '__proto__', 'toString', 'hasOwnProperty');

  const MANIFEST = fc.record({ kind: KINDS, name: NAME, key: NAME, value: NAME, namespace: NAME }).map(({ kind, name, key, value, namespace }) =>
    stringify({
      apiVersion: kind === 'Deployment' ? 'apps/v1' : kind === 'Ingress' || kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'v1',
      kind,
      metadata: { name, namespace, labels: { [key]: value }, annotations: { [key]: value } },
      spec: {
        selector: kind === 'Deployment' ? { matchLabels: { [key]: value } } : { [key]: value },
        podSelector: { matchLabels: { [key]: value } },
        template: { metadata: { labels: { [key]: value } }, spec: { containers: [{ name, ports: [{ name: value, containerPort: 80 }] }] } },
        ports: [{ name: value, port: 80, targetPort: value }],
        rules: [{ host: value, http: { paths: [{ path: `/${key}`, backend: { service: { name: value, port: { name: key } } } }] } }],
      },
    }),
  );

  it('no rule fails, no format throws, and no output carries an injection', async () => {
    const context = formatterContext({ cwd: '/repo' });
    await fc.assert(
      fc.asyncProperty(fc.array(MANIFEST, { minLength: 1, maxLength: 4 }), NAME, async (docs, fileName) => {
        const filePath = `/repo/${fileName.replace(/\//g, '_') || 'x'}.yaml`;
        const output = await lintText(docs.join('---\n'), { filePath, cwd: '/repo' });
        for (const result of output.results) expect(result.messages.filter((m) => m.messageId === 'crash')).toEqual([]);
        const topology = output.topology();
        for (const [name, formatter] of Object.entries(BUILTIN_FORMATTERS)) {
          const text = await formatter(output.results, { ...context, topology });
          if (name === 'stylish') {
            expectNoForeignCommands(text);
            expect(text).not.toMatch(CONTROL);
          }
          if (name === 'github') expectNoForeignCommands(text);
          if (name === 'markdown') expectSafeMarkdown(text);
          if (name === 'mermaid') expectSafeMermaid(text);
          if (name === 'json' || name === 'sarif') JSON.parse(text);
          if (name === 'html') expect(text).not.toMatch(/<img|<script>alert/i);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
