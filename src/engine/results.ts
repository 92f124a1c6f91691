import type { TSESLint } from '@typescript-eslint/utils';
import type { Diagnostic } from '../api/types.js';
import type { UnusedDirective } from './suppress.js';

export type LintResult = TSESLint.ESLint.LintResult;
export type LintMessage = TSESLint.Linter.LintMessage;

/** One ESLint-compatible result per file, clean files included, messages sorted by position. */
export function toLintResults(
  files: readonly { readonly path: string }[],
  diagnostics: readonly Diagnostic[],
  fixableRules: ReadonlySet<string>,
  unused: readonly UnusedDirective[] = [],
): LintResult[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.filePath);
    if (list) list.push(diagnostic);
    else byFile.set(diagnostic.filePath, [diagnostic]);
  }
  return files.map((file) => {
    const all = (byFile.get(file.path) ?? []).sort(byPosition);
    const reported = all.filter((d) => d.suppressedBy === undefined);
    // As ESLint: an unused directive is an error with no rule id, among the file's messages by position.
    const unusedHere = unused.filter((u) => u.filePath === file.path).map(unusedMessage);
    const messages = [...reported.map(toLintMessage), ...unusedHere];
    if (unusedHere.length > 0) messages.sort((a, b) => a.line - b.line || a.column - b.column);
    const suppressedMessages = all
      .filter((d) => d.suppressedBy !== undefined)
      .map((d) => ({ ...toLintMessage(d), suppressions: [{ kind: d.suppressedBy!, justification: d.justification ?? '' }] }));
    // Fixable: the finding carries a fix (a fixable rule offers one only where the fix is safe).
    const fixable = (severity: number): number => reported.filter((d) => d.severity === severity && d.fix !== undefined && fixableRules.has(d.ruleId)).length;
    return {
      filePath: file.path,
      messages,
      suppressedMessages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      fatalErrorCount: messages.filter((m) => m.fatal).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
      fixableErrorCount: fixable(2),
      fixableWarningCount: fixable(1),
      usedDeprecatedRules: [],
    } as LintResult;
  });
}

function unusedMessage(u: UnusedDirective): LintMessage {
  return { ruleId: null, message: u.message, severity: 2, line: u.line, column: u.column, endLine: u.endLine, endColumn: u.endColumn, nodeType: undefined, source: null } as LintMessage;
}

function toLintMessage(d: Diagnostic): LintMessage {
  return {
    ruleId: d.ruleId,
    messageId: d.messageId,
    message: d.message,
    severity: d.severity,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    nodeType: d.nodeType ?? undefined,
    ...(d.fatal ? { fatal: true as const } : {}),
    source: null,
  };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
