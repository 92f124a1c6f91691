// The fast reader (issue 7) must never change what is linted: for every text it reads, its values are
// exactly the full parser's (`parseAllDocuments` + `toJS`, YAML 1.1), and it never reads a text in
// which the full parser finds an error. Checked on every YAML file of the repository, on YAML the
// `yaml` library writes from random values in random styles, and on random edits of that YAML.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, Parser } from 'yaml';
import { generateCorpus } from '../bench/corpus.js';
import { readPlainValues } from '../src/source/plain-reader.js';
import { DOCUMENTS, EDITED_DOCUMENTS } from './harness/random-yaml.js';
import { PARSE_OPTIONS } from '../src/source/yaml-options.js';

const root = join(import.meta.dirname, '..');

/** What the full parser makes of a text: the values, or `errors` when any document has one. */
function fullParse(text: string): unknown[] | 'errors' {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  if (docs.some((doc) => doc.errors.length > 0)) return 'errors';
  try {
    return docs.map((doc) => doc.toJS({ maxAliasCount: 1000 }));
  } catch {
    return 'errors'; // parseSource reports these (an alias bomb, a merge of a scalar) as problems
  }
}

/** Reads with both; returns whether the fast reader read it. Fails when it read it differently. */
function agrees(bomText: string): boolean {
  // parseSource strips a byte order mark before either parser sees it (the full parser misreads
  // `- ` after one); the fast reader leaves any to the full parser.
  if (bomText.startsWith('\uFEFF')) expect(readPlainValues(bomText)).toBeUndefined();
  const text = bomText.replace(/^\uFEFF/, '');
  const offsets: number[] = [];
  const shared: { text?: string } = {};
  const fast = readPlainValues(text, offsets, shared);
  if (fast === undefined) return false;
  // The text handed back to be kept in place of the caller's is the same text.
  if (shared.text !== undefined) expect(shared.text).toBe(text);
  const full = fullParse(text);
  expect(full, 'the fast reader read a text the full parser rejects').not.toBe('errors');
  expect(fast).toStrictEqual(full);
  // Each document starts where the `yaml` parser starts it, so that it can be parsed alone for positions.
  expect(offsets).toStrictEqual([...new Parser().parse(text)].filter((token) => token.type === 'document').map((token) => token.offset));
  return true;
}

/** How many runs each random test makes; raise it (FAST_READER_RUNS=100000) to hunt for disagreements. */
const RUNS = Number(process.env['FAST_READER_RUNS'] ?? 1);
/**
 * `npm test` replays one fixed sequence of random texts, so a run fails only when the reader changes; a hunt
 * (FAST_READER_RUNS set) draws new ones each time and prints the seed of what it finds.
 */
const SEED = process.env['FAST_READER_RUNS'] === undefined ? { seed: 20261206 } : {};

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the fast reader reads as the full parser does', () => {
  it('on every YAML file of the repository (fixtures, examples, seeds)', () => {
    let read = 0;
    const files = ['fixtures', 'examples', 'test/seeds'].flatMap((dir) => yamlFiles(join(root, dir)));
    for (const file of files) if (agrees(readFileSync(file, 'utf8'))) read++;
    expect(files.length).toBeGreaterThan(500);
    // Most manifests are in the subset; the rest (anchors, syntax errors, tabs...) go to the full parser.
    expect(read / files.length).toBeGreaterThan(0.9);
  });

  it('reads every file of the benchmark corpus (else the fast path silently stopped working)', () => {
    for (const file of generateCorpus(60).files) expect(agrees(file.text), file.path).toBe(true);
  });

  it("hands back the text as a slice of js-yaml's copy, with or without a final line end", () => {
    for (const text of ['a: 1\n', 'a: 1', 'a: 1\r\n---\nb: [x, y]', 'kind: Service\nmetadata:\n  name: web\n']) {
      const shared: { text?: string } = {};
      expect(readPlainValues(text, undefined, shared)).toBeDefined();
      expect(shared.text).toBe(text);
    }
  });

  it('agrees with the full parser at every depth of nesting up to where the full parser gives up', () => {
    for (const depth of [10, 100, 128, 129, 200, 500, 1000, 3000]) {
      agrees(`x:\n${'- '.repeat(depth)}y\n`);
      agrees(`x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      agrees(Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n');
    }
  });

  it.each([
    ['block maps and lists', 'a: 1\nb:\n  - x\n  - w: 2\n    z: "q"\nlist:\n- 1\n'],
    ['empty and single-line flow collections', 'a: {}\nb: []\nc: [x, "y", 3,]\nd: {k: v, "q": [1, {}]}\n'],
    ['YAML 1.1 scalars', 'a: yes\nb: off\nc: 0755\nd: 1_000\ne: 0x1F\nf: ~\ng: 1.5\nh: .inf\ni: 190:20:30\nj: 2001-12-14\nk: "yes"\n'],
    ['block scalars', 'a: |\n  line 1\n   line 2\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n'],
    ['multi-line plain and quoted scalars', "a: one\n  two\nb: \"x\\ty\n  z\"\nc: 'it''s'\n"],
    ['comments everywhere', '# head\na: 1 # one\n# between\nb: # empty\n  - x # item\n  # trailing\n'],
    ['several documents, empty ones too', '---\na: 1\n---\n---\n# only a comment\n---\n- x\n'],
    ['an empty file', ''],
    ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n'],
    ['keys inherited by every object', '__proto__: x\nconstructor: y\ntoString: z\n'],
    ['template text inside strings', 'data:\n  alert: "{{ $labels.instance }} is down"\n  rule: |\n    {{ .Values.x }}\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\nc: &l {app: web}\nd: *l\ne: [*x, *l]\n'],
    ['merge keys', 'base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\nmm:\n  c: 0\n  <<: [*b, {d: 4}]\nc: &c {e: 5}\ntwo:\n  <<: *b\n  <<: *c\n'],
    ['YAML escapes in double-quoted scalars', 'a: "\\0 \\a \\b \\t \\n \\v \\f \\r \\e \\  \\" \\/ \\\\ \\N \\_ \\L \\P \\x41 \\u00e9 \\U0001F600"\n'],
    ['a redefined anchor', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n'],
    ['aliases up to the expansion bound', `a: &x 1\nb: [${Array.from({ length: 999 }, () => '*x').join(', ')}]\n`],
    ['a flow collection item on a new line', 'a: [\n  1, 2\n  ]\n'],
    ['a block scalar on the line of `---`', '--- |\n  text\n---\na: 1\n'],
    ['comments before the first document', '# head\n\n  # indented\na: 1\n'],
    ['only comments', '# nothing\n\n# here\n'],
  ])('reads %s', (_, text) => {
    expect(agrees(text)).toBe(true);
  });

  it.each([
    ['an alias inside an anchored node', 'a: &x [1]\nb: &y [*x, *x]\nc: [*y, *y]\n'],
    ['an anchor inside an anchored node', 'a: &x {b: &x 1}\nc: *x\n'],
    ['more aliases than the expansion bound', `a: &x 1\nb: [${Array.from({ length: 1001 }, () => '*x').join(', ')}]\n`],
    ['an alias as a key', 'a: &x k\n*x : 1\n'],
    ['an unknown alias', 'a: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['a local tag', 'a: !local 1\n'],
    ['a merge of something that is not a mapping', 'a: &x 1\nb:\n  <<: *x\n'],
    ['a repeated key', 'a: 1\na: 2\n'],
    ['non-string keys', '80: http\nyes: 1\n'],
    ['tabs', 'a:\n\tb: 1\n'],
    ['a block scalar with an indentation indicator', 'c: |2\n    indented\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['directives', '%YAML 1.1\n---\na: 1\n'],
    ['a flow collection as a key', 'a: {[x]: 1}\n'],
    ['a flow mapping as a key without a value', 'a: {x: 1, {y: 2}}\n'],
    ['a marker line that is not a document marker', '-----\n-\n"yes"\n'],
    ['a byte order mark inside the text', 'a: 1\n\uFEFFb: 2\n'],
    ['a lone carriage return', 'a: 1\rb: 2\n'],
    ['a Helm template action as a value', 'metadata:\n  name: {{ .Release.Name }}\n'],
    ['Helm template logic around a manifest', '{{- if .Values.enabled }}\napiVersion: v1\nkind: Service\n{{- end }}\n'],
    ['a syntax error', 'a: 1\n b: 2\n'],
    ['an unterminated string', 'a: "x\n'],
    ['a nested mapping on the key line', 'a: b: c\n'],
    ['explicit keys', '? a\n: 1\n'],
    ['a comment not separated by a space', 'a: {}#c\n'],
    ['a comment right after a quoted scalar', 'a: "x"#c\n'],
    // Texts on which js-yaml and the full parser were found to disagree:
    ['a key without a value that is not a string, in a flow mapping', 'm: {k, null}\n'],
    ['a nested mapping after an anchor on the key line', 'base: &a1 a: 1\n'],
    ['a quoted scalar continued on a line indented less than its key', 'a:\n    "xx\n  # c\n    xx"\n'],
    ['a multi-line quoted scalar with CR LF line ends', '- "a\\"\r\n  b"\r\n'],
    ['an anchor on its own line before a block scalar', '- &a1\n  |-\n  x\n- *a1\n'],
    ['an anchor that runs into a flow indicator', 'b0: &b0{ a: 1 }\n'],
    ['a root block scalar whose first line is a comment', '|-\n \n# c\n'],
    ['a block scalar with more-indented leading blank lines', '- |-\n   \n  # c\n'],
    ['a root list followed by a less indented one', '  - # c\n- {}\n'],
    ['an empty item of an inner list', '- - a\n  -\n- 1\n'],
    ['a merge of a timestamp', 'b0: &b0 2001-12-14\nm:\n  <<: *b0\n'],
    ['a comment right after a flow indicator', 'b1: &b1 {# "@x": 1\n  }\n'],
    ['a quoted scalar continued at the indentation of its list item, after a key holding "!"', "- '!': 'line\n  # c\n\n   break'\n"],
    ['a key longer than 1024 characters', `${'k'.repeat(1100)}: 1\n`],
    ['a leading comma in a flow collection', 'a: [, x]\n'],
    ['two commas in a row', 'a: {x: 1,, y: 2}\n'],
    ['a mapping on the line of `---`', '--- a: 1\n'],
    ['a mapping as a key', 'a: : b\n'],
    ['nesting deeper than any manifest', `x:\n${'- '.repeat(1000)}y\n`],
  ])('leaves %s to the full parser', (_, text) => {
    expect(readPlainValues(text)).toBeUndefined();
  });
});

describe('the fast reader agrees with the full parser on random YAML', () => {
  it('YAML written from random values in random styles', () => {
    let read = 0;
    fc.assert(
      fc.property(DOCUMENTS, (text) => void (agrees(text) && read++)),
      { numRuns: 1500 * RUNS, ...SEED },
    );
    // Else the property proves little: most random YAML must take the fast path.
    expect(read / (1500 * RUNS)).toBeGreaterThan(0.3);
  });

  it('random edits of such YAML, most of them broken', () => {
    fc.assert(
      fc.property(EDITED_DOCUMENTS, (text) => void agrees(text)),
      { numRuns: 3000 * RUNS, ...SEED },
    );
  });
});
