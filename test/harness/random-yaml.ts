// Random YAML for the differential tests of the fast reader and the block locator: YAML the `yaml`
// library writes from random values in random styles, and random edits of it.
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Strings that YAML 1.1 reads as something else, or that need quoting or escaping. */
const TRICKY = fc.constantFrom(
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  '~',
  'null',
  '0755',
  '0o17',
  '0x1F',
  '0b101',
  '1_000',
  '190:20:30',
  '1:20',
  '+1',
  '-.5e3',
  '.inf',
  '.NaN',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '',
  ' ',
  'a: b',
  '- x',
  '#x',
  'a #b',
  '"',
  "'",
  '\\',
  '{}',
  '[]',
  '&a',
  '*a',
  '!t',
  '|',
  '>',
  '@x',
  '`x',
  '%x',
  '<<',
  '?',
  'line\nbreak',
  'tab\there',
  'ünï',
  '\u0085',
  'x'.repeat(90),
);
const { value: VALUE } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    TRICKY,
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(TRICKY, fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 4 }),
  ),
}));
const STYLE = fc.record({
  version: fc.constantFrom('1.1' as const, '1.2' as const),
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  collectionStyle: fc.constantFrom('any' as const, 'block' as const, 'flow' as const),
  defaultStringType: fc.constantFrom('PLAIN' as const, 'QUOTE_DOUBLE' as const, 'QUOTE_SINGLE' as const, 'BLOCK_LITERAL' as const, 'BLOCK_FOLDED' as const),
  defaultKeyType: fc.constantFrom(null, 'PLAIN' as const, 'QUOTE_DOUBLE' as const),
  lineWidth: fc.constantFrom(0, 20, 80),
  flowCollectionPadding: fc.boolean(),
});
/** A value that holds other values more than once: `stringify` writes them as anchors and aliases. */
const SHARED = fc.tuple(VALUE, VALUE, fc.boolean()).map(([a, b, nest]) => {
  const shared = typeof a === 'object' && a !== null ? a : { a };
  return nest ? { base: shared, items: [shared, b, shared] } : [shared, { x: shared, y: b }];
});
/** Merge keys (`<<: *base`, `<<: [*a, *b]`) with keys before and after them, in block and flow style. */
const MERGED = fc
  .tuple(fc.array(fc.dictionary(fc.oneof(TRICKY, fc.string({ maxLength: 6 })), VALUE, { maxKeys: 3 }), { minLength: 1, maxLength: 3 }), VALUE, VALUE, fc.boolean(), fc.boolean())
  .map(([bases, before, after, flow, list]) => {
    const anchored = bases.map((base, i) => `b${i}: &b${i} ${stringify(base, { collectionStyle: 'flow', lineWidth: 0 }).trim()}\n`).join('');
    const merge = list ? `[${bases.map((_, i) => `*b${i}`).join(', ')}]` : '*b0';
    const own = (key: string, value: unknown) => `${key}: ${stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim()}`;
    return flow ? `${anchored}m: {${own('k1', before)}, <<: ${merge}, ${own('k2', after)}}\n` : `${anchored}m:\n  ${own('k1', before)}\n  <<: ${merge}\n  ${own('k2', after)}\n`;
  });
/** Comments, CRLF line ends and a byte order mark laid over any text. */
const DRESSING = fc.record({ comments: fc.array(fc.tuple(fc.nat(), fc.constantFrom(' # c', '\n# c', '\n  # c', ' #')), { maxLength: 3 }), crlf: fc.boolean(), bom: fc.boolean() });
function dress(text: string, { comments, crlf, bom }: { comments: [number, string][]; crlf: boolean; bom: boolean }): string {
  let dressed = text;
  for (const [at, comment] of comments) {
    const ends = [...dressed.matchAll(/\n/g)].map((match) => match.index);
    if (ends.length === 0) continue;
    const end = ends[at % ends.length]!;
    dressed = dressed.slice(0, end) + comment + dressed.slice(end);
  }
  if (crlf) dressed = dressed.replaceAll('\n', '\r\n');
  return (bom ? '\uFEFF' : '') + dressed;
}
const DOCUMENT = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(VALUE, STYLE).map(([value, style]) => stringify(value, style)) },
  fc.tuple(SHARED, STYLE).map(([value, style]) => stringify(value, style)),
  MERGED,
);
/** One to three documents of random YAML in random styles, with comments, CR LF line ends or a byte order mark. */
export const DOCUMENTS = fc
  .tuple(fc.array(DOCUMENT, { minLength: 1, maxLength: 3 }), fc.boolean(), DRESSING)
  .map(([docs, explicitStart, dressing]) => dress(docs.map((doc) => (explicitStart ? '---\n' : '') + doc).join(explicitStart ? '' : '---\n'), dressing));

const EDIT = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.constantFrom(
    '',
    ' ',
    '  ',
    '\n',
    '\n  ',
    ':',
    ': ',
    '-',
    '- ',
    '#',
    ' #',
    '"',
    "'",
    ',',
    '[',
    ']',
    '{',
    '}',
    '&a ',
    '*a',
    '*b0',
    '<<: ',
    '!',
    '|',
    '>',
    '|2',
    '?',
    '\t',
    '\r',
    '\r\n',
    '\uFEFF',
    '---\n',
    '...\n',
    '\\',
    '%',
    '{{ .x }}',
  ),
});
/** Random edits of random YAML (most of them broken): characters removed, YAML's indicators and line ends inserted. */
export const EDITED_DOCUMENTS = fc.tuple(DOCUMENTS, fc.array(EDIT, { minLength: 1, maxLength: 3 })).map(([text, edits]) =>
  edits.reduce((t, { at, remove, insert }) => {
    const i = t.length === 0 ? 0 : at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + remove);
  }, text),
);
