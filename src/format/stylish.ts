import { displayPath } from '../util/paths.js';
import { plural } from '../util/plural.js';
import { terminalLines, terminalText } from './sanitize.js';
import type { Formatter } from './types.js';

const codes = { red: [31, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24] } as const;
type Style = keyof typeof codes;

/** ESLint's default look: a header per file, `line:col  severity  message  rule-id`, and a summary line. */
export const stylish: Formatter = (results, context) => {
  const paint = (style: Style, text: string): string => (context.color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text);
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  const blocks: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixable += result.fixableErrorCount + result.fixableWarningCount;
    const rows = result.messages.map((m) => [`${m.line}:${m.column}`, m.severity === 2 ? 'error' : 'warning', terminalText(m.message), terminalText(m.ruleId ?? '')]);
    const widths = [0, 0];
    for (const row of rows) for (const i of [0, 1]) widths[i] = Math.max(widths[i]!, row[i]!.length);
    const lines = rows.map(([position, severity, message, ruleId]) => {
      const severityText = severity!.padEnd(widths[1]!);
      return `  ${paint('dim', position!.padStart(widths[0]!))}  ${paint(severity === 'error' ? 'red' : 'yellow', severityText)}  ${message}  ${paint('dim', ruleId!)}`;
    });
    blocks.push(`${paint('underline', terminalText(displayPath(context.cwd, result.filePath)))}\n${lines.join('\n')}`);
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = paint(errors > 0 ? 'red' : 'yellow', paint('bold', `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`));
  const fixHint = fixable > 0 ? `\n${paint('dim', `  ${plural(fixable, 'problem')} potentially fixable with the \`--fix\` option.`)}` : '';
  return terminalLines(`\n${blocks.join('\n\n')}\n\n${summary}${fixHint}\n`);
};
