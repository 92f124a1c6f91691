import { displayPath } from '../util/paths.js';
import { markdownCode, markdownText } from '../format/sanitize.js';
import type { LintResult } from '../format/types.js';

/** GitHub takes up to 1 MiB of job summary per step; the list stops well before. */
const MAX_BYTES = 900_000;

/**
 * Every finding, one line each, for the job summary when there are more than the Markdown report
 * lists itself (`listed`) and than the annotations show: nothing is only in the logs.
 */
export function allFindings(results: readonly LintResult[], cwd: string, listed: number): string {
  const findings = results.flatMap((r) => r.messages.map((m) => ({ file: displayPath(cwd, r.filePath), m })));
  if (findings.length <= listed) return '';
  const lines = ['', `<details><summary>All ${findings.length} findings</summary>`, ''];
  let bytes = 0;
  for (const [i, { file, m }] of findings.entries()) {
    const line = `- ${m.severity === 2 ? '❌' : '⚠️'} ${markdownCode(`${file}:${m.line}:${m.column}`)} ${markdownText(m.message)} (${markdownCode(m.ruleId ?? '')})`;
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > MAX_BYTES) {
      lines.push(`- … and ${findings.length - i} more (over GitHub's job summary size; write them with \`sarif-file\`)`);
      break;
    }
    lines.push(line);
  }
  lines.push('', '</details>', '');
  return lines.join('\n');
}
