import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic, FieldPath } from '../api/types.js';
import type { RenderedKustomization } from '../source/kustomize-render.js';
import { locate, toPosition } from '../source/locate.js';
import { readSourceFile } from '../source/read.js';
import type { SourceDocument, SourceFile } from '../source/types.js';
import { parseYamlValue } from '../source/yaml-value.js';

const ORIGIN = 'config.kubernetes.io/origin';

/**
 * Findings on a rendered kustomization (`--kustomize`) are reported where the resource came from:
 * the file named by kustomize's origin annotation, at the same field of the same resource there
 * (or, for a field a patch or transformer added, its closest parent that the file has). A generated
 * resource's findings go to the kustomization that configured it, at its first line. What cannot be
 * traced (no origin, an unreadable file) stays on the kustomization file. Fixes are dropped: they
 * address the rendered text.
 */
export function attributeToKustomizeOrigins(
  files: readonly { path: string }[],
  diagnostics: readonly Diagnostic[],
  rendered: readonly RenderedKustomization[],
): { files: { path: string }[]; diagnostics: Diagnostic[] } {
  const byPath = new Map(rendered.map((r) => [r.source.path, r]));
  const sources = new Map<string, SourceFile>();
  const sourceOf = (path: string): SourceFile => {
    let file = sources.get(path);
    if (!file) sources.set(path, (file = readSourceFile(path)));
    return file;
  };

  const mapped = diagnostics.map((d) => {
    const r = byPath.get(d.filePath);
    return r ? (toOrigin(d, r, sourceOf) ?? d) : d;
  });
  const resultFiles: { path: string }[] = [];
  for (const file of files) {
    const r = byPath.get(file.path);
    if (!r) {
      resultFiles.push(file);
      continue;
    }
    if (mapped.some((d) => d.filePath === file.path)) resultFiles.push(file);
    const origins = new Set(r.source.documents.map((doc) => originOf(doc, r)?.file).filter((f): f is string => f !== undefined));
    for (const path of [...origins].sort()) if (path !== file.path) resultFiles.push({ path });
  }
  return { files: resultFiles, diagnostics: mapped };
}

function toOrigin(d: Diagnostic, r: RenderedKustomization, sourceOf: (path: string) => SourceFile): Diagnostic | undefined {
  const offset = offsetOf(r.source, d.line, d.column);
  const doc = r.source.documents.find((document) => contains(document.node.contents as Node | null, offset, true));
  const origin = doc && originOf(doc, r);
  if (!doc || !origin) return undefined;
  const { fix: _fix, ...rest } = d;
  if (origin.generated) return { ...rest, filePath: origin.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const source = sourceOf(origin.file);
  const target = sameResource(source.documents, doc.value);
  if (!target) return { ...rest, filePath: origin.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const at = pathAt(doc.node.contents, offset);
  return { ...rest, filePath: origin.file, ...toPosition(source, locate(source, target, at.path, at.onKey ? 'key' : 'value')) };
}

/** The file a rendered resource came from, by its origin annotation (`configuredIn` for a generated one). */
function originOf(doc: SourceDocument, r: RenderedKustomization): { file: string; generated: boolean } | undefined {
  const text = (doc.value as { metadata?: { annotations?: Record<string, unknown> } } | null)?.metadata?.annotations?.[ORIGIN];
  if (typeof text !== 'string') return undefined;
  const origin = parseYamlValue(text).value as { path?: unknown; configuredIn?: unknown } | undefined;
  if (typeof origin?.path === 'string') return { file: r.originPath(origin.path), generated: false };
  if (typeof origin?.configuredIn === 'string') return { file: r.originPath(origin.configuredIn), generated: true };
  return undefined;
}

/**
 * The document of the source file that became the rendered resource: the same kind, and the name
 * the rendered one was made from (kustomize adds prefixes and suffixes): the same name, else the
 * longest name inside it, else the only one of that kind.
 */
function sameResource(documents: readonly SourceDocument[], rendered: unknown): SourceDocument | undefined {
  const { kind, name } = identity(rendered);
  const candidates = documents.filter((doc) => identity(doc.value).kind === kind);
  const exact = candidates.find((doc) => identity(doc.value).name === name);
  if (exact) return exact;
  const within = candidates.filter((doc) => identity(doc.value).name !== '' && name.includes(identity(doc.value).name));
  within.sort((a, b) => identity(b.value).name.length - identity(a.value).name.length);
  return within[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
}

function identity(value: unknown): { kind: string; name: string } {
  const object = value as { kind?: unknown; metadata?: { name?: unknown } } | null;
  return { kind: typeof object?.kind === 'string' ? object.kind : '', name: typeof object?.metadata?.name === 'string' ? object.metadata.name : '' };
}

/** The field at an offset of a document: the deepest key or value whose range holds it. */
function pathAt(node: Node | null, offset: number): { path: FieldPath; onKey: boolean } {
  const path: (string | number)[] = [];
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key as Node | null, offset, false) || contains(p.value as Node | null, offset, true));
      if (!pair || !isScalar(pair.key)) return { path, onKey: false };
      path.push(String(pair.key.value));
      if (contains(pair.key, offset, false)) return { path, onKey: true };
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node | null, offset, true));
      if (index < 0) return { path, onKey: false };
      path.push(index);
      node = node.items[index] as Node | null;
    } else {
      return { path, onKey: false };
    }
  }
}

function contains(node: Node | null | undefined, offset: number, toNodeEnd: boolean): boolean {
  const range = node?.range;
  return range !== undefined && range !== null && range[0] <= offset && offset < (toNodeEnd ? range[2] : range[1]);
}

function offsetOf(file: SourceFile, line: number, column: number): number {
  return (file.lineCounter.lineStarts[line - 1] ?? 0) + column - 1;
}
