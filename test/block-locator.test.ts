// The block locator finds a path's range by scanning lines instead of parsing. Wherever it answers, it must
// answer what the parsed tree answers (locate.ts), for every path in the document, for paths that do not
// exist, for keys and for values. Checked on every YAML file of the repository, on the benchmark corpus and
// on random YAML; and it must answer for most paths of real manifests, or it saves nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, type Node } from 'yaml';
import { generateCorpus } from '../bench/corpus.js';
import { scanPath } from '../src/source/block-locator.js';
import { locateInTree, trimmed } from '../src/source/locate.js';
import { parseSource } from '../src/source/parse.js';
import type { FieldPath } from '../src/util/field-path.js';
import { DOCUMENTS, EDITED_DOCUMENTS } from './harness/random-yaml.js';

const root = join(import.meta.dirname, '..');

/** Every path to a node of `value`, and one step past each (a missing key, an index past the end, a child of a scalar). */
function pathsOf(value: unknown, path: FieldPath = []): FieldPath[] {
  const paths: FieldPath[] = [path, [...path, 'no-such-key']];
  if (Array.isArray(value)) {
    paths.push([...path, value.length]);
    value.forEach((item, i) => paths.push(...pathsOf(item, [...path, i])));
  } else if (typeof value === 'object' && value !== null) {
    paths.push([...path, 0]);
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...path, key]));
  }
  return paths;
}

interface Tally {
  asked: number;
  answered: number;
}

/** Compares the scan with the tree for every path of every document of `text` the fast reader read. */
function agrees(text: string, tally: Tally = { asked: 0, answered: 0 }): Tally {
  const file = parseSource('t.yaml', text);
  for (const doc of file.documents) {
    if (!doc.span) continue;
    for (const path of pathsOf(doc.value)) {
      for (const target of ['key', 'value'] as const) {
        tally.asked++;
        const scanned = scanPath(file.text, doc.span.start, doc.span.end, path, target);
        if (scanned === undefined) continue;
        tally.answered++;
        const parsed = trimmed(file.text, locateInTree(doc.node, path, target));
        const show = (r: { start: number; end: number }) => `${r.start}-${r.end} ${JSON.stringify(file.text.slice(r.start, r.end))}`;
        expect(show(scanned), `${JSON.stringify(path)} ${target} in ${JSON.stringify(text)}`).toBe(show(parsed));
      }
    }
  }
  return tally;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const RUNS = Number(process.env['FAST_READER_RUNS'] ?? 1);
const SEED = process.env['FAST_READER_RUNS'] === undefined ? { seed: 20261206 } : {};

describe('the block locator finds what the parsed tree finds', () => {
  it('on every YAML file of the repository (fixtures, examples, seeds), and answers for most paths of their manifests', () => {
    const manifests = { asked: 0, answered: 0 };
    for (const file of ['fixtures', 'examples', 'test/seeds'].flatMap((dir) => yamlFiles(join(root, dir)))) {
      // Expected findings are written in flow style (`- {messageId: x, line: 3}`), which the locator leaves to the parser.
      agrees(readFileSync(file, 'utf8'), file.endsWith('.expect.yaml') ? undefined : manifests);
    }
    expect(manifests.asked).toBeGreaterThan(30_000);
    expect(manifests.answered / manifests.asked).toBeGreaterThan(0.95);
  });

  it('on the benchmark corpus, where it answers for nearly every path', () => {
    const tally = { asked: 0, answered: 0 };
    for (const file of generateCorpus(40).files) agrees(file.text, tally);
    expect(tally.answered / tally.asked).toBeGreaterThan(0.97);
  });

  it('on tricky block style: comments, CR LF, quoted keys, block scalars, empty and null values, flow collections', () => {
    const texts = [
      'a:\n  # c1\n  b: 1 # t\n  # c2\n    # c3\n# c4\nd:\n- x # y\n  # z\n- |\n  lit\n   more  \n\n# after\ne: "q" # c\n',
      'spec:\n  ports:\n  - port: 80\n    name: x\n  # trailing\n\n  other: 1\nx: ~\ny:\nz: null\nw: ""\n',
      '---\nkind: Service\r\nmetadata:\r\n  name: web\r\n  labels: {app: web}\r\nspec:\r\n  selector: {}\r\n  ports: []\r\n',
      '"quoted": 1\n\'single\': 2\n"with:colon": 3\nplain key: four\nurl: http://x:80/y\nimage: nginx:1.2\n',
      'a: |-\n  # not a comment\n  text\nb: >\n\n  folded\n  # content\nc: |\n# a comment\nd: 1\n',
      "list:\n- - nested\n- a: 1\n  b: [1, 2, {c: d}]\n-   x: spaced\n    y: 2\n- \"q\"\n- 'it''s'\n",
      'a: b\n  continued\nc: "multi\n  line"\nd: &x 1\ne: *x\n',
      'top:\n  - a\n  -\n    b: 1\n  - c: |\n      block\n      # inside\n',
    ];
    for (const text of texts) agrees(text);
  });

  /** Every path of a document down to (not into) flow collections that hold something, and one step past each node. */
  function blockPaths(node: Node | null, path: FieldPath = []): FieldPath[] {
    const paths: FieldPath[] = [path];
    if (isMap(node) && !node.flow) {
      paths.push([...path, 'no-such-key']);
      for (const pair of node.items) paths.push(...blockPaths(pair.value as Node | null, [...path, String((pair.key as { value: unknown }).value)]));
    } else if (isSeq(node) && !node.flow) {
      paths.push([...path, node.items.length], [...path, 'key']);
      node.items.forEach((item, i) => paths.push(...blockPaths(item as Node, [...path, i])));
    } else if (!isMap(node) && !isSeq(node)) {
      paths.push([...path, 'below-a-scalar']);
    } else if (node.items.length === 0) {
      paths.push([...path, 'in-an-empty-flow-collection']);
    }
    return paths;
  }

  /** Plain block style in every form the locator reads: it must answer for every path, as the tree does. */
  const BLOCK_STYLE = [
    '--- # the first\n# a comment\nkind: Service\nmetadata:\n  name: web   # trailing\n  "quoted key": \'it\'\'s\'\n  \'single\': "a \\"b\\" c"\n' +
      '  labels: {app: web, "x": \'y, z\'}\n  empty:\n  tilde: ~\n  nul: null\n  nul2: Null\n  key : spaced colon\nspec:\n  ports:\n  - name: http\n    port: 80\n' +
      '  -   name: spaced\n      port: 81\n  # between items\n\n  - port: 82 # last\n  list:\n    - a\n    - "b"\n    - [c, d]\n    - deep: 1\n  block: |-\n    line one\n\n      line two\n' +
      '  folded: >\n    text\n  keep: |+\n    kept\n\n  empty-block: |\n  flowseq: [1, "two", {three: 3}]\n  emptymap: {}\n  emptyseq: []\n  url: http://x:80/y\n  image: nginx:1.2\n' +
      "  hash: a#b\n  colon: a:b\nlast: value\n---\n- top\n- item: 1\n  other: 2\n---\nroot:\n- at the key's column\n- second\nnext: 1\n",
  ];

  it('answers for every path of plain block style, as the tree does (LF and CR LF)', () => {
    for (const text of [...BLOCK_STYLE, ...BLOCK_STYLE.map((t) => t.replaceAll('\n', '\r\n'))]) {
      const file = parseSource('t.yaml', text);
      expect(file.documents.length).toBe(3);
      for (const doc of file.documents) {
        for (const path of blockPaths(doc.node.contents)) {
          for (const target of ['key', 'value'] as const) {
            const scanned = scanPath(file.text, doc.span!.start, doc.span!.end, path, target);
            const where = `${JSON.stringify(path)} ${target}`;
            expect(scanned, where).toBeDefined();
            expect(file.text.slice(scanned!.start, scanned!.end), where).toBe(file.text.slice(...Object.values(trimmed(file.text, locateInTree(doc.node, path, target)))));
            expect(scanned, where).toStrictEqual(trimmed(file.text, locateInTree(doc.node, path, target)));
          }
        }
      }
    }
  });

  it('leaves to the parsed tree what is not plain block style', () => {
    const cases: [string, FieldPath][] = [
      ['b: &x 1\n', ['b']],
      ['b: &x 1\na: *x\n', ['a']],
      ['b: &x\n  c: 1\n', ['b', 'c']],
      ['a: b\n  continued\n', ['a']],
      ['- b\n  continued\n', [0]],
      ['a: b\n\n  continued after a blank line\n', ['a']],
      ['a: "b\n  c"\n', ['a']],
      ['a: [1,\n  2]\n', ['a']],
      ['"a\\tb": 1\n', ['a\tb']],
      ["'it''s': 1\n", ["it's"]],
      ['base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n', ['m', 'y']],
      ['a: {b: 1}\n', ['a', 'b']],
      ['a: [1]\n', ['a', 0]],
      ['a:\n  b: 1\n    # deeper, after the last line\nd: 2\n', ['a']],
      ['a:\n  - 1\n  # in the column, after the last item\nd: 2\n', ['a']],
      ['a: | # a comment after the header\n  x\n', ['a']],
      ['- - nested\n', [0]],
      ['--- |\n  a root scalar\n', []],
      ['--- text on the marker line\n', []],
      ['just a scalar\n', []],
      ['a:\n  just a scalar\n  over lines\n', ['a']],
      ['a: "x" # c\nb: "y" z\n', ['b']],
      ['a: [x] y\n', ['a']],
      ['a: [x # c\n  ]\n', ['a']],
      ['a: @x\n', ['a']],
      ['a:\n  ? b\n', ['a', 'b']],
    ];
    for (const [text, path] of cases) {
      expect(scanPath(text, 0, text.length, path, 'value'), `${JSON.stringify(text)} ${JSON.stringify(path)}`).toBeUndefined();
    }
  });

  it('on manifests with comment lines, blank lines and trailing comments laid in at random places and indentations', () => {
    const manifests = ['fixtures', 'examples']
      .flatMap((dir) => yamlFiles(join(root, dir)))
      .filter((file) => !file.endsWith('.expect.yaml'))
      .map((file) => readFileSync(file, 'utf8'));
    const LAYING = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 12 }), fc.constantFrom('# c', '', ' # t', '#')), { minLength: 1, maxLength: 6 });
    const tally = { asked: 0, answered: 0 };
    fc.assert(
      fc.property(fc.nat({ max: manifests.length - 1 }), LAYING, fc.boolean(), (which, laying, crlf) => {
        let text = manifests[which]!;
        for (const [at, indent, what] of laying) {
          const ends = [...text.matchAll(/\n/g)].map((match) => match.index);
          if (ends.length === 0) break;
          const end = ends[at % ends.length]!;
          // A trailing comment goes at a line's end; the others on a line of their own after it.
          text = text.slice(0, end) + (what === ' # t' ? what : `\n${' '.repeat(indent)}${what}`) + text.slice(end);
        }
        agrees(crlf ? text.replaceAll('\n', '\r\n') : text, tally);
      }),
      { numRuns: 400 * RUNS, ...SEED },
    );
    expect(tally.answered / tally.asked).toBeGreaterThan(0.5);
  });

  it('leaves a large document to the parsed tree, which answers any number of lookups after one parse', () => {
    const text = `kind: ConfigMap\ndata:\n${Array.from({ length: 2000 }, (_, i) => `  key${i}: value${i}\n`).join('')}`;
    expect(text.length).toBeGreaterThan(16 * 1024);
    expect(scanPath(text, 0, text.length, ['data', 'key1'], 'value')).toBeUndefined();
    const small = text.slice(0, 16 * 1024 - 20);
    expect(scanPath(small, 0, small.length, ['data', 'key1'], 'value')).toStrictEqual({ start: small.indexOf('value1'), end: small.indexOf('value1') + 6 });
  });

  it('on random YAML in random styles, and on random edits of it', () => {
    const tally = { asked: 0, answered: 0 };
    fc.assert(
      fc.property(DOCUMENTS, (text) => void agrees(text, tally)),
      { numRuns: 1000 * RUNS, ...SEED },
    );
    fc.assert(
      fc.property(EDITED_DOCUMENTS, (text) => void agrees(text, tally)),
      { numRuns: 1000 * RUNS, ...SEED },
    );
    // Else the property proves little: a fair share of random YAML must be answered by the scan.
    expect(tally.answered / tally.asked).toBeGreaterThan(0.1);
  });
});
