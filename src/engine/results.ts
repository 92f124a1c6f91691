import type { LintMessage, LintResult } from '../api/eslint-types.js';
import type { Diagnostic, DiagnosticFix } from '../api/types.js';
import { planFix } from '../source/apply-fixes.js';
import type { SourceFile } from '../source/types.js';
import type { UnusedDirective } from './suppress.js';

export type { LintResult };

/**
 * The finding each message of `toLintResults` was made from: what ESLint's message shape has no room
 * for (the resource, the other end of a cross-resource finding), for the formatters that show it.
 * Keyed by the message object, so the JSON output stays ESLint's.
 */
const findings = new WeakMap<LintMessage, Diagnostic>();

/** The finding a message was made from, when it came from `toLintResults` (not from parsed JSON). */
export function findingOf(message: LintMessage): Diagnostic | undefined {
  return findings.get(message);
}

function madeFrom<M extends LintMessage>(message: M, diagnostic: Diagnostic): M {
  findings.set(message, diagnostic);
  return message;
}

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
    const source = 'documents' in file ? (file as SourceFile) : undefined;
    // As ESLint: an unused directive is an error with no rule id, among the file's messages by position.
    const unusedHere = unused.filter((u) => u.filePath === file.path).map(unusedMessage);
    const messages = [...reported.map((d) => madeFrom(toLintMessage(d, source), d)), ...unusedHere];
    if (unusedHere.length > 0) messages.sort((a, b) => a.line - b.line || a.column - b.column);
    const suppressedMessages = all
      .filter((d) => d.suppressedBy !== undefined)
      .map((d) => madeFrom({ ...toLintMessage(d, source), suppressions: [{ kind: d.suppressedBy!, justification: d.justification ?? '' }] }, d));
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
    };
  });
}

function unusedMessage(u: UnusedDirective): LintMessage {
  return { ruleId: null, message: u.message, severity: 2, line: u.line, column: u.column, endLine: u.endLine, endColumn: u.endColumn, nodeType: undefined, source: null };
}

function toLintMessage(d: Diagnostic, file: SourceFile | undefined): LintMessage {
  const suggestions =
    file &&
    d.suggestions?.flatMap((s) => {
      const fix = textFix(file, s.fix);
      return fix ? [{ desc: s.desc, fix }] : [];
    });
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
    ...(suggestions?.length ? { suggestions } : {}),
    source: null,
  };
}

/** A fix as ESLint writes one: a single replacement of the text between two offsets. */
function textFix(file: SourceFile, fix: DiagnosticFix): { range: [number, number]; text: string } | undefined {
  const edits = planFix(file, fix);
  if (!edits?.length) return undefined;
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  let text = '';
  let cursor = start;
  for (const edit of edits) {
    text += file.text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return { range: [start, end], text: text + file.text.slice(cursor, end) };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
