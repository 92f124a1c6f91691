import type { FixOperation } from '../api/types.js';
import { valueAt } from '../util/objects.js';
import { scanScalar } from './block-locator.js';
import type { TextEdit } from './text-edits.js';
import type { SourceDocument } from './types.js';
import { renderScalar } from './yaml-render.js';

/**
 * The text edits of fix operations that only replace a scalar or rename a key, in a document of plain
 * block style: the edits the editor (yaml-editor.ts) makes from the parsed document, found by scanning
 * its lines (block-locator.ts). Undefined when any operation needs the parsed document.
 */
export function scannedEdits(text: string, document: SourceDocument, operations: readonly FixOperation[]): TextEdit[] | undefined {
  const span = document.span;
  if (!span) return undefined;
  const edits: TextEdit[] = [];
  for (const operation of operations) {
    if (operation.op === 'delete') return undefined;
    const scalar = scanScalar(text, span.start, span.end, operation.at);
    if (!scalar) return undefined;
    if (operation.op === 'rename') {
      const key = scalar.key;
      if (!key) return undefined;
      const name = key.style === 'PLAIN' ? text.slice(key.start, key.end) : text.slice(key.start + 1, key.end - 1);
      if (name !== operation.to) edits.push({ start: key.start, end: key.end, text: renderScalar(operation.to, key.style, false) });
      continue;
    }
    const value = operation.value;
    if (typeof value === 'object' && value !== null) return undefined;
    if (valueAt(document.value, operation.at) !== value) edits.push({ start: scalar.value.start, end: scalar.value.end, text: renderScalar(value, scalar.style, false) });
  }
  return edits;
}
