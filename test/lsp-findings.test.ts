// What findings carry for editors: ESLint-style suggestions (in the JSON output too) and the other
// end of a cross-resource finding.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint, lintText } from '../src/lint.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');

const TYPO = `apiVersion: v1
kind: Service
metadata:
  name: api
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-typ: external
spec:
  type: LoadBalancer
  ports:
    - port: 80
`;

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function workspace(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-findings-')));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

const applyFix = (text: string, fix: { range: [number, number]; text: string }): string => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

describe('suggestions', () => {
  it('the JSON output carries a "did you mean" as an ESLint suggestion whose edit gives the corrected text', () => {
    const root = workspace({ 'svc.yaml': TYPO });
    const run = spawnSync(process.execPath, [CLI, '--format', 'json', 'svc.yaml'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout);
    const message = result.messages.find((m: any) => m.ruleId === 'aws-annotation-unknown');
    expect(message.suggestions).toEqual([
      {
        desc: 'Rename the annotation to `service.beta.kubernetes.io/aws-load-balancer-type`',
        fix: { range: [expect.any(Number), expect.any(Number)], text: 'service.beta.kubernetes.io/aws-load-balancer-type' },
      },
    ]);
    expect(applyFix(TYPO, message.suggestions[0].fix)).toBe(TYPO.replace('aws-load-balancer-typ:', 'aws-load-balancer-type:'));
    // A suggestion is the user's choice: the file is untouched and --fix does not apply it.
    const fixed = spawnSync(process.execPath, [CLI, '--fix-dry-run', '--format', 'json', 'svc.yaml'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(JSON.parse(fixed.stdout)[0].output).toBeUndefined();
  });

  it('findings without a "did you mean" carry none', async () => {
    const { results } = await lintText(TYPO.replace('aws-load-balancer-typ', 'aws-load-balancer-zzzzzzzzzzzzzzzzzzzz'));
    const message = results[0]!.messages.find((m) => m.ruleId === 'aws-annotation-unknown');
    expect(message?.messageId).toBe('unknown');
    expect(message).not.toHaveProperty('suggestions');
  });

  it('an Ingress backend naming the targetPort suggests the Service port, and points at it', async () => {
    const root = workspace({
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n',
      'ing.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8080
`,
    });
    const { results, diagnostics } = await lint({ patterns: ['.'], cwd: root, config: {} });
    const finding = diagnostics.find((d) => d.ruleId === 'ingress-backend-port')!;
    expect(finding.related).toEqual([{ filePath: join(root, 'svc.yaml'), line: 7, column: 7, endLine: 8, endColumn: 23, message: 'Service web' }]);
    const message = results.find((r) => r.filePath.endsWith('ing.yaml'))!.messages.find((m) => m.ruleId === 'ingress-backend-port')!;
    expect(message.suggestions?.map((s) => [s.desc, s.fix.text])).toEqual([['Change the port to 80', '80']]);
  });

  it('a StatefulSet serviceName and an ingressClassName one letter off suggest the name that exists', async () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: db-headless
spec:
  clusterIP: None
  selector:
    app: db
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db-headles
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: ngnix
  defaultBackend:
    service:
      name: db-headless
      port:
        number: 5432
`;
    const { results } = await lintText(text);
    const suggested = results[0]!.messages.flatMap((m) => (m.suggestions ?? []).map((s) => [m.ruleId, s.desc, applyFix(text, s.fix as any).split('\n')[m.line - 1]]));
    expect(suggested).toEqual([
      ['statefulset-service', 'Change serviceName to db-headless', '  serviceName: db-headless'],
      ['ingress-class', 'Change ingressClassName to nginx', '  ingressClassName: nginx'],
    ]);
  });
});

describe('related locations', () => {
  it('a nodePort conflict points at the Service holding the port', async () => {
    const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 30080
`;
    const root = workspace({ 'a.yaml': service('a'), 'b.yaml': service('b') });
    const { diagnostics } = await lint({ patterns: ['.'], cwd: root, config: {} });
    const conflicts = diagnostics.filter((d) => d.ruleId === 'nodeport-conflict');
    expect(conflicts.map((d) => [d.filePath, d.line, d.related])).toEqual([
      [join(root, 'b.yaml'), 9, [{ filePath: join(root, 'a.yaml'), line: 9, column: 17, endLine: 9, endColumn: 22, message: 'nodePort 30080 of Service default/a' }]],
    ]);
  });
});
