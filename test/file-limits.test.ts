import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/lint.js';
import { MAX_FILE_BYTES } from '../src/source/read.js';

describe('file-unreadable', () => {
  it('reports a file over the size limit at its first line, and still lints the other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-limits-'));
    writeFileSync(join(dir, 'huge.yaml'), `# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    writeFileSync(join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n');
    const { results } = await lint({ patterns: [dir], cwd: dir, config: {} });
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages]));
    expect(byFile['huge.yaml']).toMatchObject([{ ruleId: 'file-unreadable', line: 1, column: 1, severity: 2, fatal: true }]);
    expect(byFile['huge.yaml']![0]!.message).toMatch(/over the 32 MB limit/);
    expect(byFile['svc.yaml']).toMatchObject([{ ruleId: 'nodeport-range', line: 9, column: 17 }]);
  });
});
