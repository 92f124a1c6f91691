import { displayPath } from '../util/paths.js';
import { plural } from '../util/plural.js';
import { markdownCode, markdownText } from './sanitize.js';
import { UNUSED_DIRECTIVE, type Formatter, type LintMessage } from './types.js';

/** Findings listed one by one, at most; the tables by rule and file always cover all of them. */
export const MAX_LISTED = 50;

/**
 * A Markdown report: totals, a table of findings by rule (linking each rule's page) and by file,
 * then the findings themselves. Made for a GitHub job summary or a pull-request comment.
 */
export const markdown: Formatter = (results, context) => {
  const findings = results.flatMap((r) => r.messages.map((m) => ({ file: displayPath(context.cwd, r.filePath), m })));
  const errors = findings.filter((f) => f.m.severity === 2).length;
  const warnings = findings.length - errors;
  const lines = ['## k8s-svc-lint', ''];
  if (findings.length === 0) {
    lines.push(`No problems in ${plural(results.length, 'file')}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`**${plural(errors, 'error')}, ${plural(warnings, 'warning')}** in ${plural(new Set(findings.map((f) => f.file)).size, 'file')} (of ${results.length} linted).`, '');

  const byRule = countBy(findings, (f) => f.m.ruleId ?? UNUSED_DIRECTIVE);
  lines.push('| rule | errors | warnings |', '| --- | ---: | ---: |');
  for (const [rule, group] of byRule) {
    const url = Object.hasOwn(context.rulesMeta, rule) ? context.rulesMeta[rule]!.docs.url : undefined;
    lines.push(`| ${url ? `[${markdownCode(rule)}](${url})` : markdownCode(rule)} | ${count(group, 2)} | ${count(group, 1)} |`);
  }
  lines.push('', '| file | errors | warnings |', '| --- | ---: | ---: |');
  for (const [file, group] of countBy(findings, (f) => f.file)) lines.push(`| ${markdownCode(file)} | ${count(group, 2)} | ${count(group, 1)} |`);

  lines.push('', '<details><summary>Findings</summary>', '');
  for (const { file, m } of findings.slice(0, MAX_LISTED)) {
    lines.push(`- ${m.severity === 2 ? '❌' : '⚠️'} ${markdownCode(`${file}:${m.line}:${m.column}`)} ${markdownText(m.message)} (${markdownCode(m.ruleId ?? UNUSED_DIRECTIVE)})`);
  }
  if (findings.length > MAX_LISTED) lines.push(`- … and ${findings.length - MAX_LISTED} more`);
  lines.push('', '</details>');
  return `${lines.join('\n')}\n`;
};

interface Finding {
  readonly file: string;
  readonly m: LintMessage;
}

/** Groups in order of size, largest first. */
function countBy(findings: readonly Finding[], key: (f: Finding) => string): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = key(f);
    const group = groups.get(k);
    if (group) group.push(f);
    else groups.set(k, [f]);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

function count(group: readonly Finding[], severity: number): number {
  return group.filter((f) => f.m.severity === severity).length;
}
