import jsYaml from 'js-yaml';
import { Document, isScalar, type ScalarTag } from 'yaml';
import { PARSE_OPTIONS } from './yaml-options.js';

/**
 * The values of a file's documents, read by `js-yaml` (several times faster than the `yaml` library's
 * parser, and building no syntax tree) with a schema that resolves plain scalars by the very tags the
 * full parser uses (YAML 1.1: `yes`/`on` booleans, `0755` octal, `1_000`, `190:20:30`, `.inf`, `~`,
 * timestamps, the merge key `<<`). Positions are needed only in the few files that have findings; the
 * tree for them is parsed later, one document at a time.
 *
 * It reads only what both parsers read alike. Anything else returns `undefined`, and the caller then
 * parses the file in full, which gives the same values or the errors: whatever js-yaml rejects
 * (duplicate keys, bad indentation, unknown aliases...), and what the two would read differently
 * (tags, directives, `...`, tabs, keys that are not strings, aliases inside anchored nodes, more
 * aliases than the full parser's expansion bound allows). For every text it reads, the values equal
 * the full parser's `toJS()` (tested against it, on every fixture and on random and mutated YAML).
 * `offsets`, when given, receives where each document starts in the text (as the `yaml` parser
 * places it), so that one document can be parsed alone for positions.
 *
 * `shared`, when given, receives the text again, as a slice of js-yaml's own copy of it (js-yaml appends
 * a `\0` to the text, which copies it): the long strings of the values are slices of that copy, so a
 * caller that keeps this text in place of its own holds the file's characters once, not twice.
 */
export function readPlainValues(text: string, offsets?: number[], shared?: { text?: string }): unknown[] | undefined {
  if (!inSubset(text)) return undefined;
  const starts = documentStarts(text);
  if (starts.length === 0) return []; // blank lines and comments only: no document
  let values: unknown[];
  let input: string | undefined;
  try {
    values = [];
    const listener = listenerFor(text);
    const listen: typeof listener = (event, state) => {
      input ??= state.input;
      listener(event, state);
    };
    jsYaml.loadAll(text, (value: unknown) => void values.push(value), { ...LOAD_OPTIONS, listener: listen as never });
  } catch {
    // Outside the subset, or a text the full parser must judge: it decides, so a user's run never
    // depends on this reader. Its tests fail if the benchmark corpus stops taking this path.
    return undefined;
  }
  if (values.length !== starts.length) return undefined;
  offsets?.push(...starts);
  // js-yaml's input is the text, then a line end if it had none, then `\0` (a byte order mark is outside the subset).
  if (shared && input !== undefined && input.length - text.length <= 2) shared.text = input.slice(0, text.length);
  return values;
}

/**
 * Collections nested deeper than this are left to the full parser, which reports a document it cannot
 * nest (its stack gives out some hundreds of levels deep); no manifest comes near it.
 */
const MAX_DEPTH = 128;

/** The full parser's bound on alias expansion (`maxAliasCount` in parse.ts); no more `*` than this in a file. */
const MAX_ALIASES = 1000;

/** Texts the two parsers may read differently, whatever their structure. */
const OUTSIDE_SUBSET = new RegExp(
  [
    /[\t\uFEFF]/, // tabs (which may be indentation, which YAML forbids); byte order marks (the caller strips the first)
    /\r(?!\n)/, // lone carriage returns
    /^(?:%|\.\.\.|---(?![ \r\n]|$))/, // directives, document end markers, `----`
    /^--- +[^ #|>\r\n]/, // content on the line of `---` other than a block scalar
    /[\]}] *:/, // flow collections as keys
    /(?:^|[ \r\n[{,:])(?:!|\?(?:[ \r\n]|$))/, // tags, explicit keys
    /(?:^| )[|>](?:[1-9][+-]?|[+-][1-9])(?=[ \r\n]|$)/, // block scalars with an indentation indicator (`|2`)
    /&[^ \r\n[\]{},]*[[\]{},]/, // anchors that run into a flow indicator (`&a{`): the parsers end the name differently
    /^ *(?:- +)*-(?: +#.*)? *\r?$/, // list items with nothing on their line: js-yaml may put an outer list's next item into them
    /[[{,]#/, // a comment with no white space before it, right after a flow indicator, which the full parser rejects
  ]
    .map((pattern) => pattern.source)
    .join('|'),
  'm',
);

/** Whether the text is free of what the two parsers may read differently, and has no more `*` than the alias bound. */
function inSubset(text: string): boolean {
  if (OUTSIDE_SUBSET.test(text)) return false;
  if (!text.includes('*')) return true;
  let stars = 0;
  for (let at = text.indexOf('*'); at >= 0; at = text.indexOf('*', at + 1)) if (++stars > MAX_ALIASES) return false;
  return true;
}

/**
 * Where each document starts, as the `yaml` parser places its document tokens: at each `---` line,
 * and, when content comes before the first of them, at the start of that content's line. In a text
 * both parsers read without error, every line that begins with `---` and a space or line end is a
 * document marker (the count is checked against js-yaml's, and the offsets against the `yaml`
 * parser's in the tests).
 */
function documentStarts(text: string): number[] {
  const starts: number[] = [];
  const first = /^[ \r]*[^ \r\n#]/m.exec(text)?.index; // the line of the first content
  if (first === undefined) return starts;
  const marker = /^---(?=[ \r\n]|$)/gm;
  for (let match = marker.exec(text); match !== null; match = marker.exec(text)) {
    if (starts.length === 0 && match.index > first) starts.push(first);
    starts.push(match.index);
  }
  if (starts.length === 0) starts.push(first);
  return starts;
}

const RESOLVE = new Document(undefined, PARSE_OPTIONS);
const SCALAR_TAGS = RESOLVE.schema.tags.filter((tag): tag is ScalarTag & { test: RegExp } => !tag.collection && tag.test !== undefined);
/** The tags a plain value may resolve to by its look (`yes`, `0755`, `~`); any other plain value is a string. */
const VALUE_TAGS = SCALAR_TAGS.filter((tag) => tag.default === true);

/** All of them in one pattern: most plain scalars (`name`, `Service`) match none, and one test says so. */
const ANY_VALUE_TAG = new RegExp(VALUE_TAGS.map((tag) => `(?:${tag.test.source})`).join('|'));

const PLAIN_TAG = 'tag:k8s-svc-lint,2026:plain';
let matched: (typeof VALUE_TAGS)[number] | undefined;

function unreadable(): never {
  throw new Error('outside the fast reader');
}

/** A plain scalar that resolves to something other than a string, by the full parser's own YAML 1.1 tags. */
const PLAIN = new jsYaml.Type(PLAIN_TAG, {
  kind: 'scalar',
  resolve: (text: string) => ANY_VALUE_TAG.test(text) && (matched = VALUE_TAGS.find((tag) => tag.test.test(text))) !== undefined,
  construct: (text: string) => {
    const value = matched!.resolve(text, unreadable, RESOLVE.options);
    // Some tags wrap their value to remember its format (`1.10`, `yes`), as the full parser keeps it.
    return isScalar(value) ? value.value : value;
  },
});
/** `<<` merges the mappings it names (YAML 1.1), as the full parser does; js-yaml marks it with this tag. */
const MERGE_TAG = 'tag:yaml.org,2002:merge';
const MERGE = new jsYaml.Type(MERGE_TAG, { kind: 'scalar', resolve: (text: string) => text === '<<' });
// No explicit types: any tag (`!!str`, `!x`) is unknown to js-yaml, which then throws.
const SCHEMA = new jsYaml.Schema({ implicit: [MERGE, PLAIN] });
const LOAD_OPTIONS = { schema: SCHEMA, maxDepth: MAX_DEPTH } as jsYaml.LoadOptions;

interface Frame {
  /** Where js-yaml opened the node, and where its content starts. */
  readonly start: number;
  readonly content: number;
  /** Whether it may be a flow mapping, and whether it is in a flow mapping's key position. */
  readonly flowMap: boolean;
  readonly flowKey: boolean;
  /** Whether it is the value of a merge key `<<`, and whether its next child will be one. */
  readonly mergeValue: boolean;
  mergeNext: boolean;
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

interface JsYamlState {
  readonly result: unknown;
  readonly input: string;
  readonly position: number;
  readonly kind: string | null;
  readonly tag: string | null;
  readonly anchor: string | null;
}

/**
 * Checks each node as js-yaml opens and closes it, throwing where the full parser would read it
 * otherwise or report an error:
 * - a key that is not a string (`80:`, `yes:`, `~:`, an alias, an empty key, a collection, `{null}`):
 *   the two parsers turn it into a property name differently;
 * - a key longer than the full parser allows (1024 characters);
 * - a comment without white space before it (`"a"#b`), which the full parser rejects;
 * - a line starting with `#` in a block scalar that is not indented as its content (the two parsers
 *   tell comments from content differently there);
 * - a block collection that starts after a key or an anchor on the same line (`a: &x b: c`), or a
 *   document's root collection with a line indented less than its first;
 * - a line of a multi-line flow scalar or flow collection that is not indented more than the block it
 *   is in, which the full parser rejects;
 * - a merge key whose value is not a mapping or a list of mappings;
 * - an anchored node that holds an alias or another anchor: alias expansion then multiplies (the full
 *   parser's bound counts it so), and the two parsers resolve a nested anchor of the same name differently.
 */
function listenerFor(text: string): (event: 'open' | 'close', state: JsYamlState) => void {
  const anchors = text.includes('&');
  const opened: Frame[] = [];
  return (event, state) => {
    const { input, position } = state;
    if (event === 'open') {
      // A key of a flow mapping may have no `:` after it (`{a, b: 1}`). (js-yaml may open a node twice
      // at one place: a block mapping's key is tried first.)
      const content = contentStart(input, position);
      const parent = opened.at(-1);
      const flowKey = parent !== undefined && parent.flowMap && parent.content !== content && input[previousContent(input, position)] !== ':';
      const mergeValue = parent?.mergeNext ?? false;
      if (parent) parent.mergeNext = false;
      opened.push({ start: position, content, flowMap: input[content] === '{', flowKey, mergeValue, mergeNext: false });
      return;
    }
    const { start, content, flowKey, mergeValue } = opened.pop()!;
    const parent = opened.at(-1);
    if (state.tag === MERGE_TAG && parent) parent.mergeNext = true;
    // The full parser merges mappings only; js-yaml takes any object (a timestamp, a list in a list).
    if (mergeValue && !(isMapping(state.result) || (Array.isArray(state.result) && state.result.every(isMapping)))) unreadable();
    // (This also leaves `name: {{ .Release.Name }}` to the full parser, which reports a Helm template.)
    if ((state.kind !== 'scalar' || state.tag === PLAIN_TAG) && (flowKey || isKey(input, position))) unreadable();
    // The full parser rejects implicit keys longer than 1024 characters.
    if (position - content > 1000 && isKey(input, position)) unreadable();
    if (input.charCodeAt(position) === 0x23 && !/\s/.test(input[position - 1]!)) unreadable();
    if (isFlowNode(input[content]!, state.kind)) {
      if (!continuationIndented(input, content, position)) unreadable();
      // The two parsers fold a CR LF inside a multi-line flow scalar differently.
      if (state.kind === 'scalar' && input.slice(content, position).includes('\r')) unreadable();
    } else if (input[content] === '|' || input[content] === '>') {
      if (commentInBlockScalar(input, content)) unreadable();
    } else if (state.kind === 'mapping' || state.kind === 'sequence') {
      const lineStart = input.lastIndexOf('\n', content - 1) + 1;
      // A block collection starts on a line of its own, or after `- ` (not `a: b: c`, `a: &x b: c`).
      if (!/^(?: *- )* *$/.test(input.slice(lineStart, content))) unreadable();
      // js-yaml reads a document's root collection with lines indented less than its first.
      if (opened.length === 0 && !linesIndented(input, content, position, content - lineStart)) unreadable();
    }
    // js-yaml may drop a node's anchor while it tries the node as a mapping (`&a` on a line of its own
    // before a block scalar), keeping the anchor for an empty mapping.
    if (anchors && state.anchor === null && input[nextContent(input, start)] === '&') unreadable();
    if (anchors && state.anchor !== null) {
      const node = input.slice(start, position);
      if (node.includes('*') || node.indexOf('&') !== node.lastIndexOf('&')) unreadable();
    }
  };
}

/** Whether a `:` follows a node (then it was a key). */
function isKey(input: string, end: number): boolean {
  let at = end;
  while (input.charCodeAt(at) === 0x20) at++;
  return input.charCodeAt(at) === 0x3a;
}

/** The first character at or after `at` that is not white space. */
function nextContent(input: string, at: number): number {
  let i = at;
  while (isSpace(input.charCodeAt(i))) i++;
  return i;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d;
}

/** The last character before `at` that is not white space. */
function previousContent(input: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && isSpace(input.charCodeAt(i))) i--;
  return i;
}

/** Where a node's content starts: past white space, comments and an anchor. */
function contentStart(input: string, at: number): number {
  let i = nextContent(input, at);
  while (input[i] === '#' || input[i] === '&') {
    const end = input[i] === '#' ? input.indexOf('\n', i) : input.slice(i).search(/[ \r\n]/) + i;
    if (end < i) return input.length;
    i = nextContent(input, end);
  }
  return i;
}

/** Quoted and plain scalars and flow collections: their lines past the first must be indented. */
function isFlowNode(first: string, kind: string | null): boolean {
  if (first === '"' || first === "'" || first === '{' || first === '[') return true;
  return kind === 'scalar' && first !== '|' && first !== '>';
}

/**
 * Whether every line of input[from, to) past the first is blank or indented more than the block the
 * node is in: more than the key or `-` before it on its first line (or than that line, when neither).
 */
function continuationIndented(input: string, from: number, to: number): boolean {
  let newline = input.indexOf('\n', from);
  if (newline < 0 || newline >= to) return true;
  const lineStart = input.lastIndexOf('\n', from - 1) + 1;
  const line = input.slice(lineStart, from);
  const prefix = line.replace(/(?:(?<=^|\s)[&!]\S*\s+)+$/, '').trimEnd(); // anchors and tags, not a `!` inside a key
  const dash = Math.max(prefix.lastIndexOf('- '), prefix.endsWith('-') ? prefix.length - 1 : -1);
  const indent = prefix.endsWith(':') ? nextContent(prefix, dash + 1) : dash >= 0 ? dash : nextContent(line, 0);
  for (; newline >= 0 && newline < to; newline = input.indexOf('\n', newline + 1)) {
    const next = nextContent(input, newline + 1);
    const lineIndent = input.lastIndexOf('\n', next - 1) + 1;
    if (next < to && next - lineIndent <= indent) return false;
  }
  return true;
}

/**
 * Whether a line that starts with `#` is indented less than a block scalar's content, or is its first
 * line while the scalar is a document's root or that line is not indented past the key; or whether
 * blank lines before its content are indented more than it.
 */
function commentInBlockScalar(input: string, header: number): boolean {
  const lineStart = input.lastIndexOf('\n', header - 1) + 1;
  const prefix = input.slice(lineStart, header);
  const keyIndent = /^(?:--- +| *)$/.test(prefix) ? Infinity : prefix.length - prefix.trimStart().length;
  let contentIndent: number | undefined;
  let leadingBlank = 0;
  for (let newline = input.indexOf('\n', header); newline >= 0; newline = input.indexOf('\n', newline + 1)) {
    let at = newline + 1;
    while (input[at] === ' ') at++;
    if (at >= input.length) return false;
    if (input[at] === '\n' || input[at] === '\r') {
      if (contentIndent === undefined) leadingBlank = Math.max(leadingBlank, at - newline - 1);
      continue;
    }
    const indent = at - newline - 1;
    if (contentIndent === undefined) {
      if (input[at] === '#' && indent <= keyIndent) return true;
      // Leading blank lines indented more than the first content line are an error in the full parser.
      if (leadingBlank > indent) return true;
      contentIndent = indent;
    } else if (indent < contentIndent) {
      return input[at] === '#';
    }
  }
  return false;
}

/** Whether every line of input[from, to) past the first that has content is indented by at least `column`. */
function linesIndented(input: string, from: number, to: number, column: number): boolean {
  for (let newline = input.indexOf('\n', from); newline >= 0 && newline < to; newline = input.indexOf('\n', newline + 1)) {
    let at = newline + 1;
    while (input.charCodeAt(at) === 0x20) at++;
    if (at >= to) break;
    const code = input.charCodeAt(at);
    if (code !== 0x0a && code !== 0x0d && code !== 0x23 && at - newline - 1 < column) return false;
  }
  return true;
}
