// Positions of a file the fast reader read come from a parse of the one document that holds a finding,
// not of the whole file. That tree must have every range the whole-file parse gives (so findings keep
// their lines and columns, and fixes their edits): checked on every YAML file of the repository, on
// the benchmark corpus and on random YAML.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify, visit, type Document } from 'yaml';
import { generateCorpus } from '../bench/corpus.js';
import { parseSource } from '../src/source/parse.js';
import { PARSE_OPTIONS } from '../src/source/yaml-options.js';

const root = join(import.meta.dirname, '..');

/** Every node's range (keys and values), in tree order, with the document's own range first. */
function ranges(doc: Document.Parsed): unknown[] {
  const all: unknown[] = [doc.range];
  visit(doc, (key, node) => {
    all.push([key, (node as { range?: unknown }).range ?? null]);
  });
  return all;
}

/** Returns whether the file took the per-document path; fails when any range differs from the whole-file parse. */
function samePositions(text: string): boolean {
  const file = parseSource('x.yaml', text);
  if (text.includes('k8s-svc-lint-disable') || file.problems.some((p) => p.fatal)) return false;
  const whole = parseAllDocuments(file.text, PARSE_OPTIONS); // the text without its byte order mark, as positions count it
  if (!Array.isArray(whole) || whole.some((doc) => doc.errors.length > 0)) return false;
  expect(file.documents.map((d) => d.index)).toEqual(whole.map((_, i) => i));
  for (const doc of file.documents) expect(ranges(doc.node)).toStrictEqual(ranges(whole[doc.index]!));
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('a document parsed alone has the ranges of the whole-file parse', () => {
  it('on every YAML file of the repository', () => {
    const files = ['fixtures', 'examples', 'test/seeds'].flatMap((dir) => yamlFiles(join(root, dir)));
    let checked = 0;
    for (const path of files) if (samePositions(readFileSync(path, 'utf8'))) checked++;
    expect(checked).toBeGreaterThan(500);
  });

  it('on the benchmark corpus', () => {
    for (const file of generateCorpus(40).files) expect(samePositions(file.text), file.path).toBe(true);
  });

  it.each([
    ['comments before, between and after documents', '# head\n\na: 1 # one\n# tail of one\n---\n# head of two\nb:\n  - x\n# end\n---\n\n---\nc: |\n  text\n\n'],
    ['an explicit first document', '---\na: 1\n---\nb: 2\n'],
    ['a byte order mark and CRLF line ends', '\uFEFFa: 1\r\n---\r\nb: [x, y]\r\n'],
    ['a last document without a final newline', 'a: 1\n---\nb: 2'],
  ])('with %s', (_, text) => {
    expect(samePositions(text)).toBe(true);
  });

  it('on YAML written from random values in random styles', () => {
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('yes', '0755', '', 'a: b', '#x', 'line\nbreak', ' x ', '~'),
        fc.string({ maxLength: 6 }),
        fc.integer(),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    const style = fc.record({
      collectionStyle: fc.constantFrom('any' as const, 'block' as const, 'flow' as const),
      defaultStringType: fc.constantFrom('PLAIN' as const, 'QUOTE_DOUBLE' as const, 'BLOCK_LITERAL' as const, 'BLOCK_FOLDED' as const),
      indentSeq: fc.boolean(),
    });
    const text = fc
      .tuple(fc.array(fc.tuple(value, style, fc.constantFrom('', '# c\n', '\n')), { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([docs, explicit]) => docs.map(([v, s, lead]) => lead + (explicit ? '---\n' : '') + stringify(v, { version: '1.1', ...s })).join(explicit ? '' : '---\n'));
    fc.assert(
      fc.property(text, (t) => void samePositions(t)),
      { numRuns: 500 },
    );
  });
});
