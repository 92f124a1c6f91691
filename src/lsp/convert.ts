import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Position, type Range } from 'vscode-languageserver/node';
import type { Diagnostic } from '../api/types.js';
import { ruleDocsUrl } from '../engine/registry.js';
import type { SourceFile } from '../source/types.js';

export const SOURCE = 'k8s-svc-lint';

/** A document's path: the file system path of a `file:` URI, else the URI itself (an unsaved buffer). */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function pathToUri(path: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? path : pathToFileURL(path).href;
}

/** Our 1-based line and column (UTF-16 code units, like LSP's default) as a 0-based LSP range. */
export function toRange(d: { line: number; column: number; endLine: number; endColumn: number }): Range {
  return { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } };
}

/** The position of an offset into the file's text. */
export function offsetToPosition(file: SourceFile, offset: number): Position {
  const { line, col } = file.lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

export function toLspDiagnostic(d: Diagnostic, uriOf: (path: string) => string): LspDiagnostic {
  return {
    range: toRange(d),
    severity: d.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    source: SOURCE,
    message: d.message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: uriOf(r.filePath), range: toRange(r) }, message: r.message })) } : {}),
  };
}

export function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

export function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
