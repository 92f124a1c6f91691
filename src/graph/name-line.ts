import type { Resource } from '../model/types.js';
import type { SourceFile } from '../source/types.js';

/**
 * The line of a resource's `metadata.name`, read from the text without the syntax tree: the report
 * links every object of the topology to its line, and parsing every file again for that (the trees
 * of a large run are not kept) would cost more than the lint itself. Handles the block and flow
 * styles manifests are written in; undefined for anything else (the caller then asks the tree).
 */
export function nameLine(resource: Resource): number | undefined {
  if (resource.basePath.length > 0) return undefined; // an item of a `kind: List`
  const { lines, documents } = splitDocuments(resource.file);
  const region = documents[resource.document.index];
  if (!region) return undefined;
  const [from, to] = region;
  const name = resource.name;
  let kindSeen = false;
  let line: number | undefined;
  for (let i = from; i < to; i++) {
    const text = lines[i]!;
    if (!kindSeen && KIND.exec(text)?.[1] === resource.kind) kindSeen = true;
    if (line !== undefined || !text.startsWith('metadata:')) continue;
    const flow = FLOW_NAME.exec(text);
    if (flow) {
      if (unquote(flow[1]!) === name) line = i + 1;
      continue;
    }
    line = blockNameLine(lines, i + 1, to, name);
  }
  return kindSeen ? line : undefined;
}

const KIND = /^kind:\s*['"]?([A-Za-z0-9]+)['"]?\s*(?:#.*)?$/;
const FLOW_NAME = /^metadata:\s*\{.*?\bname:\s*("[^"]*"|'[^']*'|[^,}\s]+)\s*[,}]/;
const CHILD = /^(\s+)name:\s*("[^"]*"|'[^']*'|[^#\s][^#]*?)\s*(?:#.*)?$/;

/** The `name:` among the direct children of the block mapping that starts at `from`. */
function blockNameLine(lines: readonly string[], from: number, to: number, name: string): number | undefined {
  let indent: number | undefined;
  for (let i = from; i < to; i++) {
    const text = lines[i]!;
    const trimmed = text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const depth = text.length - trimmed.length;
    if (depth === 0) return undefined;
    indent ??= depth;
    if (depth !== indent) continue;
    const match = CHILD.exec(text);
    if (match) return unquote(match[2]!) === name ? i + 1 : undefined;
  }
  return undefined;
}

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

interface Split {
  readonly lines: readonly string[];
  /** Per document of the stream (as the parser counts them): its first and past-last line index. */
  readonly documents: readonly (readonly [number, number])[];
}

const splits = new WeakMap<SourceFile, Split>();

/** As YAML counts documents: each `---` starts one; text before the first `---` is one only if it holds content. */
function splitDocuments(file: SourceFile): Split {
  let split = splits.get(file);
  if (split) return split;
  const lines = file.text.split(/\r?\n/);
  const documents: [number, number][] = [];
  let start = 0;
  let first = true;
  for (let i = 0; i <= lines.length; i++) {
    const end = i === lines.length;
    if (!end && !/^---(?:\s|$)/.test(lines[i]!)) continue;
    if (!first || hasContent(lines, start, i)) documents.push([start, i]);
    if (end) break;
    first = false;
    start = i + 1;
  }
  split = { lines, documents };
  splits.set(file, split);
  return split;
}

function hasContent(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const trimmed = lines[i]!.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return true;
  }
  return false;
}
