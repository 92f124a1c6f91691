import { CST, Document, isScalar, Parser, type ScalarTag } from 'yaml';
import { PARSE_OPTIONS } from './yaml-options.js';

/**
 * The values of a file's documents, read straight from the parser's syntax tokens, without building
 * the `yaml` library's document tree (nodes, ranges, comments) and converting it: that tree is most of
 * the cost of parsing, and positions are needed only in the few files that have findings.
 *
 * It reads the YAML that manifests are made of: block collections, flow collections whose items
 * start on the line of the one before, plain, quoted and block scalars, comments, `---`. Anything else
 * (anchors, aliases, tags, merge keys, explicit keys, directives, tabs, non-string keys, nesting past
 * MAX_DEPTH) and anything the full parser would report as an error returns `undefined`: the caller
 * then parses the file in full, which gives the same values or the errors. For every text it reads, the values equal the full parser's `toJS()`
 * (tested against it, on every fixture and on random and mutated YAML). `offsets`, when given, receives
 * where each document starts in the text, so that one document can be parsed alone for positions.
 */
export function readPlainValues(text: string, offsets?: number[]): unknown[] | undefined {
  // A tab may be indentation, which YAML forbids; the full parser tells that apart.
  if (text.includes('\t')) return undefined;
  try {
    const values: unknown[] = [];
    for (const token of new Parser().parse(text)) {
      switch (token.type) {
        case 'document':
          values.push(documentValue(token));
          offsets?.push(token.offset);
          break;
        case 'comment':
        case 'newline':
        case 'space':
        case 'byte-order-mark':
          break;
        default:
          return undefined; // %directives, `...`, syntax errors
      }
    }
    return values;
  } catch {
    // Outside the subset (Unhandled), or anything unforeseen: the full parser decides, so a user's run
    // never depends on this reader. Its tests fail if the benchmark corpus stops taking this path.
    return undefined;
  }
}

class Unhandled extends Error {}

/**
 * Collections nested deeper than this are left to the full parser, which reports a document it cannot
 * nest (its stack gives out some hundreds of levels deep); no manifest comes near it.
 */
const MAX_DEPTH = 128;

function unhandled(): never {
  throw new Unhandled();
}

const RESOLVE = new Document(undefined, PARSE_OPTIONS);
const SCALAR_TAGS = RESOLVE.schema.tags.filter((tag): tag is ScalarTag & { test: RegExp } => !tag.collection && tag.test !== undefined);
/** The tags a plain value may resolve to by its look (`yes`, `0755`, `~`); any other plain value is a string. */
const VALUE_TAGS = SCALAR_TAGS.filter((tag) => tag.default === true);
/** Keys may also resolve to the merge key `<<`. */
const KEY_TAGS = SCALAR_TAGS.filter((tag) => tag.default === true || tag.default === 'key');

function documentValue(doc: CST.Document): unknown {
  const start = props(doc.start, 'doc-start', true, false);
  if (start.found && (doc.value?.type === 'block-map' || doc.value?.type === 'block-seq') && !start.newline) unhandled();
  for (const token of doc.end ?? []) if (token.type !== 'space' && token.type !== 'newline' && token.type !== 'comment') unhandled();
  return doc.value ? nodeValue(doc.value, 0) : null;
}

function nodeValue(token: CST.Token, depth: number): unknown {
  if (depth > MAX_DEPTH) unhandled();
  switch (token.type) {
    case 'scalar':
      return plainValue(scalarText(token));
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      return scalarText(token);
    case 'block-map':
      return blockMap(token, depth + 1);
    case 'block-seq':
      return blockSeq(token, depth + 1);
    case 'flow-collection':
      return flowCollection(token, depth + 1);
    default:
      return unhandled(); // aliases, error tokens
  }
}

/** The properties before a node: only white space, comments and the one indicator expected (no anchors or tags). */
function props(tokens: readonly CST.SourceToken[], indicator: CST.SourceToken['type'], startOnNewline: boolean, flow: boolean) {
  let hasSpace = startOnNewline;
  let found: CST.SourceToken | undefined;
  let comma = false;
  let newline = false;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        hasSpace = true;
        break;
      case 'newline':
        hasSpace = true;
        newline = true;
        break;
      case 'comment':
        if (!hasSpace) unhandled(); // `"a"#b`: comments need white space before them
        break;
      case 'comma':
        if (!flow || comma) unhandled();
        comma = true;
        hasSpace = false;
        break;
      default:
        if (token.type !== indicator || found) unhandled();
        found = token;
        hasSpace = false;
    }
  }
  return { found, comma, newline };
}

function blockMap(map: CST.BlockMap, depth: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  let commentOnly = false;
  for (const { start, key, sep, value } of map.items) {
    if (props(start, 'explicit-key-ind', true, false).found) unhandled();
    if (!sep) {
      // An item of comments only, which may end a mapping; a key without `:` is an error.
      if (key) unhandled();
      commentOnly = true;
      continue;
    }
    if (commentOnly || !isFlowScalar(key) || key.indent !== map.indent || containsNewline(key)) unhandled();
    const separator = props(sep, 'map-value-ind', false, false);
    if (!separator.found) unhandled();
    if (value?.type === 'block-map' && !separator.newline) unhandled(); // `a: b: c`
    if (separator.found.offset - key.offset > 1000) unhandled(); // implicit keys longer than 1024 are errors
    setKey(object, keyText(key), value ? nodeValue(value, depth) : null);
  }
  return object;
}

function blockSeq(seq: CST.BlockSequence, depth: number): unknown[] {
  const array: unknown[] = [];
  for (const { start, value } of seq.items) {
    if (!props(start, 'seq-item-ind', true, false).found) {
      if (value) unhandled();
      continue; // comments only
    }
    array.push(value ? nodeValue(value, depth) : null);
  }
  return array;
}

function flowCollection(collection: CST.FlowCollection, depth: number): unknown {
  const isMap = collection.start.source === '{';
  const object: Record<string, unknown> = {};
  const array: unknown[] = [];
  collection.items.forEach(({ start, key, sep, value }, i) => {
    const before = props(start, 'explicit-key-ind', false, true);
    if (before.found || before.newline) unhandled();
    if (!key && !sep && !value) {
      // Only a trailing comma may leave an empty item: `[a, b,]`.
      if (i === 0 || i < collection.items.length - 1 || !before.comma) unhandled();
      return;
    }
    if (before.comma !== i > 0) unhandled();
    if (!isMap) {
      if (key || sep) unhandled(); // `[a: b]` pairs
      array.push(flowValue(value, depth));
      return;
    }
    if (!isFlowScalar(key) || containsNewline(key) || !sep) unhandled();
    const separator = props(sep, 'map-value-ind', false, true);
    if (!separator.found || separator.newline || separator.comma) unhandled();
    setKey(object, keyText(key), value ? flowValue(value, depth) : null);
  });
  const [close, ...after] = collection.end;
  if (close?.source !== (isMap ? '}' : ']')) unhandled();
  let hasSpace = false;
  for (const token of after) {
    if (token.type === 'space' || token.type === 'newline') hasSpace = true;
    else if (token.type !== 'comment' || !hasSpace) unhandled();
  }
  return isMap ? object : array;
}

/** A value inside a flow collection, on the collection's one line. */
function flowValue(token: CST.Token | null | undefined, depth: number): unknown {
  if (!token) return unhandled();
  if (token.type === 'flow-collection' || (isFlowScalar(token) && !containsNewline(token))) return nodeValue(token, depth);
  return unhandled();
}

function isFlowScalar(token: CST.Token | null | undefined): token is CST.FlowScalar {
  return token?.type === 'scalar' || token?.type === 'single-quoted-scalar' || token?.type === 'double-quoted-scalar';
}

function containsNewline(token: CST.FlowScalar): boolean {
  return token.source.includes('\n') || (token.end?.some((t) => t.type === 'newline') ?? false);
}

/** The string a scalar stands for, with quotes, escapes and folding resolved; any problem the parser would report is unhandled. */
function scalarText(token: CST.FlowScalar | CST.BlockScalar): string {
  const resolved = CST.resolveAsScalar(token, true, unhandled);
  return resolved === null ? unhandled() : resolved.value;
}

/** A plain scalar's value by the YAML 1.1 schema: `yes` → true, `0755` → 493, `~` → null, else the string. */
function plainValue(text: string): unknown {
  const tag = VALUE_TAGS.find((t) => t.test.test(text));
  if (tag === undefined) return text;
  const value = tag.resolve(text, unhandled, RESOLVE.options);
  // Some tags wrap their value to remember its format (`1.10`, `yes`), as the full parser keeps it.
  return isScalar(value) ? value.value : value;
}

/** A key: a string only. Keys that resolve to anything else (`80:`, `yes:`, `<<:`) are left to the full parser. */
function keyText(token: CST.FlowScalar): string {
  const text = scalarText(token);
  if (token.type === 'scalar' && KEY_TAGS.some((t) => t.test.test(text))) unhandled();
  return text;
}

function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  // A repeated key is an error (the API server rejects it); the full parser reports it.
  if (Object.hasOwn(object, key)) unhandled();
  // `__proto__` and the other names every object inherits become own properties, as the full parser makes them.
  if (key in object) Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
