import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRuleMetas } from '../src/engine/registry.js';
import { fixFixture, fixtureRuleIds, loadFixtures, project, runFixture } from './harness/fixtures.js';
import { expectedMessages } from './harness/messages.js';

for (const ruleId of fixtureRuleIds()) {
  const { valid, invalid } = loadFixtures(ruleId);
  const texts = expectedMessages(ruleId);
  describe(ruleId, () => {
    it.each(valid.map((c) => [c.name, c] as const))('valid: %s', async (_name, fixture) => {
      const { findings } = await runFixture(ruleId, fixture);
      expect(findings).toEqual([]);
    });
    it.each(invalid.map((c) => [c.name, c] as const))('invalid: %s', async (_name, fixture) => {
      const { findings, messages, texts: found } = await runFixture(ruleId, fixture);
      const sortKey = (f: { file?: string; line: number; column: number }): string =>
        `${f.file ?? ''}\u0000${String(f.line).padStart(6, '0')}\u0000${String(f.column).padStart(6, '0')}`;
      const expected = [...fixture.expectation.errors].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const actual = [...findings].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      expect(project(actual, expected)).toEqual(expected);
      for (const message of messages) expect(message, 'every placeholder is filled').not.toMatch(/\{\{\s*\w+\s*\}\}/);
      expect(found, `the words of each message (${texts.path})`).toEqual(texts.of(fixture.name, found));
    });
    // --fix on each single-file invalid case: the exact text of `<case>.fixed.yaml` (or no change when
    // there is none); what is left carries no fix; fixing the fixed text again changes nothing.
    it.each(invalid.filter((c) => statSync(c.path).isFile()).map((c) => [c.name, c] as const))('fix: %s', async (_name, fixture) => {
      const fixed = await fixFixture(ruleId, fixture.path, fixture);
      if (fixture.fixed === undefined) {
        expect(fixed.output, `${fixture.name} has fixable findings: add ${fixture.name}.fixed.yaml with the text --fix makes`).toBeUndefined();
        return;
      }
      expect(fixed.output).toBe(fixture.fixed.text);
      expect(fixed.left.filter((f) => f.fixable)).toEqual([]);
      const again = await fixFixture(ruleId, fixture.fixed.path, fixture);
      expect(again.output).toBeUndefined();
      expect(again.left).toEqual(fixed.left);
    });
  });
}

describe('fixable rules', () => {
  it.each(
    allRuleMetas()
      .filter((meta) => meta.fixable)
      .map((meta) => [meta.id] as const),
  )('%s: proves its fixes with a <case>.fixed.yaml', (id) => {
    expect(loadFixtures(id).invalid.some((c) => c.fixed !== undefined)).toBe(true);
  });
});
