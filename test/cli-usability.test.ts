/**
 * The small things users hit on the command line: sub-command help, severities spelled as other tools
 * spell them, an unknown rule located in the config, the --fix-dry-run diff, empty input said on
 * stderr, port lists without repeats.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { lintText } from '../src/lint.js';
import { runBuiltCli } from './harness/cli.js';

let root: string;

async function run(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: {},
    stdin: process.stdin,
    stdoutIsTTY: false,
    write: (text) => void (stdout += text),
    writeError: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const NODEPORT = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 40000
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cli-usability-'));
  write('svc/svc.yaml', NODEPORT);
  write('empty/.keep', '');
  write('values/values.yaml', 'replicaCount: 2\n');
  write('badrule/.k8s-svc-lint.yaml', 'nodePortRange: 30000-32767\nrules:\n  nodeport-range: warning\n  service-selektor-match: off\n');
  write('badrule/svc.yaml', NODEPORT);
  write('fixable/ing.yaml', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec:\n  rules: []\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('help', () => {
  it('`graph --help` prints the graph help, not the lint help (built CLI)', () => {
    const result = runBuiltCli(['graph', '--help'], { cwd: root });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: k8s-svc-lint graph \[options\] <paths\.\.\.>/);
    expect(result.stdout).toContain('mermaid (default');
    expect(result.stdout).not.toContain('--fix-dry-run');
  });

  it('the lint help points to the graph help', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toMatch(/^Usage: k8s-svc-lint \[options\]/);
    expect(stdout).toContain('k8s-svc-lint graph --help');
  });
});

describe('severities', () => {
  it.each([
    ['warning', 1],
    ['1', 1],
    ['2', 2],
    ['warn', 1],
  ])('--rule nodeport-range:%s gives severity %i', async (word, severity) => {
    const { code, stdout } = await run(['svc', '-f', 'json', '--rule', `nodeport-range:${word}`]);
    const messages = (JSON.parse(stdout) as { messages: { ruleId: string; severity: number }[] }[])[0]!.messages;
    expect(messages.find((m) => m.ruleId === 'nodeport-range')!.severity).toBe(severity);
    expect(code).toBe(severity === 2 ? 1 : 0);
  });

  it('--rule x:0 turns the rule off', async () => {
    const { stdout } = await run(['svc', '-f', 'json', '--rule', 'nodeport-range:0']);
    expect(stdout).not.toContain('nodeport-range');
  });

  it('a misspelt severity suggests the right word', async () => {
    const { code, stderr } = await run(['svc', '--rule', 'nodeport-range:err']);
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean "error"?');
  });

  it('the config accepts `warning` and says where an unknown rule is', async () => {
    const { code, stderr } = await run(['svc.yaml'], join(root, 'badrule'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown rule "service-selektor-match" in .*badrule\/\.k8s-svc-lint\.yaml:4; did you mean "service-selector-match"\?/);
  });

  it('a misspelt severity in the config suggests the right word', async () => {
    write('badseverity/.k8s-svc-lint.yaml', 'rules:\n  nodeport-range: Eror\n');
    const { code, stderr } = await run(['.'], join(root, 'badseverity'));
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean "error"?');
  });
});

describe('--fix-dry-run in stylish', () => {
  it('shows a unified diff of what would change and writes nothing', async () => {
    const before = readFileSync(join(root, 'fixable/ing.yaml'), 'utf8');
    const { stdout } = await run(['fixable', '--fix-dry-run']);
    expect(stdout).toContain(
      '--- fixable/ing.yaml\n+++ fixable/ing.yaml (fixed)\n@@ -1,3 +1,3 @@\n-apiVersion: extensions/v1beta1\n+apiVersion: networking.k8s.io/v1\n kind: Ingress\n metadata:\n',
    );
    expect(readFileSync(join(root, 'fixable/ing.yaml'), 'utf8')).toBe(before);
  });

  it('no diff without --fix-dry-run, nor in JSON', async () => {
    expect((await run(['fixable'])).stdout).not.toContain('+++');
    expect((await run(['fixable', '--fix-dry-run', '-f', 'json'])).stdout).not.toContain('+++');
  });
});

describe('empty input', () => {
  it('an empty folder says so on stderr, exit 0', async () => {
    const { code, stderr } = await run(['empty']);
    expect(code).toBe(0);
    expect(stderr).toContain('k8s-svc-lint: empty: no .yaml, .yml or .json files found');
  });

  it('files without a Kubernetes object say so', async () => {
    const { code, stderr } = await run(['values']);
    expect(code).toBe(0);
    expect(stderr).toContain('no Kubernetes manifests (documents with apiVersion and kind) in the 1 file(s) read');
  });

  it('manifests: nothing on stderr', async () => {
    expect((await run(['svc', '--rule', 'nodeport-range:off'])).stderr).toBe('');
  });
});

describe('port lists', () => {
  it('name each port once when several workloads declare it', async () => {
    const workload = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
---
`;
    const text = `${workload('web')}${workload('web-canary')}apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: htp }]
`;
    const { results } = await lintText(text, { filePath: 'x.yaml' });
    const message = results[0]!.messages.find((m) => m.ruleId === 'service-target-port')!.message;
    expect(message).toContain('(Deployment web, Deployment web-canary: http 8080/TCP)');
  });
});

describe('unifiedDiff', () => {
  it('hunks with two lines of context, far changes apart, line numbers of both texts', async () => {
    const { unifiedDiff } = await import('../src/format/diff.js');
    const before = Array.from({ length: 12 }, (_, i) => `l${i + 1}`).join('\n') + '\n';
    const after = before.replace('l2\n', 'L2\n').replace('l11\n', 'l11\nnew\n');
    expect(unifiedDiff('f.yaml', before, after, false)).toBe(
      ['--- f.yaml', '+++ f.yaml (fixed)', '@@ -1,4 +1,4 @@', ' l1', '-l2', '+L2', ' l3', ' l4', '@@ -10,3 +10,4 @@', ' l10', ' l11', '+new', ' l12', ''].join('\n'),
    );
  });

  it('makes the input terminal-safe', async () => {
    const { unifiedDiff } = await import('../src/format/diff.js');
    expect(unifiedDiff('f.yaml', 'a: 1\n', 'a: "\u001b[31m"\n', false)).not.toContain('\u001b');
  });
});
