// Hostile repositories (issue 21), time and size: every regular expression and glob that reads input
// text, given long adversarial lines, ends in bounded time; findings and messages are bounded; the
// formatters are linear in the number of findings. Each input is generated here. The limits are
// generous (a loaded 2-core machine); the quadratic versions took from 6 s to minutes on these inputs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capFindings, MAX_FINDINGS_PER_RULE_AND_FILE } from '../src/engine/cap.js';
import { boundValue, MAX_VALUE_LENGTH } from '../src/engine/interpolate.js';
import { formatterContext } from '../src/format/context.js';
import { BUILTIN_FORMATTERS } from '../src/format/load.js';
import { terminalText } from '../src/format/sanitize.js';
import { MAX_SELECTED_DRAWN } from '../src/graph/topology.js';
import { topLevelSetting } from '../src/k8s/kube-proxy.js';
import { lint, lintText } from '../src/lint.js';
import { discoverFiles } from '../src/source/discover.js';
import { globMatcher } from '../src/source/glob.js';
import { helmSources } from '../src/source/helm-sources.js';
import { parseSource } from '../src/source/parse.js';
import type { Diagnostic } from '../src/api/types.js';
import { lintObjects } from './harness/objects.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
/** A bound for work that takes milliseconds when linear. */
const FAST_MS = 2_000;

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

async function timedAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-time-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regular expressions and globs on long adversarial input', () => {
  it('terminal text: a value with 100,000 spaces around line breaks', () => {
    const value = `a${' '.repeat(100_000)}\n${' '.repeat(100_000)}b${' \n'.repeat(50_000)}x`;
    const { value: text, ms } = timed(() => terminalText(value));
    expect(ms).toBeLessThan(FAST_MS);
    expect(text.startsWith('a b')).toBe(true);
  });

  it('stylish: a message with 100,000 spaces', async () => {
    const results = [
      {
        filePath: '/r/x.yaml',
        messages: [{ ruleId: 'r', severity: 2 as const, message: `x${' '.repeat(100_000)}y`, line: 1, column: 1 }],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ];
    const { ms } = await timedAsync(async () => BUILTIN_FORMATTERS['stylish']!(results as never, formatterContext({ cwd: '/r' })));
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('Helm `# Source:` lines: 200,000 spaces in one, 10,000 short ones', () => {
    const text = `# Source: ${'a '.repeat(100_000)}\u0001\n${'# Source: x/y.yaml\n'.repeat(10_000)}`;
    const { value: sources, ms } = timed(() => helmSources(text));
    expect(ms).toBeLessThan(FAST_MS);
    expect(sources).toHaveLength(10_001);
  });

  it('Helm output on stdin: a long `# Source:` line and many findings, through the CLI', () => {
    const docs = Array.from(
      { length: 2_000 },
      (_, i) =>
        `---\n# Source: chart/templates/svc${i}.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 40000}]\n`,
    );
    const input = `# Source: ${' '.repeat(200_000)}x\n${docs.join('')}`;
    const started = Date.now();
    const result = spawnSync(process.execPath, [CLI, '-', '--format', 'json'], { cwd: dir, input, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(2_000);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('kube-proxy config: 30,000 " #" pairs and 100,000 trailing blanks', () => {
    const text = `mode: ipvs${' #'.repeat(30_000)}\nmode: ${'x #'.repeat(30_000)}${' \t'.repeat(50_000)}y\n`;
    const { value, ms } = timed(() => topLevelSetting(text, 'mode'));
    expect(ms).toBeLessThan(FAST_MS);
    expect(value?.value).toBe('x');
  });

  it('ignorePatterns from config: `*a*a*a*a*a*a*a*a*a*a*a*a*b` and friends against long names', async () => {
    const names = ['a'.repeat(34), `${'a'.repeat(200)}c`, `${'ab'.repeat(100)}.yaml`];
    for (const name of names) writeFileSync(join(dir, name), 'x: 1\n');
    const patterns = ['*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', `${'{a,b}'.repeat(40)}`, `${'['.repeat(5_000)}a`, `${'{'.repeat(5_000)}a,b`];
    const { ms } = await timedAsync(() => discoverFiles(['.'], { cwd: dir, ignore: [{ baseDir: dir, patterns }] }));
    expect(ms).toBeLessThan(FAST_MS);
    const matcher = globMatcher(patterns);
    const { ms: direct } = timed(() => names.map((n) => matcher(`${'x/'.repeat(500)}${n}`)));
    expect(direct).toBeLessThan(FAST_MS);
  });

  it('the glob matcher agrees with picomatch on ordinary patterns', () => {
    const SEGMENT = fc.constantFrom('a', 'b', 'ab', '.hidden', 'x.yaml', 'y.yml', 'z.json', 'a.b.yaml');
    const PATH = fc.array(SEGMENT, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const PART = fc.constantFrom('*', '**', 'a', 'b', '*.yaml', '*.{yaml,yml}', '?', 'a*', '[ab]', '[^a]*', 'x.yaml', '.hidden', '{a,b}', '*b*');
    const PATTERN = fc.array(PART, { minLength: 1, maxLength: 4 }).map((p) => p.join('/'));
    fc.assert(
      fc.property(PATTERN, PATH, (pattern, path) => {
        // picomatch matches `a/**` against `a` but not `*/**`; this matcher takes both (the ignore list adds `x/**` for `x` anyway).
        fc.pre(!pattern.endsWith('/**'));
        expect(globMatcher([pattern])(path), `${pattern} ~ ${path}`).toBe(picomatch(pattern, { dot: true })(path));
      }),
      { numRuns: 2_000 },
    );
    // `[!a]` negates as in the shell (picomatch 4 reads `[!a]*` as matching `a`).
    expect([globMatcher(['[!a]*'])('a'), globMatcher(['[!a]*'])('b'), globMatcher(['!*.json'])('x.yaml'), globMatcher(['a\\*'])('a*'), globMatcher(['a\\*'])('ab')]).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('the duplicate-key check of the full parse: 100,000 keys', () => {
    // A suppression comment sends the file to the full parser at once (as a finding's position does).
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: v`).join('\n');
    const text = `# k8s-svc-lint-disable-next-line nodeport-range\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n${keys}\n  k7: again\n`;
    const { value: source, ms } = timed(() => parseSource('/r/many-keys.yaml', text));
    expect(ms).toBeLessThan(20_000);
    expect(source.problems.map((p) => [p.ruleId, p.message.split(' ')[1]])).toEqual([['duplicate-key', '`k7`']]);
  });

  it('a file with 50,000 keys and a finding is linted, with both findings', async () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: v`).join('\n');
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n${keys}\n  k7: again\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 40000}]\n`;
    const output = await lintText(text, { filePath: '/r/many-keys.yaml' });
    const found = output.results[0]!.messages.map((m) => `${m.ruleId}:${m.line}`);
    expect(found).toContain('duplicate-key:50006');
    expect(found).toContain('nodeport-range:50009');
  }, 30_000);
});

describe('bounded findings and messages', () => {
  it('a 300 KB load-balancer-source-ranges annotation: at most the cap per rule and file, one more that counts the rest; every format works', async () => {
    const ranges = Array(150_000).fill('x').join(',');
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\n  annotations:\n    service.beta.kubernetes.io/load-balancer-source-ranges: "${ranges}"\nspec:\n  type: LoadBalancer\n  ports: [{port: 80}]\n`;
    const output = await lintText(text, { filePath: '/r/lb.yaml', cwd: '/r' });
    const messages = output.results[0]!.messages.filter((m) => m.ruleId === 'lb-source-ranges');
    expect(messages).toHaveLength(MAX_FINDINGS_PER_RULE_AND_FILE + 1);
    expect(messages.at(-1)!.message).toMatch(/^149,800 more lb-source-ranges findings in this file/);
    const context = { ...formatterContext({ cwd: '/r' }), topology: output.topology() };
    for (const [name, formatter] of Object.entries(BUILTIN_FORMATTERS)) {
      const { value: out, ms } = await timedAsync(async () => formatter(output.results, context));
      expect(ms, name).toBeLessThan(FAST_MS);
      expect(out.length, name).toBeLessThan(2_000_000);
    }
  });

  it('capFindings keeps the first by position and counts the rest, per rule and file', () => {
    const d = (file: string, ruleId: string, line: number, severity: 1 | 2 = 1): Diagnostic => ({
      ruleId,
      messageId: 'm',
      message: 'x',
      severity,
      filePath: file,
      line,
      column: 1,
      endLine: line,
      endColumn: 2,
      nodeType: 'Service',
    });
    const many = Array.from({ length: 10 }, (_, i) => d('a', 'r', 10 - i, i === 0 ? 2 : 1));
    const capped = capFindings([...many, d('a', 'other', 1), d('b', 'r', 1)], 3);
    const ofA = capped.filter((c) => c.filePath === 'a' && c.ruleId === 'r');
    expect(ofA.map((c) => c.line)).toEqual([1, 2, 3, 4]);
    expect(ofA[3]).toMatchObject({ messageId: 'moreFindings', severity: 2, message: expect.stringMatching(/^7 more r findings/) });
    expect(capped).toHaveLength(6);
  });

  it('a long list in a message: its first items and how many more', () => {
    const value = Array.from({ length: 1_500 }, (_, i) => `Deployment web-${i}`).join(', ');
    const bounded = boundValue(value);
    expect(bounded.length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
    expect(bounded).toMatch(/^Deployment web-0, Deployment web-1, .* and 1,4\d\d more$/);
    expect(boundValue('x'.repeat(100_000))).toHaveLength(MAX_VALUE_LENGTH);
    expect(boundValue('short, list')).toBe('short, list');
  });

  it('500 Services and 500 Deployments sharing a selector with a wrong targetPort: a report of bounded size', async () => {
    const sub = join(dir, 'shared-selector');
    mkdirSync(sub);
    const docs: string[] = [];
    for (let i = 0; i < 500; i++) {
      docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: nope}]\n`);
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080, name: http}]}]}\n`,
      );
    }
    writeFileSync(join(sub, 'all.yaml'), docs.join('---\n'));
    const { results } = await lint({ patterns: ['.'], cwd: sub, config: {} });
    const messages = results.flatMap((r) => r.messages);
    expect(messages.filter((m) => m.ruleId === 'service-target-port')).toHaveLength(MAX_FINDINGS_PER_RULE_AND_FILE + 1);
    for (const m of messages) expect(m.message.length).toBeLessThan(2_000);
  }, 60_000);

  it('the topology of 200 Services sharing one selector over 200 workloads: at most 50 edges each, the rest counted', async () => {
    const docs: string[] = [];
    for (let i = 0; i < 200; i++) {
      docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`);
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x}]}\n`,
      );
    }
    const topology = (await lintText(docs.join('---\n'), { filePath: '/r/all.yaml' })).topology();
    expect(topology.edges.filter((e) => e.kind === 'selector')).toHaveLength(200 * MAX_SELECTED_DRAWN);
    expect(topology.nodes.find((n) => n.name === 's0')!.detail).toBe(`ClusterIP · selects 200 workloads, ${MAX_SELECTED_DRAWN} drawn`);
    expect(topology.nodes.filter((n) => n.kind === 'workload')).toHaveLength(200);
  }, 60_000);

  it('20,000 routes to another namespace: ReferenceGrants are looked up, not scanned', async () => {
    const objects: unknown[] = [
      // The Namespace object says the input holds the whole namespace, so a missing grant can be judged.
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'backend' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'backend' }, spec: { ports: [{ port: 80 }] } },
    ];
    for (let i = 0; i < 2_000; i++) {
      objects.push({
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'ReferenceGrant',
        metadata: { name: `g${i}`, namespace: 'backend' },
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: `other${i}` }], to: [{ group: '', kind: 'Service' }] },
      });
    }
    for (let i = 0; i < 20_000; i++) {
      objects.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: `r${i}`, namespace: i % 2 ? 'front' : 'other7' },
        spec: { rules: [{ backendRefs: [{ name: 'web', namespace: 'backend', port: 80 }] }] },
      });
    }
    const { value: run, ms } = await timedAsync(() => lintObjects(objects, { schema: false }));
    expect(ms).toBeLessThan(8_000);
    const refused = run.diagnostics.filter((d) => d.ruleId === 'route-backend' && d.messageId === 'grantMissing');
    expect(refused).toHaveLength(10_000);
  }, 60_000);
});
