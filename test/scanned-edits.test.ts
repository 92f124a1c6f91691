// A fix that replaces a scalar or renames a key is planned by scanning lines (scanned-edits.ts) where the
// document is plain block style. Wherever it plans, it must plan the edits the editor makes from the parsed
// document (yaml-editor.ts): checked for every scalar and key of every manifest of the repository and of
// the benchmark corpus, with values that need quoting, values equal to the old one, and every quoting style.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FixOperation } from '../src/api/types.js';
import { generateCorpus } from '../bench/corpus.js';
import { commentsOf } from '../src/source/comment-index.js';
import { parseSource } from '../src/source/parse.js';
import { scannedEdits } from '../src/source/scanned-edits.js';
import { Editor } from '../src/source/yaml-editor.js';
import { Unsupported } from '../src/source/yaml-nodes.js';
import type { FieldPath } from '../src/util/field-path.js';

const root = join(import.meta.dirname, '..');

const VALUES = ['web', 'yes', '80', 80, 1.5, true, null, 'a: b', "it's", 'x"y', '', '#x', '- x', 'line\nbreak'] as const;
const NAMES = ['renamed', 'yes', 'a b', '80', 'x: y', "it's"];

/** Paths to every scalar of `value`, and whether each is a mapping's value (so its key can be renamed). */
function scalarPaths(value: unknown, path: FieldPath = []): { path: FieldPath; keyed: boolean; value: unknown }[] {
  if (path.length > 64) return []; // (the fixtures that nest hundreds deep)
  if (Array.isArray(value)) return value.flatMap((item, i) => scalarPaths(item, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => scalarPaths(item, [...path, key]));
  return path.length === 0 ? [] : [{ path, keyed: typeof path.at(-1) === 'string', value }];
}

function editorEdits(text: string, file: ReturnType<typeof parseSource>, index: number, operation: FixOperation): unknown {
  try {
    return new Editor(text, file.documents[index]!.node, commentsOf(file)).edit(operation);
  } catch (error) {
    if (error instanceof Unsupported) return 'unsupported';
    throw error;
  }
}

/** Compares both planners on every scalar of `text`; returns how many operations the scan planned and how many were asked. */
function agrees(text: string, tally = { asked: 0, planned: 0 }): typeof tally {
  const file = parseSource('t.yaml', text);
  file.documents.forEach((document, index) => {
    for (const { path, keyed, value } of scalarPaths(document.value)) {
      const operations: FixOperation[] = [
        ...[value as string, ...VALUES].map((v) => ({ op: 'set' as const, at: path, value: v })),
        ...(keyed ? [String(path.at(-1)), ...NAMES].map((to) => ({ op: 'rename' as const, at: path, to })) : []),
      ];
      for (const operation of operations) {
        tally.asked++;
        const scanned = scannedEdits(file.text, document, [operation]);
        if (scanned === undefined) continue;
        tally.planned++;
        expect(scanned, `${JSON.stringify(operation)} in ${JSON.stringify(text)}`).toStrictEqual(editorEdits(file.text, file, index, operation));
      }
    }
  });
  return tally;
}

function manifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name) && !entry.name.endsWith('.expect.yaml'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

describe('fixes planned by scanning lines are the editor’s', () => {
  it('on every scalar and key of the repository’s manifests, planning most of them', () => {
    const tally = { asked: 0, planned: 0 };
    for (const text of [...manifests(join(root, 'fixtures')), ...manifests(join(root, 'examples'))]) agrees(text, tally);
    expect(tally.asked).toBeGreaterThan(100_000);
    expect(tally.planned / tally.asked).toBeGreaterThan(0.9);
  });

  it('on the benchmark corpus, in every quoting style and with CR LF line ends', () => {
    for (const file of generateCorpus(10).files) agrees(file.text);
    agrees('a: "x"\r\nb: \'y\'\r\nc: z # c\r\n"d": 1\r\n\'e\': ~\r\nf: null\r\nl:\r\n- "q"\r\n- p\r\n');
  });

  it('plans, as the editor does, a new scalar in each quoting style and a new name for each key style, in a list item too', () => {
    const text = 'metadata:\n  plain: web # c\n  "double": "a b"\n  \'single\': \'it\'\'s\'\n  tilde: ~\n  number: 80\nlist:\n- item\n- "quoted item"\n- name: x\n';
    for (const eol of ['\n', '\r\n']) {
      const file = parseSource('t.yaml', text.replaceAll('\n', eol));
      const document = file.documents[0]!;
      const operations: FixOperation[] = [
        ...[
          ['metadata', 'plain'],
          ['metadata', 'double'],
          ['metadata', 'single'],
          ['metadata', 'tilde'],
          ['metadata', 'number'],
          ['list', 0],
          ['list', 1],
          ['list', 2, 'name'],
        ].flatMap((at) => [
          { op: 'set' as const, at, value: 'new value' },
          { op: 'set' as const, at, value: 'yes' },
          { op: 'set' as const, at, value: 8080 },
        ]),
        ...[
          ['metadata', 'plain'],
          ['metadata', 'double'],
          ['metadata', 'single'],
          ['list', 2, 'name'],
        ].map((at) => ({ op: 'rename' as const, at, to: 'renamed key' })),
      ];
      for (const operation of operations) {
        const scanned = scannedEdits(file.text, document, [operation]);
        expect(scanned, JSON.stringify(operation)).toBeDefined();
        expect(scanned!.length, JSON.stringify(operation)).toBe(1);
        expect(scanned).toStrictEqual(editorEdits(file.text, file, 0, operation));
      }
      // A value or name equal to the old one needs no edit.
      expect(scannedEdits(file.text, document, [{ op: 'set', at: ['metadata', 'number'], value: 80 }])).toStrictEqual([]);
      expect(scannedEdits(file.text, document, [{ op: 'rename', at: ['metadata', 'double'], to: 'double' }])).toStrictEqual([]);
      // Several operations of one fix, in their order.
      expect(
        scannedEdits(file.text, document, [
          { op: 'set', at: ['metadata', 'plain'], value: 'x' },
          { op: 'rename', at: ['metadata', 'single'], to: 'y' },
        ])?.map((edit) => edit.text),
      ).toStrictEqual(['x', "'y'"]); // (a single-quoted key stays single-quoted)
    }
  });

  it('leaves to the editor what needs the parsed document: deletions, new keys, collections, block scalars, empty values', () => {
    const file = parseSource('t.yaml', 'a: |\n  text\nb:\nc: {x: 1}\nd: [1]\ne: 1\n');
    const document = file.documents[0]!;
    for (const operation of [
      { op: 'delete', at: ['e'] },
      { op: 'set', at: ['new'], value: 1 },
      { op: 'set', at: ['a'], value: 'x' },
      { op: 'set', at: ['b'], value: 'x' },
      { op: 'set', at: ['c', 'x'], value: 2 },
      { op: 'set', at: ['d', 0], value: 2 },
      { op: 'set', at: ['e'], value: { x: 1 } },
      { op: 'rename', at: ['c'], to: 'y' },
      { op: 'rename', at: ['d', 0], to: 'y' },
      { op: 'set', at: ['missing', 'deeper'], value: 1 },
    ] as const) {
      expect(scannedEdits(file.text, document, [operation]), JSON.stringify(operation)).toBeUndefined();
    }
  });
});
