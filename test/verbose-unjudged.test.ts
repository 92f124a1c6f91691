/**
 * `--verbose` names every namespace whose references the rules could not judge, and why: collected by
 * the engine from the rules' context (context.unjudged), once each, sorted by namespace and reason.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './harness/cli.js';
import { lintText } from '../src/lint.js';

/** References of several kinds into namespaces the input holds too little of to judge. */
const PARTIAL = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: alpha }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: beta }
spec:
  ingressClassName: nginx
  tls: [{ hosts: [beta.example.com], secretName: beta-tls }]
  rules:
    - http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: dash, namespace: kube-system }
spec:
  rules:
    - http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: dashboard, port: { number: 443 } } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: gamma }
spec:
  serviceName: db-headless
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: db }] }
`;

describe('--verbose: references not judged', () => {
  it('lists each namespace and reason once, sorted, in the words it always used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-unjudged-'));
    writeFileSync(join(dir, 'app.yaml'), PARTIAL);
    const run = runBuiltCli(['--verbose', 'app.yaml'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const unjudged = [
      'namespace (cluster): the input holds no IngressClass, so references to them',
      'namespace alpha: the input holds no workload (no pod source) of this namespace, so Service and NetworkPolicy selectors into it',
      'namespace beta: the input holds neither its Namespace object nor any of its workloads, so references to Secret in it',
      'namespace beta: the input holds neither its Namespace object nor any of its workloads, so references to Service in it',
      'namespace gamma: the input holds no NetworkPolicy of it, so references to them',
      'namespace gamma: the input holds no Service of it, so references to them',
      "namespace kube-system: it is a namespace of the cluster's own add-ons, installed apart from any one set of manifests, so references to Service in it",
    ];
    expect(run.stderr).toBe(
      [
        'k8s-svc-lint: config (none found; defaults)',
        'k8s-svc-lint: linted 1 file(s)',
        ...unjudged.map((reason) => `k8s-svc-lint: ${reason} were not checked (add their files to \`context\` in the config, or set strictReferences)`),
        '',
      ].join('\n'),
    );
  });

  it('the library returns them, and strictReferences leaves nothing unjudged', async () => {
    const partial = await lintText(PARTIAL);
    expect(partial.unjudged.map((u) => u.namespace)).toEqual(['', 'alpha', 'beta', 'beta', 'gamma', 'gamma', 'kube-system']);
    const strict = await lintText(PARTIAL, { config: { strictReferences: true } });
    expect(strict.unjudged).toEqual([]);
    expect(strict.diagnostics.length).toBeGreaterThan(partial.diagnostics.length);
  });
});
