import { Composer, isMap, isSeq, LineCounter, parseAllDocuments, Parser, type Document } from 'yaml';
import { addDuplicateKeyErrors } from './duplicate-keys.js';
import { findHelmTemplate } from './helm.js';
import { parseDirectives } from './directives.js';
import { isListDocument } from './lists.js';
import { readPlainValues } from './plain-reader.js';
import { recentTree, remember } from './recent-trees.js';
import type { SourceDocument, SourceFile, SourceProblem } from './types.js';
import { PARSE_OPTIONS } from './yaml-options.js';

/** Aliases expanded per document; more than this is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses a file into plain values. Most files are read by the fast reader, which builds no syntax
 * tree; the tree a position needs is then parsed, for that one document only, when a finding first
 * asks for one. Files the fast reader leaves alone get the full parser. Either way only the most
 * recently used trees are kept (recent-trees.ts), as all of them would hold most of the memory of a
 * large run. Lines are counted only when a position is needed, too.
 */
export function parseSource(path: string, rawText: string): SourceFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  // Suppression comments need the syntax tree at once. (Helm templates never get through the fast
  // reader: a template action outside strings is a syntax error or a flow mapping used as a key.)
  const offsets: number[] = [];
  const shared: { text?: string } = {};
  const plain = text.includes('k8s-svc-lint-disable') ? undefined : readPlainValues(text, offsets, shared);
  if (plain !== undefined) return plainSource(path, shared.text ?? text, plain, offsets, text !== rawText);

  let streamDocs: Document.Parsed[];
  try {
    streamDocs = parseStream(text);
  } catch (error) {
    // The parser recurses once per nesting level; 10,000 levels of `[[[...` overflow the stack.
    return unparsableSource(path, text, error);
  }

  const helm = text.includes('{{') ? findHelmTemplate(text, streamDocs) : undefined;
  if (helm !== undefined) {
    const problem: SourceProblem = {
      ruleId: 'helm-template',
      message: 'This file is a Helm template (`{{ ... }}`), not a manifest; lint the rendered output instead: `helm template <chart> | k8s-svc-lint -`',
      start: helm,
      end: text.indexOf('}}', helm) + 2 || helm + 2,
      fatal: true,
    };
    return sourceFile(path, text, [], [problem]);
  }

  const problems: SourceProblem[] = [];
  const documents: SourceDocument[] = [];
  const trees = treesOf(text, streamDocs);
  streamDocs.forEach((node, index) => {
    let fatal = false;
    for (const error of node.errors) {
      if (error.code === 'DUPLICATE_KEY') {
        const key = keyAt(text, error.pos[0]);
        problems.push({ ruleId: 'duplicate-key', message: duplicateKeyMessage(key), start: error.pos[0], end: error.pos[0] + Math.max(key?.length ?? 1, 1), fatal: false });
      } else if (!fatal) {
        // Only the first syntax error of a document: the ones after it are usually its echoes.
        fatal = true;
        problems.push({ ruleId: 'yaml-syntax', message: syntaxMessage(error.message), start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1), fatal: true });
      }
    }
    if (fatal) return;
    // Point at the content, not at the `---` that separates it from the previous document.
    const start = node.contents?.range?.[0] ?? node.range[0];
    let value: unknown;
    try {
      value = node.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({ ruleId: 'yaml-syntax', message: `This document could not be read: ${readError(error)}`, start, end: start + 1, fatal: true });
      return;
    }
    problems.push(...listItemProblems(() => node, value));
    documents.push(sourceDocument(index, value, () => trees()[index]!));
  });

  const file = sourceFile(path, text, documents, problems, text !== rawText);
  // Directives need line numbers: lines are counted here only when there are any.
  return text.includes('k8s-svc-lint-disable') ? { ...file, directives: parseDirectives(text, file.lineCounter, streamDocs) } : file;
}

/** A file the fast reader read: no syntax errors, and each document's tree is parsed when a position in it is first asked for. */
function plainSource(path: string, text: string, values: readonly unknown[], offsets: readonly number[], bom: boolean): SourceFile {
  const documents = values.map((value, index) => new PlainDocument(index, value, text, offsets[index]!, offsets[index + 1] ?? text.length));
  const problems = values.flatMap((value, index) => listItemProblems(() => documents[index]!.node, value));
  return sourceFile(path, text, documents, problems, bom);
}

/**
 * A document the fast reader read. Its syntax tree, for positions, is that of text[start, end) alone,
 * with ranges into the whole text, parsed when asked for (recent-trees.ts keeps the last one). One
 * object per document, as a large run holds tens of thousands of them.
 */
class PlainDocument implements SourceDocument {
  constructor(
    readonly index: number,
    readonly value: unknown,
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get node(): Document.Parsed {
    return recentTree(this, () => {
      const parser = new Parser();
      parser.offset = this.start; // ranges stay offsets into the whole text
      // The fast reader read this document, so it parses without errors (duplicate keys included).
      return [...new Composer({ ...PARSE_OPTIONS, uniqueKeys: false }).compose(parser.parse(this.text.slice(this.start, this.end)), false, this.end)][0]!;
    });
  }
}

function parseStream(text: string): Document.Parsed[] {
  // The parser's own duplicate-key check compares each key with every key before it: 50,000 keys take
  // seconds. The same check, with a set per mapping, is linear.
  const parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, uniqueKeys: false });
  if (!Array.isArray(parsed)) return [];
  for (const doc of parsed) addDuplicateKeyErrors(doc);
  return parsed;
}

/**
 * The syntax trees of a file, for positions: those of the first parse while they are among the recent
 * trees (recent-trees.ts), else parsed again.
 */
function treesOf(text: string, firstParse: readonly Document.Parsed[]): () => readonly Document.Parsed[] {
  const owner = {};
  remember(owner, firstParse);
  return () => recentTree(owner, () => parseStream(text));
}

function sourceDocument(index: number, value: unknown, tree: () => Document.Parsed): SourceDocument {
  return {
    index,
    value,
    get node() {
      return tree();
    },
  };
}

function sourceFile(path: string, text: string, documents: readonly SourceDocument[], problems: readonly SourceProblem[], bom = false): SourceFile {
  let lineCounter: LineCounter | undefined;
  return {
    path,
    text,
    ...(bom ? { bom } : {}),
    get lineCounter() {
      return (lineCounter ??= countLines(text));
    },
    documents,
    problems,
    directives: [],
  };
}

/** What the parser's LineCounter records: the offset of every line start. */
export function countLines(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) counter.addNewLine(newline + 1);
  return counter;
}
/** A file that could not be read or decoded: one fatal problem at its start. */
export function unreadableSource(path: string, ruleId: 'yaml-syntax' | 'file-unreadable', message: string): SourceFile {
  return sourceFile(path, '', [], [{ ruleId, message, start: 0, end: 0, fatal: true }]);
}

/** A file the parser gave up on (it threw, e.g. nesting too deep for the stack): one fatal problem at its start. */
function unparsableSource(path: string, text: string, error: unknown): SourceFile {
  return sourceFile(
    path,
    text,
    [],
    [{ ruleId: 'yaml-syntax', message: `This file could not be parsed: ${readError(error)}`, start: 0, end: Math.min(1, text.length), fatal: true }],
  );
}

function readError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'it is nested too deeply; no manifest nests this deep';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Items of a `kind: List` (or a typed list) that are not Kubernetes objects (a mapping with `apiVersion` and `kind`):
 * kubectl cannot decode them, and they are not linted.
 */
function listItemProblems(doc: () => Document.Parsed, value: unknown): SourceProblem[] {
  if (!isListDocument(value)) return [];
  const items = value.items;
  if (items.every((item) => notAnObject(item) === undefined)) return [];
  const root = doc().contents;
  const itemsNode = isMap(root) ? root.get('items', true) : undefined;
  if (!isSeq(itemsNode)) return [];
  const problems: SourceProblem[] = [];
  items.forEach((item: unknown, i) => {
    const what = notAnObject(item);
    const range = (itemsNode.items[i] as { range?: [number, number, number] } | undefined)?.range;
    if (what === undefined || !range) return;
    problems.push({
      ruleId: 'yaml-syntax',
      message: `items[${i}] of this List ${what}, so it is not a Kubernetes object: kubectl cannot decode it, and it was not linted`,
      start: range[0],
      end: Math.max(range[1], range[0] + 1),
      fatal: false,
    });
  });
  return problems;
}

function notAnObject(item: unknown): string | undefined {
  if (item === null || item === undefined) return 'is empty';
  if (Array.isArray(item)) return 'is a list';
  if (typeof item !== 'object') return `is ${typeof item === 'string' ? 'a string' : `a ${typeof item}`}`;
  const object = item as Record<string, unknown>;
  if (typeof object['kind'] !== 'string' || object['kind'] === '') return 'has no kind';
  if (typeof object['apiVersion'] !== 'string') return 'has no apiVersion';
  return undefined;
}

function keyAt(text: string, offset: number): string | undefined {
  return /^"[^"\n]*"|^'[^'\n]*'|^[^\s:#]+/.exec(text.slice(offset, offset + 256))?.[0];
}

function duplicateKeyMessage(key: string | undefined): string {
  const shown = key === undefined ? 'This key' : `Key \`${key}\``;
  return `${shown} appears twice in the same mapping; the API server rejects duplicate fields (kubectl validates strictly); keep one`;
}

function syntaxMessage(yamlMessage: string): string {
  if (/call stack/i.test(yamlMessage)) return 'This document is nested too deeply to be read; no manifest nests this deep';
  // The yaml library appends the position ("at line 3, column 5:") and a source excerpt; we report the position ourselves.
  const firstLine = yamlMessage.split('\n')[0] ?? yamlMessage;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '').trim()}`;
}
