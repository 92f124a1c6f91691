import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { apiCases } from './api-cases/cases.js';

// An independent set of create requests with the API server's verdicts: every refused one must give
// at least one error, and no accepted one may give an error (warnings are allowed).
describe('the API server verdicts', () => {
  for (const apiCase of apiCases()) {
    it(`${apiCase.verdict}s: ${apiCase.title}`, async () => {
      const { results } = await lintText(apiCase.text, { filePath: 'case.yaml' });
      const errors = results.flatMap((r) => r.messages).filter((m) => m.severity === 2);
      if (apiCase.verdict === 'reject') expect(errors.length, 'no error for a refused object').toBeGreaterThan(0);
      else expect(errors.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
      // One mistake, one finding: no two rules report at the same place.
      const places = errors.map((m) => `${m.line}:${m.column}`);
      expect(
        places.filter((place, i) => places.indexOf(place) !== i),
        errors.map((m) => `${m.ruleId}@${m.line}:${m.column}`).join(' '),
      ).toEqual([]);
    });
  }
});
