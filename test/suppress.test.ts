/**
 * Suppressions: the reason after ` -- ` and the ignore annotation's value are kept as the
 * justification (JSON, SARIF); `disable-next-line` above a mapping key covers that mapping;
 * `--report-unused-disable-directives` reports directives that suppressed nothing, as ESLint does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { lintText } from '../src/lint.js';

const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
---
`;

/** A Service whose selector (lines 16-18, after a comment on line 15) matches no pod: the finding is on `tier` (line 18). */
function service(comment: string): string {
  return `${WORKLOAD}apiVersion: v1
kind: Service
metadata:
  name: front
spec:
${comment}  selector:
    app: web
    tier: frontend
  ports:
    - port: 80
`;
}

async function suppressed(text: string) {
  const { results } = await lintText(text, { filePath: 'svc.yaml' });
  return { messages: results[0]!.messages, suppressedMessages: results[0]!.suppressedMessages ?? [] };
}

describe('disable-next-line above a mapping key', () => {
  it('covers the labels of the selector it stands above, with its justification', async () => {
    const { messages, suppressedMessages } = await suppressed(service('  # k8s-svc-lint-disable-next-line service-selector-match -- pods come from an operator\n'));
    expect(messages.filter((m) => m.ruleId === 'service-selector-match')).toEqual([]);
    expect(suppressedMessages).toEqual([
      expect.objectContaining({
        ruleId: 'service-selector-match',
        line: 18,
        suppressions: [{ kind: 'directive', justification: 'pods come from an operator' }],
      }),
    ]);
  });

  it('covers only that mapping: a finding after it is still reported', async () => {
    const text = service('  # k8s-svc-lint-disable-next-line service-selector-match\n').replace('    - port: 80\n', '    - port: 80\n      nodePort: 40000\n');
    const withType = text.replace('spec:\n  # k8s', 'spec:\n  type: NodePort\n  # k8s');
    const { messages } = await suppressed(withType);
    expect(messages.map((m) => m.ruleId)).toContain('nodeport-range');
  });

  it('above a scalar key covers that line only, as before', async () => {
    const { messages } = await suppressed(service('  # k8s-svc-lint-disable-next-line service-selector-match\n  type: ClusterIP\n'));
    expect(messages.map((m) => m.ruleId)).toContain('service-selector-match');
  });
});

describe('justification', () => {
  it('is empty without a reason, as ESLint', async () => {
    const { suppressedMessages } = await suppressed(service('').replace('    tier: frontend\n', '    tier: frontend # k8s-svc-lint-disable-line service-selector-match\n'));
    expect(suppressedMessages.map((m) => (m as { suppressions?: unknown }).suppressions)).toEqual([[{ kind: 'directive', justification: '' }]]);
  });

  it('of an annotation is its reason after -- or else its value', async () => {
    const withReason = service('').replace('  name: front\n', '  name: front\n  annotations:\n    k8s-svc-lint.io/ignore: "service-selector-match -- selected by an operator"\n');
    const bare = service('').replace('  name: front\n', '  name: front\n  annotations:\n    k8s-svc-lint.io/ignore: service-selector-match\n');
    const reasons = async (text: string) => (await suppressed(text)).suppressedMessages.map((m) => (m as { suppressions?: unknown }).suppressions);
    expect(await reasons(withReason)).toEqual([[{ kind: 'annotation', justification: 'selected by an operator' }]]);
    expect(await reasons(bare)).toEqual([[{ kind: 'annotation', justification: 'service-selector-match' }]]);
  });
});

describe('CLI', () => {
  let root: string;
  const output: { stdout: string; stderr: string } = { stdout: '', stderr: '' };
  const run = async (args: string[]): Promise<number> => {
    output.stdout = '';
    output.stderr = '';
    return runCli(args, {
      cwd: root,
      env: {},
      stdin: process.stdin,
      stdoutIsTTY: false,
      write: (text) => void (output.stdout += text),
      writeError: (text) => void (output.stderr += text),
    });
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'suppress-'));
    writeFileSync(join(root, 'used.yaml'), service('  # k8s-svc-lint-disable-next-line service-selector-match -- operator pods\n'));
    // Line 14: a directive for a rule that reports nothing here, and one naming two rules of which one is used.
    writeFileSync(
      join(root, 'unused.yaml'),
      service('  # k8s-svc-lint-disable-next-line service-selector-match, nodeport-range\n').replace('kind: Service\n', 'kind: Service # k8s-svc-lint-disable-line\n'),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('SARIF carries the justification', async () => {
    expect(await run(['used.yaml', '-f', 'sarif'])).toBe(0);
    const results = JSON.parse(output.stdout).runs[0].results as { ruleId: string; suppressions?: unknown }[];
    expect(results.find((r) => r.ruleId === 'service-selector-match')!.suppressions).toEqual([{ kind: 'inSource', justification: 'operator pods' }]);
  });

  it('without the flag an unused directive is not reported', async () => {
    expect(await run(['unused.yaml', '-f', 'json'])).toBe(0);
    expect(JSON.parse(output.stdout)[0].messages).toEqual([]);
  });

  it('--report-unused-disable-directives reports each unused directive and rule id as an error without a rule', async () => {
    expect(await run(['unused.yaml', '-f', 'json', '--report-unused-disable-directives'])).toBe(1);
    const [result] = JSON.parse(output.stdout) as { errorCount: number; messages: { ruleId: string | null; severity: number; line: number; column: number; message: string }[] }[];
    expect(result!.messages.map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message }))).toEqual([
      { ruleId: null, severity: 2, line: 11, column: 15, message: 'Unused k8s-svc-lint-disable directive (no problems were reported).' },
      { ruleId: null, severity: 2, line: 15, column: 3, message: "Unused k8s-svc-lint-disable directive (no problems were reported from 'nodeport-range')." },
    ]);
    expect(result!.errorCount).toBe(2);
    expect(await run(['used.yaml', '--report-unused-disable-directives'])).toBe(0);
    expect(output.stdout).toBe('');
  });

  it('reports without a rule id name it unused-disable-directive, not a rule', async () => {
    expect(await run(['unused.yaml', '-f', 'sarif', '--report-unused-disable-directives'])).toBe(1);
    const results = JSON.parse(output.stdout).runs[0].results as { ruleId: string; level: string }[];
    expect(results.filter((r) => r.ruleId === 'unused-disable-directive').map((r) => r.level)).toEqual(['error', 'error']);
    expect(await run(['unused.yaml', '-f', 'markdown', '--report-unused-disable-directives'])).toBe(1);
    expect(output.stdout).toContain('`unused-disable-directive`');
    expect(output.stdout).not.toContain('yaml-syntax');
  });
});
