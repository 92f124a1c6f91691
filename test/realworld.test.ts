/**
 * End to end on patterns taken from popular projects' public manifests (written for this suite, in
 * their style): the built CLI reports no finding where the API server accepts the objects and traffic
 * flows, and exits 0.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './harness/cli.js';

const PACKAGE_ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(PACKAGE_ROOT, 'fixtures');

/** The fixture each project's pattern is written in, and the rule that misjudged it. */
const PATTERNS = [
  { project: 'gateway-api examples/standard (the same Gateway in two example files)', rule: 'route-backend', path: 'route-backend/valid/alternative-examples' },
  { project: 'gateway-api examples/standard (the same Gateway in two example folders)', rule: 'route-backend', path: 'route-backend/valid/alternative-example-folders' },
  { project: 'kubernetes/examples guestbook (the same Service in two layouts)', rule: 'ingress-backend-port', path: 'ingress-backend-port/valid/alternative-examples' },
  {
    project: 'ingress-nginx oauth-external-auth (an auth proxy in kube-system before the dashboard)',
    rule: 'ingress-backend-service',
    path: 'ingress-backend-service/valid/kube-system-add-on.yaml',
  },
  { project: 'Kubernetes docs allow-egress-deny-ingress', rule: 'networkpolicy-allow-all', path: 'networkpolicy-allow-all/valid/deny-one-direction.yaml' },
];

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-realworld-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('real-world patterns, end to end', () => {
  it.each(PATTERNS)('$project: no $rule finding, exit 0', ({ rule, path }) => {
    const dir = join(root, path.replaceAll('/', '_'));
    cpSync(join(FIXTURES, path), join(dir, path.split('/').at(-1)!), { recursive: true });
    // duplicate-resource rightly reports the definitions the alternative examples share.
    const run = runBuiltCli([dir, '--format', 'json', '--rule', 'duplicate-resource:off'], { timeout: 30_000 });
    expect(run.stderr).toBe('');
    const messages = (JSON.parse(run.stdout) as { messages: Message[] }[]).flatMap((r) => r.messages);
    expect(messages.filter((m) => m.ruleId === rule)).toEqual([]);
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('argo-cd install: a StatefulSet naming a governing Service it does not ship', () => {
  function statefulSetMessages(fixture: string): Message[] {
    const run = runBuiltCli([join(FIXTURES, 'statefulset-service/invalid', fixture), '--format', 'json'], { timeout: 30_000 });
    expect(run.status).toBe(0);
    return (JSON.parse(run.stdout) as { messages: Message[] }[]).flatMap((r) => r.messages).filter((m) => m.ruleId === 'statefulset-service');
  }

  it("is a warning that offers no other component's Service as the fix", () => {
    const [message, ...rest] = statefulSetMessages('missing-no-other-service-fits.yaml');
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ severity: 1 });
    expect(message!.message).toContain('names no Service');
    expect(message!.message).not.toContain('did you mean');
  });

  it('still offers a headless Service that selects the pods, a typo away', () => {
    const [message] = statefulSetMessages('missing-service.yaml');
    expect(message!.message).toContain('did you mean postgres-headless?');
  });
});
