import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../src/docs/generate.js';
import { allRuleMetas, RULES } from '../src/engine/registry.js';
import { FIXTURES, loadFixtures } from './harness/fixtures.js';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const metas = allRuleMetas();

describe('rule catalogue', () => {
  it('lists every file of rules/ in rules/index.ts, and each rule id equals its file name', () => {
    const files = readdirSync(join(ROOT, 'rules'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(files);
  });

  it('has unique ids', () => {
    expect(new Set(metas.map((m) => m.id)).size).toBe(metas.length);
  });

  it.each(metas.map((m) => [m.id, m] as const))('%s: documented, with a remediation that ends in a period', (_id, meta) => {
    expect(meta.description.length).toBeGreaterThan(20);
    expect(meta.remediation).toMatch(/\.$/);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    for (const id of meta.warnings ?? []) expect(Object.keys(meta.messages), 'warnings lists message ids').toContain(id);
    if (meta.warnings?.length) expect(meta.defaultSeverity, 'only an error rule has lesser messages').toBe('error');
  });

  it.each(metas.map((m) => [m.id, m] as const))('%s: default options pass the option schema', (_id, meta) => {
    if (meta.schema === null) return expect(meta.defaultOptions).toEqual({});
    const validate = new Ajv({ strict: true }).compile(meta.schema);
    expect(validate(meta.defaultOptions), JSON.stringify(validate.errors)).toBe(true);
  });

  // A file that cannot be read cannot be committed as a fixture; test/file-limits.test.ts covers it.
  const withoutFixtures = new Set(['file-unreadable']);
  it.each(metas.filter((m) => !withoutFixtures.has(m.id)).map((m) => [m.id] as const))('%s: has valid and invalid fixtures that use every message id', (id) => {
    const { valid, invalid } = loadFixtures(id);
    expect(valid.length, `fixtures/${id}/valid`).toBeGreaterThan(0);
    expect(invalid.length, `fixtures/${id}/invalid`).toBeGreaterThan(0);
    const used = new Set(invalid.flatMap((c) => c.expectation.errors.map((e) => e.messageId)));
    const meta = metas.find((m) => m.id === id)!;
    expect([...used].sort()).toEqual(Object.keys(meta.messages).sort());
  });

  it('has no fixture folder for a rule that does not exist', () => {
    const folders = readdirSync(FIXTURES);
    expect(folders.filter((f) => !metas.some((m) => m.id === f))).toEqual([]);
  });

  it('docs/rules.md, docs/rules/<id>.md and the README rule table are up to date (run `npm run docs`)', async () => {
    const docs = await generatedDocs(ROOT, readFileSync(join(ROOT, 'README.md'), 'utf8'));
    for (const [path, text] of docs) expect(readFileSync(join(ROOT, path), 'utf8'), path).toBe(text);
    expect(readdirSync(join(ROOT, 'docs', 'rules')).sort()).toEqual(metas.map((m) => `${m.id}.md`).sort());
  });

  it('the config schema is valid JSON Schema and accepts the example config of the README', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'config.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: true, strictTuples: false }).compile(schema);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n# \.k8s-svc-lint\.yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README shows an example .k8s-svc-lint.yaml').toBeDefined();
    expect(validate(parse(example!)), JSON.stringify(validate.errors)).toBe(true);
  });
});
