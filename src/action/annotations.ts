import type { LintResult } from '../format/types.js';

/** GitHub shows at most 10 error and 10 warning annotations per step; the rest are dropped. */
export const ANNOTATION_LIMITS = { errors: 10, warnings: 10 } as const;

/**
 * The findings to annotate, most severe first: the first errors and the first warnings (in file
 * order) within GitHub's per-step limits, as results in the order to print them (every file's errors,
 * then every file's warnings), and how many findings were left out (the job summary lists them).
 */
export function annotationsToPrint(results: readonly LintResult[]): { results: LintResult[]; omitted: number } {
  const pick = (severity: 1 | 2, limit: number): LintResult[] => {
    let left = limit;
    return results.map((result) => {
      const messages = result.messages.filter((m) => m.severity === severity).slice(0, Math.max(left, 0));
      left -= messages.length;
      return { ...result, messages };
    });
  };
  const chosen = [...pick(2, ANNOTATION_LIMITS.errors), ...pick(1, ANNOTATION_LIMITS.warnings)].filter((r) => r.messages.length > 0);
  const total = results.reduce((n, r) => n + r.messages.length, 0);
  return { results: chosen, omitted: total - chosen.reduce((n, r) => n + r.messages.length, 0) };
}
