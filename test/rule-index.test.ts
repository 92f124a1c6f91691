import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module of the build, without type declarations
import { INDEX, ruleFiles, ruleIndexSource } from '../scripts/generate-rule-index.mjs';
import { RULES } from '../src/engine/registry.js';

describe('rules/index.ts', () => {
  it('is what scripts/generate-rule-index.mjs makes of the files in rules/ (run `npm run build` and commit it)', () => {
    expect(readFileSync(INDEX, 'utf8')).toBe(ruleIndexSource(ruleFiles()));
  });

  it('lists every rule file once, by id, and each rule id equals its file name', () => {
    const ids: string[] = ruleFiles();
    expect(RULES.map((rule) => rule.meta.id)).toEqual(ids);
  });

  it('is stale as soon as a rule file is added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rule-index-'));
    try {
      for (const id of ['nodeport-range', 'service-name']) writeFileSync(join(dir, `${id}.ts`), '');
      writeFileSync(join(dir, 'index.ts'), ruleIndexSource(['nodeport-range']));
      const text: string = ruleIndexSource(ruleFiles(dir));
      expect(text).toContain("import serviceName from './service-name.js';");
      expect(text).toContain('  serviceName,\n];');
      expect(text).not.toBe(readFileSync(join(dir, 'index.ts'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
