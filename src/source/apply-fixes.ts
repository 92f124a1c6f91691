/**
 * Applies fixes (operations on paths, as rules describe them) to a file's text. Each operation becomes
 * a small text edit found with the parsed document's node ranges (yaml-editor.ts). Everything else in
 * the file (comments, blank lines, key order, quoting, flow and block styles, CRLF line ends) is kept
 * byte for byte.
 *
 * Every result is checked: the new text is parsed again, and each document must decode to exactly
 * what the operations make of the old one (fix-semantics.ts), with no new parse problem. A fix that
 * fails the check, or that meets a shape the editor does not handle (an alias on the path, a block
 * scalar to replace, a key found only through a `<<` merge), is not applied: its finding stays.
 */
import type { DiagnosticFix, FixOperation } from '../api/types.js';
import { commentsOf } from './comment-index.js';
import { applyOperations, deepEqual } from './fix-semantics.js';
import { parseSource } from './parse.js';
import { applyEdits, overlaps, sortEdits, type TextEdit } from './text-edits.js';
import { scannedEdits } from './scanned-edits.js';
import type { SourceDocument, SourceFile } from './types.js';
import { Editor } from './yaml-editor.js';
import { Unsupported } from './yaml-nodes.js';

export { applyEdits, type TextEdit } from './text-edits.js';
export { deepEqual } from './fix-semantics.js';

/** A fix with its text edits, ready to apply. */
export interface PlannedFix {
  readonly fix: DiagnosticFix;
  readonly edits: readonly TextEdit[];
}

/**
 * The text edits of one fix against the file's current text, in file order; undefined when the
 * document is not in the file or has a shape this editor does not handle.
 */
export function planFix(file: SourceFile, fix: DiagnosticFix): TextEdit[] | undefined {
  const document = file.documents.find((d) => d.index === fix.document);
  if (!document) return undefined;
  try {
    // A scalar replaced or a key renamed in a block-style document needs no parse.
    const edits = scannedEdits(file.text, document, fix.operations) ?? editorEdits(file, document, fix.operations);
    const sorted = sortEdits(edits);
    for (let i = 1; i < sorted.length; i++) if (overlaps(sorted[i - 1]!, sorted[i]!)) return undefined;
    return sorted;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function editorEdits(file: SourceFile, document: SourceDocument, operations: readonly FixOperation[]): TextEdit[] {
  const editor = new Editor(file.text, document.node, commentsOf(file));
  return operations.flatMap((operation) => editor.edit(operation));
}

/**
 * Applies planned fixes (their edits must not overlap) and checks the result. Returns the file as
 * parsed from the new text, or undefined when the text did not change or the check failed.
 */
export function applyPlannedFixes(file: SourceFile, fixes: readonly PlannedFix[]): SourceFile | undefined {
  const text = applyEdits(
    file.text,
    fixes.flatMap((f) => f.edits),
  );
  if (text === file.text) return undefined;
  const next = parseSource(file.path, file.bom ? `\uFEFF${text}` : text);
  if (next.problems.some((p) => p.fatal) || next.problems.length !== file.problems.length) return undefined;
  if (next.documents.length !== file.documents.length) return undefined;

  const expected = new Map<number, unknown>();
  for (const { fix } of fixes) {
    const before = expected.has(fix.document) ? expected.get(fix.document) : structuredClone(file.documents.find((d) => d.index === fix.document)?.value);
    expected.set(fix.document, applyOperations(before, fix.operations));
  }
  for (let i = 0; i < file.documents.length; i++) {
    const old = file.documents[i]!;
    const now = next.documents[i]!;
    if (now.index !== old.index) return undefined;
    if (!deepEqual(now.value, expected.has(old.index) ? expected.get(old.index) : old.value)) return undefined;
  }
  return next;
}
