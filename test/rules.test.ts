import { describe, expect, it } from 'vitest';
import { fixtureRuleIds, loadFixtures, project, runFixture } from './harness/fixtures.js';

for (const ruleId of fixtureRuleIds()) {
  const { valid, invalid } = loadFixtures(ruleId);
  describe(ruleId, () => {
    it.each(valid.map((c) => [c.name, c] as const))('valid: %s', async (_name, fixture) => {
      const { findings } = await runFixture(ruleId, fixture);
      expect(findings).toEqual([]);
    });
    it.each(invalid.map((c) => [c.name, c] as const))('invalid: %s', async (_name, fixture) => {
      const { findings, messages } = await runFixture(ruleId, fixture);
      const sortKey = (f: { file?: string; line: number; column: number }): string =>
        `${f.file ?? ''}\u0000${String(f.line).padStart(6, '0')}\u0000${String(f.column).padStart(6, '0')}`;
      const expected = [...fixture.expectation.errors].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const actual = [...findings].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      expect(project(actual, expected)).toEqual(expected);
      for (const message of messages) expect(message, 'every placeholder is filled').not.toMatch(/\{\{\s*\w+\s*\}\}/);
    });
  });
}
