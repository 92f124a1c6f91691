// Hostile input (issue 7): each of these gives a finding, or a one-line error and exit 2, never a
// stack trace, a hang or unbounded memory, and the other files are still linted. Most go through the
// real CLI (`dist/src/cli/main.js`, built by `npm test`'s pretest), with a timeout on every run.
// Covered elsewhere and not repeated here: the alias bomb's message, invalid UTF-8, binary and UTF-16
// files, an empty file, a file of only `---` and scalar or list documents one by one (source.test.ts),
// the size limit on a file read in process (file-limits.test.ts), link loops while walking (discover.test.ts).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLintResults } from '../src/engine/results.js';
import { json } from '../src/format/json.js';
import { MAX_FILE_BYTES, readSourceFile, readStdin } from '../src/source/read.js';
import { lintObjects, objectsFile } from './harness/objects.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const TIMEOUT_MS = 20_000;

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n';

function aliasBomb(): string {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    levels.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  }
  return `${levels.join('\n')}\n`;
}

/** Every field of the wrong type: a string where a list goes, a list where a map goes, numbers, nulls. */
const WRONG_TYPES = `apiVersion: v1
kind: Service
metadata:
  name: wrong
  labels: [a]
  annotations: "x"
spec:
  type: 7
  selector: [a]
  ports: "80"
  clusterIP: [None]
  externalName: {a: b}
  sessionAffinityConfig: 5
  loadBalancerSourceRanges: 10.0.0.0/8
---
apiVersion: v1
kind: Service
metadata: 5
spec:
  ports:
    - "80"
    - [80]
    - port: "eighty"
      targetPort: [http]
      nodePort: {a: 1}
      protocol: 6
    - null
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: wrong
  namespace: [x]
spec:
  selector: "app=web"
  template:
    metadata:
      labels: "app=web"
    spec:
      containers: {name: app}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: wrong
spec:
  serviceName: [web]
  template: [x]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: wrong
  annotations: {alb.ingress.kubernetes.io/listen-ports: 80, kubernetes.io/ingress.class: [alb]}
spec:
  ingressClassName: 5
  defaultBackend: "web"
  rules:
    - host: [a]
      http: {paths: {path: /}}
    - "rule"
  tls: {hosts: x}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: wrong
spec:
  podSelector: [a]
  policyTypes: Ingress
  ingress: {from: x}
  egress:
    - to: "x"
      ports: [{port: [1]}, 5]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: kube-proxy
  namespace: kube-system
data: [mode]
`;

interface Finding {
  readonly ruleId: string | null;
  readonly messageId?: string;
  readonly message: string;
  readonly line: number;
}

function run(args: readonly string[], options: { cwd: string; input?: string | Buffer; uid?: number; gid?: number }): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, ...options });
  expect(result.error, 'the run ends before its timeout').toBeUndefined();
  return result;
}

/** The findings per file of a `--format json` run, keyed by file name. */
function byFile(stdout: string, dir: string): Record<string, Finding[]> {
  const results = JSON.parse(stdout) as { filePath: string; messages: Finding[] }[];
  return Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages]));
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(1);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('one run over every hostile file', () => {
  let findings: Record<string, Finding[]>;
  let result: SpawnSyncReturns<string>;

  beforeAll(() => {
    const files: Record<string, string | Buffer> = {
      'alias-bomb.yaml': aliasBomb(),
      'deep-flow.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      'deep-map.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\nspec: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
      'deep-block.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nextra:\n${'- '.repeat(10_000)}x\n`,
      'deep-aliases.yaml': Array.from({ length: 10_000 }, (_, i) => (i === 0 ? 'x0: &a0 [1]' : `x${i}: &a${i} [*a${i - 1}]`)).join('\n'),
      'binary.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'latin1.yaml': Buffer.from([...Buffer.from('metadata:\n  name: caf'), 0xe9, 0x0a]),
      'empty.yaml': '',
      'dashes.yaml': '---\n---\n---\n',
      'tabs.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: web\n',
      'scalar.yaml': 'just a string\n',
      'list.yaml': '- a\n- b\n',
      'list-kind.yaml': `apiVersion: v1\nkind: List\nitems:\n  - hello\n  - 42\n  - [a]\n  - {foo: bar}\n${SERVICE.replace(/^/gm, '    ').replace(/^ {4}/, '  - ')}`,
      'wrong-types.yaml': WRONG_TYPES,
      'valid.yaml': SERVICE.replace('web', 'valid'),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    // 50 MB, sparse: judged by its size, never read.
    const huge = openSync(join(dir, 'huge.yaml'), 'w');
    ftruncateSync(huge, 50 * 1024 * 1024);
    closeSync(huge);
    symlinkSync('.', join(dir, 'loop')); // a directory symlink loop: walked once
    symlinkSync('self.yaml', join(dir, 'self.yaml')); // a file symlink loop: not a file, skipped while walking
    result = run(['.', '--format', 'json'], { cwd: dir });
    findings = byFile(result.stdout, dir);
  }, 60_000);

  it('ends with exit 1 (findings), no stack trace, nothing on stderr', () => {
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('lints every other file, once', () => {
    expect(Object.keys(findings).sort()).toEqual([
      'alias-bomb.yaml',
      'binary.yaml',
      'dashes.yaml',
      'deep-aliases.yaml',
      'deep-block.yaml',
      'deep-flow.yaml',
      'deep-map.yaml',
      'empty.yaml',
      'huge.yaml',
      'latin1.yaml',
      'list-kind.yaml',
      'list.yaml',
      'scalar.yaml',
      'tabs.yaml',
      'valid.yaml',
      'wrong-types.yaml',
    ]);
    expect(findings['valid.yaml']).toMatchObject([{ ruleId: 'nodeport-range', line: 9 }]);
  });

  it.each([
    ['alias-bomb.yaml', 'yaml-syntax', /Excessive alias count/],
    ['deep-aliases.yaml', 'yaml-syntax', /Excessive alias count/],
    ['deep-flow.yaml', 'yaml-syntax', /nested too deeply/],
    ['deep-map.yaml', 'yaml-syntax', /nested too deeply/],
    ['deep-block.yaml', 'yaml-syntax', /nested too deeply/],
    ['huge.yaml', 'file-unreadable', /50\.0 MB, over the 32 MB limit/],
    ['binary.yaml', 'yaml-syntax', /binary file/],
    ['latin1.yaml', 'yaml-syntax', /not valid UTF-8/],
    ['tabs.yaml', 'yaml-syntax', /Tabs are not allowed as indentation/],
  ])('%s: one %s finding', (file, ruleId, message) => {
    expect(findings[file]).toHaveLength(1);
    expect(findings[file]![0]).toMatchObject({ ruleId, message: expect.stringMatching(message) });
  });

  it.each(['empty.yaml', 'dashes.yaml', 'scalar.yaml', 'list.yaml'])('%s: not a manifest, a clean result', (file) => {
    expect(findings[file]).toEqual([]);
  });

  it('kind: List: each item that is not a Kubernetes object is a finding; the others are linted', () => {
    expect(findings['list-kind.yaml']!.map((f) => `${f.line} ${f.ruleId} ${f.message.split(',')[0]}`)).toEqual([
      '4 yaml-syntax items[0] of this List is a string',
      '5 yaml-syntax items[1] of this List is a number',
      '6 yaml-syntax items[2] of this List is a list',
      '7 yaml-syntax items[3] of this List has no kind',
      '16 nodeport-range nodePort 40000 is outside the node port range 30000-32767; the API server rejects it. Pick a port in the range',
    ]);
  });

  it('fields of the wrong type everywhere: schema findings, and no rule fails', () => {
    const found = findings['wrong-types.yaml']!;
    expect(found.filter((f) => f.messageId === 'crash')).toEqual([]);
    expect(found.filter((f) => f.ruleId === 'schema').length).toBeGreaterThanOrEqual(20);
    expect(found.map((f) => f.message)).toContain('spec.ports must be a list, but it is string "80"');
  });
});

describe('files that cannot be read', () => {
  // Root reads any file whatever its mode, so as root the CLI runs as `nobody` (uid 65534). That needs
  // a checkout `nobody` can reach; one cloned into a private folder (mktemp -d) is tested in process.
  const asRoot = process.getuid?.() === 0;
  const nobodyCanRunCli = !asRoot || spawnSync(process.execPath, [CLI, '--version'], { uid: 65534, gid: 65534, timeout: TIMEOUT_MS }).status === 0;

  it.skipIf(!nobodyCanRunCli)('an unreadable file is a finding; the other files are still linted', () => {
    const sub = mkdtempSync(join(dir, 'unreadable-'));
    chmodSync(dir, 0o755);
    chmodSync(sub, 0o755);
    writeFileSync(join(sub, 'secret.yaml'), SERVICE);
    chmodSync(join(sub, 'secret.yaml'), 0o000);
    writeFileSync(join(sub, 'valid.yaml'), SERVICE);
    chmodSync(join(sub, 'valid.yaml'), 0o644);
    const result = run(['.', '--format', 'json'], { cwd: sub, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    expectNoStackTrace(result.stderr);
    expect(result.status).toBe(1);
    const found = byFile(result.stdout, sub);
    expect(found['secret.yaml']).toMatchObject([{ ruleId: 'file-unreadable', line: 1, message: 'Cannot read this file (EACCES): permission denied' }]);
    expect(found['valid.yaml']).toMatchObject([{ ruleId: 'nodeport-range' }]);
  });

  it.skipIf(!nobodyCanRunCli)('an unreadable folder is a finding at that folder; the other files are still linted', () => {
    const sub = mkdtempSync(join(dir, 'unreadable-folder-'));
    chmodSync(dir, 0o755);
    chmodSync(sub, 0o755);
    mkdirSync(join(sub, 'locked'));
    writeFileSync(join(sub, 'locked', 'hidden.yaml'), SERVICE);
    chmodSync(join(sub, 'locked'), 0o000);
    writeFileSync(join(sub, 'valid.yaml'), SERVICE);
    chmodSync(join(sub, 'valid.yaml'), 0o644);
    const as = asRoot ? { uid: 65534, gid: 65534 } : {};
    const unreadable = [{ ruleId: 'file-unreadable', severity: 2, line: 1, message: 'Cannot read this folder (EACCES): permission denied; the files in it were not linted' }];
    const whole = run(['.', '--format', 'json'], { cwd: sub, ...as });
    expectNoStackTrace(whole.stderr);
    expect(whole.status).toBe(1);
    const found = byFile(whole.stdout, sub);
    expect(found['locked']).toMatchObject(unreadable);
    expect(found['valid.yaml']).toMatchObject([{ ruleId: 'nodeport-range' }]);
    // Named on its own, it used to be linted as empty: exit 0 and no output.
    const named = run(['locked', '--format', 'json'], { cwd: sub, ...as });
    expect({ status: named.status, stderr: named.stderr }).toEqual({ status: 1, stderr: '' });
    expect(byFile(named.stdout, sub)).toMatchObject({ locked: unreadable });
  });

  it.skipIf(!nobodyCanRunCli)('an unreadable kustomization is a finding; the files it would place are still linted', () => {
    const sub = mkdtempSync(join(dir, 'unreadable-kustomization-'));
    chmodSync(dir, 0o755);
    chmodSync(sub, 0o755);
    writeFileSync(join(sub, 'kustomization.yaml'), 'namespace: prod\nresources: [svc.yaml]\n');
    chmodSync(join(sub, 'kustomization.yaml'), 0o000);
    writeFileSync(join(sub, 'svc.yaml'), SERVICE);
    chmodSync(join(sub, 'svc.yaml'), 0o644);
    const result = run(['svc.yaml', '--format', 'json'], { cwd: sub, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    expectNoStackTrace(result.stderr);
    expect(result.status).toBe(1);
    const found = byFile(result.stdout, sub);
    expect(found['kustomization.yaml']).toMatchObject([
      { ruleId: 'file-unreadable', line: 1, message: 'Cannot read this kustomization (EACCES): the namespace it sets and the files it lists were not taken into account' },
    ]);
    expect(found['svc.yaml']).toMatchObject([{ ruleId: 'nodeport-range' }]);
  });

  it.skipIf(nobodyCanRunCli)('a file that cannot be read is a finding (in process, where `nobody` cannot reach this checkout)', async () => {
    const sub = mkdtempSync(join(dir, 'unreadable-'));
    // A link to nothing fails to read (ENOENT) for root too: the same path as a permission error.
    // (A folder is no longer opened at all: it is refused as "not a regular file" before any read.)
    symlinkSync('missing.yaml', join(sub, 'dangling.yaml'));
    const source = readSourceFile(join(sub, 'dangling.yaml'));
    expect(source.problems).toMatchObject([{ ruleId: 'file-unreadable', fatal: true, message: expect.stringMatching(/^Cannot read this file \(ENOENT\)/) }]);
  });

  it('a symlink loop named on the command line: one line, exit 2', () => {
    const sub = mkdtempSync(join(dir, 'loop-'));
    symlinkSync('self.yaml', join(sub, 'self.yaml'));
    const result = run(['self.yaml'], { cwd: sub });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 2, stderr: 'k8s-svc-lint: Cannot read self.yaml: it is a symbolic link loop\n' });
  });

  it('a file over the size limit is judged by its size: it is not read', async () => {
    const path = join(dir, 'sparse.yaml');
    const handle = openSync(path, 'w');
    ftruncateSync(handle, 50 * 1024 * 1024);
    closeSync(handle);
    // Bytes this process has read (Linux): reading the file would add 50 MB.
    const bytesRead = (): number | undefined => {
      if (!existsSync('/proc/self/io')) return undefined;
      return Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1]);
    };
    const before = bytesRead();
    const source = readSourceFile(path);
    const after = bytesRead();
    expect(source.problems).toMatchObject([{ ruleId: 'file-unreadable', message: expect.stringMatching(/50\.0 MB, over the 32 MB limit/) }]);
    if (before !== undefined && after !== undefined) expect(after - before).toBeLessThan(1024 * 1024);
  });

  it('endless stdin stops at the size limit', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(1 << 20, 'a');
    const endless = new Readable({
      read() {
        sent += chunk.length;
        this.push(chunk);
      },
    });
    const source = await readStdin('<stdin>', endless);
    expect(source.problems).toMatchObject([{ ruleId: 'file-unreadable', message: 'This input is over the 32 MB limit; it was not linted' }]);
    expect(sent).toBeLessThan(MAX_FILE_BYTES + 8 * chunk.length);
  });

  it('endless stdin through the CLI: a finding, exit 1, no hang', async () => {
    const child = spawn(process.execPath, [CLI, '-', '--format', 'json'], { cwd: dir, timeout: TIMEOUT_MS });
    const chunk = Buffer.alloc(1 << 20, 'a');
    child.stdin.on('error', () => {}); // EPIPE once the CLI stops reading
    const feed = (): void => {
      while (!child.stdin.destroyed && child.stdin.write(chunk));
    };
    child.stdin.on('drain', feed);
    feed();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject([{ messages: [{ ruleId: 'file-unreadable', message: 'This input is over the 32 MB limit; it was not linted' }] }]);
  });
});

describe('deep values past the parser', () => {
  // The YAML parser refuses nesting from about 1,000 levels on (above); values built in memory (the
  // library, an editor) can still be deeper. Rules, schema validation and the JSON output must not
  // recurse on them without bound.
  function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = wrap(value);
    return value;
  }

  it('10,000 levels in a Service, a Deployment and a CRD schema: findings, no rule fails, JSON output works', async () => {
    const deepMap = nested(10_000, 1, (inner) => ({ a: inner }));
    const deepList = nested(10_000, 1, (inner) => [inner]);
    const objects = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: deepMap, annotations: { a: deepList } }, spec: { selector: deepMap, ports: deepList } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { selector: { matchLabels: deepMap }, template: { metadata: { labels: deepMap }, spec: { containers: deepList } } },
      },
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'xs.example.com' },
        spec: {
          group: 'example.com',
          names: { kind: 'X', plural: 'xs' },
          scope: 'Namespaced',
          versions: [
            { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: nested(10_000, { type: 'string' }, (inner) => ({ type: 'object', properties: { a: inner } })) } },
          ],
        },
      },
    ];
    const { diagnostics } = await lintObjects(objects);
    expect(diagnostics.filter((d) => d.messageId === 'crash')).toEqual([]);
    expect(diagnostics.filter((d) => d.ruleId === 'schema').length).toBeGreaterThan(0);
    const results = toLintResults([objectsFile(objects)], diagnostics, new Set());
    expect(JSON.parse(await json(results, { cwd: '/virtual', rulesMeta: {}, color: false, toolVersion: '0' }))).toHaveLength(1);
  });
});

describe('line counting', () => {
  it('countLines records the line starts the parser records', async () => {
    const { LineCounter, parseAllDocuments } = await import('yaml');
    const { countLines } = await import('../src/source/parse.js');
    for (const text of ['', 'a: 1', 'a: 1\n', 'a: |\n  x\n  y\n\nb: "q\n  r"\r\n# c\n---\n- [1,\n  2]\n', '\n\n\n']) {
      const counter = new LineCounter();
      parseAllDocuments(text, { lineCounter: counter });
      expect(countLines(text).lineStarts).toEqual(counter.lineStarts);
    }
  });
});
