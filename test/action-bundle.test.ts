import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script, without type declarations
import { bundleAction, BUNDLE, ENTRY } from '../scripts/bundle-action.mjs';
import { runAction } from './harness/action.js';
import { copyCheckout, ROOT } from './harness/checkout.js';

/** `count` NodePort Services, each with one error (a nodePort out of range) and one warning (one in the allocation band). */
function services(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`svc-${String(i).padStart(2, '0')}.yaml`] =
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  type: NodePort\n  ports:\n    - name: a\n      port: 80\n      nodePort: ${40000 + i}\n    - name: b\n      port: 81\n      nodePort: ${31000 + i}\n`;
  }
  return files;
}

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('the bundled entry of the Action (action/dist/index.mjs)', () => {
  it('is what `npm run build:action` makes from the current source (run it and commit the result if not)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-action-bundle-'));
    cleanup.push(dir);
    await bundleAction(join(ROOT, ENTRY), join(dir, 'index.mjs'));
    const fresh = readFileSync(join(dir, 'index.mjs'), 'utf8');
    const committed = readFileSync(join(ROOT, BUNDLE), 'utf8');
    expect(committed === fresh, 'action/dist/index.mjs is stale: run `npm run build:action` and commit it').toBe(true);
  }, 120_000);

  it('runs from the repository as a runner checks it out: no node_modules, no build', () => {
    const checkout = copyCheckout('k8s-svc-lint-action-checkout-');
    cleanup.push(checkout);
    const run = runAction(services(1), { paths: 'manifests' }, checkout);
    expect(run.stderr).toBe('');
    expect(
      run.stdout
        .split('\n')
        .filter((l) => l.startsWith('::'))
        .map((l) => l.split(' ')[0]),
    ).toEqual(['::error', '::warning']);
    expect(run.outputs).toBe('errors=1\nwarnings=1\nsarif-file=\n');
    expect(run.code).toBe(1);
  });

  it("keeps within GitHub's annotation limits, most severe first, and the job summary lists every finding", () => {
    const run = runAction(services(30), { paths: 'manifests' });
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.map((l) => l.split(' ')[0])).toEqual([...Array(10).fill('::error'), ...Array(10).fill('::warning')]);
    expect(annotations[0]).toContain('file=manifests/svc-00.yaml,line=10');
    expect(run.stdout).toContain('k8s-svc-lint: 40 more finding(s) not annotated (GitHub shows 10 errors and 10 warnings per step); the job summary lists them all');
    expect(run.stdout).toContain('k8s-svc-lint: 30 error(s), 30 warning(s) in 30 file(s)');
    expect(run.outputs).toBe('errors=30\nwarnings=30\nsarif-file=\n');

    const all = run.summary.split('<summary>All 60 findings</summary>')[1];
    expect(all).toBeDefined();
    const listed = all!
      .split('</details>')[0]!
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(listed).toHaveLength(60);
    // Messages are Markdown-escaped text (no markup from the input), the place and the rule code spans.
    const line = listed.find((l) => l.startsWith('- ⚠️ `manifests/svc-29.yaml:13:17` nodePort 31029 is in the band 30086'));
    expect(line).toBeDefined();
    expect(line).toMatch(/ \(`nodeport-static-band`\)$/);
  });
});
