import type { Diagnostic } from '../api/types.js';

/** Findings of one rule in one file beyond this are counted in one summary finding, not listed. */
export const MAX_FINDINGS_PER_RULE_AND_FILE = 200;

/**
 * Bounds the report: per file and rule (and apart for suppressed findings) the first `max` findings by
 * position, then one finding of the same rule at the first one left out, saying how many more there
 * are. Linear, plus a sort of the groups that are over the cap.
 */
export function capFindings(diagnostics: readonly Diagnostic[], max = MAX_FINDINGS_PER_RULE_AND_FILE): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = `${d.filePath}\u0000${d.ruleId}\u0000${d.suppressedBy ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  const capped: Diagnostic[] = [];
  for (const group of groups.values()) {
    if (group.length <= max) {
      capped.push(...group);
      continue;
    }
    group.sort((a, b) => a.line - b.line || a.column - b.column);
    capped.push(...group.slice(0, max));
    const rest = group.slice(max);
    const first = rest[0]!;
    capped.push({
      ruleId: first.ruleId,
      messageId: 'moreFindings',
      message: `${rest.length.toLocaleString('en-US')} more ${first.ruleId} findings in this file from here on are not listed (at most ${max} per rule and file); fix the first ones and lint again`,
      severity: rest.some((d) => d.severity === 2) ? 2 : 1,
      filePath: first.filePath,
      line: first.line,
      column: first.column,
      endLine: first.endLine,
      endColumn: first.endColumn,
      nodeType: first.nodeType,
      resource: first.resource,
      ...(first.suppressedBy ? { suppressedBy: first.suppressedBy } : {}),
    });
  }
  return capped;
}
