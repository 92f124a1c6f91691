import { CodeActionKind, type CodeAction, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { Diagnostic, DiagnosticFix, FixOperation, ResourceRef } from '../api/types.js';
import { lintWithFixes } from '../engine/fix.js';
import { RULES } from '../engine/registry.js';
import { toLintResults } from '../engine/results.js';
import { coveringDirective, IGNORE_ANNOTATION } from '../engine/suppress.js';
import { collectResources } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import { applyEdits, applyPlannedFixes, deepEqual, planFix, type TextEdit } from '../source/apply-fixes.js';
import { parseSource } from '../source/parse.js';
import type { SourceFile } from '../source/types.js';
import { intersects, offsetToPosition, toLspDiagnostic, toRange } from './convert.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.k8s-svc-lint`;

export interface ActionRequest {
  readonly uri: string;
  readonly file: SourceFile;
  /** The findings of the file, as last published. */
  readonly diagnostics: readonly Diagnostic[];
  readonly range: Range;
  readonly only?: readonly string[];
  readonly uriOf: (path: string) => string;
  /** Lints a changed copy of the file in its workspace, for "fix all". */
  readonly relint: (file: SourceFile) => Promise<readonly Diagnostic[]>;
}

/**
 * The code actions for a range of a document: for each finding there, its fix, its suggestions, and
 * comments that suppress it for the line or the resource; and "fix all" for the file. Every edit is
 * checked on the text before it is offered, as `--fix` checks its own.
 */
export async function codeActions(request: ActionRequest): Promise<CodeAction[]> {
  const asked = (kind: string): boolean => request.only?.some((k) => kind === k || kind.startsWith(`${k}.`)) ?? false;
  // Source actions (fix all) only when asked for by kind, as on save; quick fixes also when no kind is named.
  const wants = (kind: string): boolean => !request.only || asked(kind);
  const actions: CodeAction[] = [];
  const fixable = request.diagnostics.filter((d) => d.fix !== undefined);
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of request.diagnostics) {
      if (!intersects(toRange(d), request.range)) continue;
      actions.push(...quickFixes(request, d));
    }
  }
  const fixAllKinds = [...(wants(CodeActionKind.QuickFix) && actions.length > 0 ? [CodeActionKind.QuickFix] : []), ...(asked(FIX_ALL_KIND) ? [FIX_ALL_KIND] : [])];
  if (fixable.length > 0 && fixAllKinds.length > 0) {
    const edit = await fixAll(request);
    for (const kind of fixAllKinds) {
      if (edit) actions.push({ title: 'Fix all auto-fixable k8s-svc-lint problems in this file', kind, edit: { changes: { [request.uri]: [edit] } } });
    }
  }
  return actions;
}

function quickFixes(request: ActionRequest, d: Diagnostic): CodeAction[] {
  const { file, uri } = request;
  const diagnostic = toLspDiagnostic(d, request.uriOf);
  const action = (title: string, edits: readonly TextEdit[], isPreferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(isPreferred ? { isPreferred } : {}),
    edit: { changes: { [uri]: edits.map((e) => toLspEdit(file, e)) } },
  });
  const actions: CodeAction[] = [];
  const fixEdits = d.fix && checkedFix(file, d.fix);
  if (fixEdits) actions.push(action(`Fix this ${d.ruleId} problem`, fixEdits, true));
  for (const suggestion of d.suggestions ?? []) {
    const edits = checkedFix(file, suggestion.fix);
    if (edits) actions.push(action(suggestion.desc, edits));
  }
  if (d.fatal) return actions; // a syntax error is fixed, not silenced
  const line = disableLineEdit(file, d);
  if (line) actions.push(action(`Disable ${d.ruleId} for this line`, [line]));
  const resource = d.resource ? resourceOf(file, d.resource) : undefined;
  const annotation = resource && disableResourceEdits(file, resource, d.ruleId);
  if (annotation) actions.push(action(`Disable ${d.ruleId} for ${resource.object['kind'] as string} ${resource.name || '(unnamed)'}`, annotation));
  return actions;
}

/** A fix's edits, when applying them gives exactly the values the operations mean. */
function checkedFix(file: SourceFile, fix: DiagnosticFix): readonly TextEdit[] | undefined {
  const edits = planFix(file, fix);
  if (!edits?.length) return undefined;
  return applyPlannedFixes(file, [{ fix, edits }]) ? edits : undefined;
}

/** `# k8s-svc-lint-disable-next-line <rule>` above the finding's line, at its indentation; only where the comment changes no value. */
function disableLineEdit(file: SourceFile, d: Diagnostic): TextEdit | undefined {
  const start = lineStart(file, d.line);
  const indent = /^[ \t]*/.exec(file.text.slice(start))![0];
  const newline = file.text.includes('\r\n') ? '\r\n' : '\n';
  const edit = { start, end: start, text: `${indent}# k8s-svc-lint-disable-next-line ${d.ruleId}${newline}` };
  const after = parseSource(file.path, applyEdits(file.text, [edit]));
  const sameValues = after.documents.length === file.documents.length && after.documents.every((doc, i) => deepEqual(doc.value, file.documents[i]!.value));
  return sameValues && coveringDirective(after, { line: d.line + 1, ruleId: d.ruleId }) !== undefined ? edit : undefined;
}

/** The `k8s-svc-lint.io/ignore` annotation of the resource, with the rule added. */
function disableResourceEdits(file: SourceFile, resource: Resource, ruleId: string): readonly TextEdit[] | undefined {
  const metadata = resource.object['metadata'] as Record<string, unknown> | undefined;
  const annotations = metadata?.['annotations'] as Record<string, unknown> | undefined;
  const current = annotations?.[IGNORE_ANNOTATION];
  const value = typeof current === 'string' && current.trim() !== '' ? `${current},${ruleId}` : ruleId;
  const operations: FixOperation[] = [{ op: 'set', at: [...resource.basePath, 'metadata', 'annotations', IGNORE_ANNOTATION], value }];
  return checkedFix(file, { document: resource.document.index, operations });
}

/** The resource a finding names, read from this file's text. */
function resourceOf(file: SourceFile, ref: ResourceRef): Resource | undefined {
  const item = ref.item === undefined ? [] : ['items', ref.item];
  return collectResources([file], '').find((r) => r.document.index === ref.document && r.basePath.length === item.length && r.basePath.every((part, i) => part === item[i]));
}

async function fixAll(request: ActionRequest): Promise<LspTextEdit | undefined> {
  const fixableRules = new Set(RULES.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id));
  const output = await lintWithFixes([request.file], async (files) => {
    const diagnostics = await request.relint(files[0]!);
    return { results: toLintResults(files, diagnostics, fixableRules), diagnostics };
  });
  const fixed = output.results[0]?.output;
  if (fixed === undefined) return undefined;
  const text = fixed.charCodeAt(0) === 0xfeff ? fixed.slice(1) : fixed;
  return { range: { start: { line: 0, character: 0 }, end: offsetToPosition(request.file, request.file.text.length) }, newText: text };
}

function toLspEdit(file: SourceFile, edit: TextEdit): LspTextEdit {
  return { range: { start: offsetToPosition(file, edit.start), end: offsetToPosition(file, edit.end) }, newText: edit.text };
}

function lineStart(file: SourceFile, line: number): number {
  return file.lineCounter.lineStarts[line - 1] ?? file.text.length;
}
