import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MessageData } from '../src/api/types.js';
import { allRuleMetas } from '../src/engine/registry.js';
import { interpolate, outlineTemplate, sectionNames } from '../src/engine/interpolate.js';
import type * as Interpolate from '../src/engine/interpolate.js';
import { fixtureRuleIds, loadFixtures, runFixture } from './harness/fixtures.js';

// Every message the engine renders while the fixtures run, with the report's data.
const rendered = vi.hoisted(() => [] as { template: string; data: MessageData | undefined }[]);
vi.mock('../src/engine/interpolate.js', async (importOriginal) => {
  const original = await importOriginal<typeof Interpolate>();
  return {
    ...original,
    interpolate: (template: string, data: MessageData | undefined) => {
      rendered.push({ template, data });
      return original.interpolate(template, data);
    },
  };
});

const root = join(import.meta.dirname, '..');

/** A piece of a sentence: what follows a value (`; did you mean`, ` (no type is set)`, `. Use "x"`). */
const FRAGMENT = /^[;,.]|^ [(a-zA-Z]|did you mean/i;
/**
 * Whole descriptions of a problem from the shared validators (src/k8s, src/apiserver), written once for
 * every rule that reports them: `problem` ("values must be given when the operator is In"), `reason`.
 */
const WHOLE_DESCRIPTIONS = new Set(['problem', 'reason', 'message']);

describe('message sections', () => {
  const template = 'Service {{name}} is missing{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}{{^suggestion}}. Create it{{/suggestion}}';

  it('keep their text when the data has the name, and the `^` text otherwise', () => {
    expect(interpolate(template, { name: 'web', suggestion: 'web-1' })).toBe('Service web is missing; did you mean web-1?');
    expect(interpolate(template, { name: 'web', suggestion: undefined })).toBe('Service web is missing. Create it');
    expect(interpolate(template, { name: 'web' })).toBe('Service web is missing. Create it');
  });

  it('treat false as absent, and 0 and the empty string as values', () => {
    const flag = 'port {{port}}{{#defaulted}} (defaulted){{/defaulted}}';
    expect(interpolate(flag, { port: 80, defaulted: true })).toBe('port 80 (defaulted)');
    expect(interpolate(flag, { port: 80, defaulted: false })).toBe('port 80');
    expect(interpolate('{{#min}}at least {{min}}{{/min}}', { min: 0 })).toBe('at least 0');
    expect(interpolate('it is {{#value}}"{{value}}"{{/value}}{{^value}}not a string{{/value}}', { value: '' })).toBe('it is ""');
  });

  it('nest, and a value that looks like a placeholder is shown as it is', () => {
    const nested = '{{#min}}{{#max}}{{min}}-{{max}}{{/max}}{{^max}}>= {{min}}{{/max}}{{/min}}{{^min}}<= {{max}}{{/min}}';
    expect(interpolate(nested, { min: 1, max: 9 })).toBe('1-9');
    expect(interpolate(nested, { min: 1, max: undefined })).toBe('>= 1');
    expect(interpolate(nested, { min: undefined, max: 9 })).toBe('<= 9');
    expect(interpolate('{{a}} and {{b}}', { a: '{{b}}', b: 'x' })).toBe('{{b}} and x');
  });

  it('are outlined for the documentation as [optional] and [kept | otherwise]', () => {
    expect(outlineTemplate(template)).toBe('Service <name> is missing[; did you mean <suggestion>? | . Create it]');
    expect(outlineTemplate('a{{#x}} b {{y}}{{/x}}')).toBe('a[ b <y>]');
  });
});

describe('rule messages', () => {
  const metas = allRuleMetas();

  it('the documentation shows no unfilled {{…}} placeholder or section', () => {
    for (const meta of metas) {
      const page = readFileSync(join(root, 'docs', 'rules', `${meta.id}.md`), 'utf8');
      const messages = page.slice(page.indexOf('## Messages'), page.indexOf('\n## ', page.indexOf('## Messages') + 1));
      expect(messages, meta.id).toContain('## Messages');
      expect(messages, meta.id).not.toMatch(/\{\{|\}\}/);
      for (const text of Object.values<string>(meta.messages)) expect(outlineTemplate(text), meta.id).not.toMatch(/\{\{|\}\}/);
    }
  });

  // Runs every fixture once; the checks below read what the engine rendered.
  it('render while the fixtures run', { timeout: 120_000 }, async () => {
    rendered.length = 0;
    for (const ruleId of fixtureRuleIds()) {
      const { valid, invalid } = loadFixtures(ruleId);
      for (const fixture of [...valid, ...invalid]) await runFixture(ruleId, fixture);
    }
    expect(rendered.length).toBeGreaterThan(400);
  });

  it('carry values in their data, not pieces of sentences (the text lives in meta.messages)', () => {
    const fragments = rendered.flatMap(({ template, data }) =>
      Object.entries(data ?? {}).flatMap(([name, value]) =>
        typeof value === 'string' && FRAGMENT.test(value) && !WHOLE_DESCRIPTIONS.has(name) ? [`${name}: ${JSON.stringify(value)} for ${template.slice(0, 60)}`] : [],
      ),
    );
    expect(fragments).toEqual([]);
  });

  it('give every section name in the data, undefined when absent, so a misspelt name cannot silently drop text', () => {
    const missing = rendered.flatMap(({ template, data }) =>
      sectionNames(template).flatMap((name) => (data !== undefined && Object.hasOwn(data, name) ? [] : [`${name} in ${template.slice(0, 60)}`])),
    );
    expect([...new Set(missing)]).toEqual([]);
  });
});
