/**
 * The fix editor (src/source/apply-fixes.ts) and the pass loop (src/engine/fix.ts), in process: each
 * operation's exact text, the shapes that are refused, the check that rejects a wrong result, and
 * conflicting fixes spread over passes.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, FixOperation } from '../src/api/types.js';
import { lintWithFixes, MAX_PASSES } from '../src/engine/fix.js';
import type { LintResult } from '../src/engine/results.js';
import { applyEdits, applyPlannedFixes, deepEqual, planFix } from '../src/source/apply-fixes.js';
import { parseSource } from '../src/source/parse.js';
import type { SourceFile } from '../src/source/types.js';

/** The text after one fix on document `document`, or undefined when it is refused. */
function fix(text: string, operations: FixOperation[], document = 0, path = 'test.yaml'): string | undefined {
  const file = parseSource(path, text);
  const planned = { document, operations };
  const edits = planFix(file, planned);
  if (!edits) return undefined;
  return applyPlannedFixes(file, [{ fix: planned, edits }])?.text;
}

describe('set', () => {
  it('replaces a scalar in its own quoting style', () => {
    expect(fix('a: "x" # c\nb: 1\n', [{ op: 'set', at: ['a'], value: 'y' }])).toBe('a: "y" # c\nb: 1\n');
    expect(fix("a: 'x'\n", [{ op: 'set', at: ['a'], value: "it's" }])).toBe("a: 'it''s'\n");
    expect(fix('a: x\n', [{ op: 'set', at: ['a'], value: 'z' }])).toBe('a: z\n');
  });

  it('quotes a plain string the YAML 1.1 reader would take for something else', () => {
    expect(fix('a: x\n', [{ op: 'set', at: ['a'], value: 'yes' }])).toBe('a: "yes"\n');
    expect(fix('a: x\n', [{ op: 'set', at: ['a'], value: 'y' }])).toBe('a: "y"\n');
    expect(fix('a: x\n', [{ op: 'set', at: ['a'], value: '0755' }])).toBe('a: "0755"\n');
    expect(fix('a: {b: x}\n', [{ op: 'set', at: ['a', 'b'], value: 'p, q' }])).toBe('a: {b: "p, q"}\n');
  });

  it('writes a number unquoted over a quoted string', () => {
    expect(fix('ports:\n- port: "80"\n', [{ op: 'set', at: ['ports', 0, 'port'], value: 80 }])).toBe('ports:\n- port: 80\n');
  });

  it('adds a missing key last in a block map, at its indentation, before the comments of what follows', () => {
    const text = 'metadata:\n  name: web\n  # labels come next\nspec: {}\n';
    expect(fix(text, [{ op: 'set', at: ['metadata', 'namespace'], value: 'shop' }])).toBe('metadata:\n  name: web\n  namespace: shop\n  # labels come next\nspec: {}\n');
  });

  it('adds missing parents with the key, indented as the file indents', () => {
    const text = 'spec:\n    ports:\n        - port: 80\n';
    expect(fix(text, [{ op: 'set', at: ['spec', 'selector', 'app'], value: 'web' }])).toBe('spec:\n    ports:\n        - port: 80\n    selector:\n        app: web\n');
  });

  it('places a key first, or after a sibling, when asked', () => {
    const text = 'spec:\n  # the routes\n  rules: []\n  tls: []\n';
    expect(fix(text, [{ op: 'set', at: ['spec', 'ingressClassName'], value: 'alb', place: 'first' }])).toBe(
      'spec:\n  ingressClassName: alb\n  # the routes\n  rules: []\n  tls: []\n',
    );
    expect(fix(text, [{ op: 'set', at: ['spec', 'x'], value: 1, place: { after: 'rules' } }])).toBe('spec:\n  # the routes\n  rules: []\n  x: 1\n  tls: []\n');
    expect(fix(text, [{ op: 'set', at: ['spec', 'x'], value: 1, place: { after: 'missing' } }])).toBe('spec:\n  # the routes\n  rules: []\n  tls: []\n  x: 1\n');
  });

  it('places a key first in a list item: it takes the `- ` line', () => {
    expect(fix('paths:\n- backend: {}\n  path: /\n', [{ op: 'set', at: ['paths', 0, 'pathType'], value: 'Prefix', place: 'first' }])).toBe(
      'paths:\n- pathType: Prefix\n  backend: {}\n  path: /\n',
    );
  });

  it('fills an empty value, keeping a comment on the key line', () => {
    expect(fix('metadata:\n  annotations: # none yet\n  name: web\n', [{ op: 'set', at: ['metadata', 'annotations', 'a'], value: 'b' }])).toBe(
      'metadata:\n  annotations: # none yet\n    a: b\n  name: web\n',
    );
    expect(fix('spec: ~\n', [{ op: 'set', at: ['spec', 'type'], value: 'ClusterIP' }])).toBe('spec:\n  type: ClusterIP\n');
    expect(fix('a:\nb: 1\n', [{ op: 'set', at: ['a'], value: 'x' }])).toBe('a: x\nb: 1\n');
  });

  it('replaces a scalar with a map: a block under the key, or `{ }` in a flow map', () => {
    expect(fix('b:\n  serviceName: web # svc\n  servicePort: 80\n', [{ op: 'set', at: ['b', 'serviceName'], value: { name: 'web' } }])).toBe(
      'b:\n  serviceName: # svc\n    name: web\n  servicePort: 80\n',
    );
    expect(fix('b: {serviceName: web}\n', [{ op: 'set', at: ['b', 'serviceName'], value: { name: 'web', port: { number: 80 } } }])).toBe(
      'b: {serviceName: {name: web, port: {number: 80}}}\n',
    );
  });

  it('adds to flow maps: empty, on one line, and JSON laid out over lines', () => {
    expect(fix('a: {}\n', [{ op: 'set', at: ['a', 'k'], value: 'v' }])).toBe('a: {k: v}\n');
    expect(fix('a: {x: 1}\n', [{ op: 'set', at: ['a', 'k'], value: 'v', place: 'first' }])).toBe('a: {k: v, x: 1}\n');
    const json = '{\n  "kind": "Service",\n  "spec": {\n    "type": "ClusterIP"\n  }\n}\n';
    expect(fix(json, [{ op: 'set', at: ['spec', 'selector'], value: { app: 'web' } }], 0, 'svc.json')).toBe(
      '{\n  "kind": "Service",\n  "spec": {\n    "type": "ClusterIP",\n    "selector": {\n      "app": "web"\n    }\n  }\n}\n',
    );
    expect(fix('{"kind": "Service", "spec": {"type": 1}}', [{ op: 'set', at: ['spec', 'type'], value: 'ClusterIP' }], 0, 'svc.json')).toBe(
      '{"kind": "Service", "spec": {"type": "ClusterIP"}}',
    );
  });

  it('keeps CRLF line ends in what it adds', () => {
    expect(fix('a:\r\n  b: 1\r\n', [{ op: 'set', at: ['a', 'c'], value: { d: 2 } }])).toBe('a:\r\n  b: 1\r\n  c:\r\n    d: 2\r\n');
  });

  it('adds a line at the end of a file without a final line break', () => {
    expect(fix('a:\n  b: 1', [{ op: 'set', at: ['a', 'c'], value: 2 }])).toBe('a:\n  b: 1\n  c: 2');
  });
});

describe('delete and rename', () => {
  it('deletes a key with its lines; comments on them stay on lines of their own', () => {
    const text = 'a:\n  # about b\n  b: 1 # one\n  c:\n    d: 2 # two\n  e: 3\n';
    expect(fix(text, [{ op: 'delete', at: ['a', 'b'] }])).toBe('a:\n  # about b\n  # one\n  c:\n    d: 2 # two\n  e: 3\n');
    expect(fix(text, [{ op: 'delete', at: ['a', 'c'] }])).toBe('a:\n  # about b\n  b: 1 # one\n  # two\n  e: 3\n');
  });

  it('deletes the first key of a list item: the next key moves up', () => {
    expect(fix('- a: 1\n  b: 2\n', [{ op: 'delete', at: [0, 'a'] }])).toBe('- b: 2\n');
  });

  it('deletes from flow maps with the separator', () => {
    expect(fix('m: {a: 1, b: 2, c: 3}\n', [{ op: 'delete', at: ['m', 'b'] }])).toBe('m: {a: 1, c: 3}\n');
    expect(fix('m: {a: 1, b: 2, c: 3}\n', [{ op: 'delete', at: ['m', 'c'] }])).toBe('m: {a: 1, b: 2}\n');
    expect(fix('m: {a: 1}\n', [{ op: 'delete', at: ['m', 'a'] }])).toBe('m: {}\n');
  });

  it('a missing key is nothing to delete or rename', () => {
    const file = parseSource('t.yaml', 'a: 1\n');
    expect(planFix(file, { document: 0, operations: [{ op: 'delete', at: ['b'] }] })).toEqual([]);
    expect(planFix(file, { document: 0, operations: [{ op: 'rename', at: ['b'], to: 'c' }] })).toEqual([]);
  });

  it('renames a key in place, keeping its value, comments and quoting', () => {
    expect(fix('spec:\n  backend: # old\n    x: 1\n  rules: []\n', [{ op: 'rename', at: ['spec', 'backend'], to: 'defaultBackend' }])).toBe(
      'spec:\n  defaultBackend: # old\n    x: 1\n  rules: []\n',
    );
    expect(fix('{"a": 1}', [{ op: 'rename', at: ['a'], to: 'b' }])).toBe('{"b": 1}');
  });

  it('applies the operations of one fix in order, each path naming the document before the fix', () => {
    const text = 'b:\n  serviceName: web\n  servicePort: 80\n';
    const operations: FixOperation[] = [
      { op: 'set', at: ['b', 'serviceName'], value: { name: 'web', port: { number: 80 } } },
      { op: 'delete', at: ['b', 'servicePort'] },
      { op: 'rename', at: ['b', 'serviceName'], to: 'service' },
      { op: 'rename', at: ['b'], to: 'defaultBackend' },
    ];
    expect(fix(text, operations)).toBe('defaultBackend:\n  service:\n    name: web\n    port:\n      number: 80\n');
  });

  it('edits the document named, in a multi-document stream', () => {
    expect(fix('a: 1\n---\na: 1\n', [{ op: 'set', at: ['a'], value: 2 }], 1)).toBe('a: 1\n---\na: 2\n');
  });
});

describe('refusals', () => {
  it('refuses shapes it does not edit: an alias on the path, a key only merged in, a block scalar, an emptied block map', () => {
    expect(fix('base: &b {x: 1}\nuse: *b\n', [{ op: 'set', at: ['use', 'x'], value: 2 }])).toBeUndefined();
    expect(fix('base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n', [{ op: 'delete', at: ['use', 'x'] }])).toBeUndefined();
    expect(fix('a: |\n  text\n', [{ op: 'set', at: ['a'], value: 'other' }])).toBeUndefined();
    expect(fix('a:\n  b: 1\nc: 2\n', [{ op: 'delete', at: ['a', 'b'] }])).toBeUndefined();
    expect(
      fix('a:\n  b: 1\n', [
        { op: 'set', at: ['a', 'b'], value: { c: 1 } },
        { op: 'set', at: ['a', 'b'], value: 2 },
      ]),
    ).toBeUndefined();
  });

  it('rejects a result that does not decode to what the operations mean (an anchored value used elsewhere)', () => {
    expect(fix('a: &x 1\nb: *x\n', [{ op: 'set', at: ['a'], value: 2 }])).toBeUndefined();
  });

  it('a document that is not in the file has no fix', () => {
    expect(planFix(parseSource('t.yaml', 'a: 1\n'), { document: 3, operations: [{ op: 'set', at: ['a'], value: 2 }] })).toBeUndefined();
  });
});

describe('helpers', () => {
  it('applyEdits: offset order; insertions at one offset keep their order', () => {
    expect(
      applyEdits('abcdef', [
        { start: 4, end: 6, text: 'X' },
        { start: 1, end: 1, text: '1' },
        { start: 1, end: 1, text: '2' },
        { start: 1, end: 3, text: '' },
      ]),
    ).toBe('a12dX');
  });

  it('deepEqual ignores key order, not values', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
    expect(deepEqual(new Date(0), new Date(0))).toBe(true);
  });
});

describe('passes (lintWithFixes)', () => {
  /** A stand-in linter: `rules` turns a file's decoded first document into findings with fixes. */
  function linter(rules: (value: Record<string, unknown>) => FixOperation[][]) {
    return async (files: readonly SourceFile[]) => {
      const diagnostics: Diagnostic[] = [];
      for (const file of files) {
        for (const operations of rules(file.documents[0]!.value as Record<string, unknown>)) {
          diagnostics.push({
            ruleId: 'r',
            messageId: 'm',
            message: 'm',
            severity: 2,
            filePath: file.path,
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 2,
            nodeType: null,
            fix: { document: 0, operations },
          });
        }
      }
      const results = files.map((file) => ({ filePath: file.path, messages: [] }) as unknown as LintResult);
      return { results, diagnostics };
    };
  }

  it('applies fixes that touch the same field in successive passes', async () => {
    const once = linter((value) => [
      ...(value['a'] === 1 ? [[{ op: 'set', at: ['a'], value: 2 } as const]] : []),
      ...('a' in value ? [[{ op: 'rename', at: ['a'], to: 'z' } as const]] : []),
    ]);
    const output = await lintWithFixes([parseSource('t.yaml', 'a: 1 # note\nb: 1\n')], once);
    expect(output.results[0]!.output).toBe('z: 2 # note\nb: 1\n');
    expect(output.diagnostics).toEqual([]);
  });

  it(`stops after ${MAX_PASSES} passes when fixes keep coming`, async () => {
    const once = linter((value) => [[{ op: 'set', at: ['count'], value: (value['count'] as number) + 1 }]]);
    const output = await lintWithFixes([parseSource('t.yaml', 'count: 0\n')], once);
    expect(output.results[0]!.output).toBe(`count: ${MAX_PASSES}\n`);
  });

  it('does not fix what the filter refuses, nor a file with a fatal problem', async () => {
    const once = linter(() => [[{ op: 'set', at: ['a'], value: 2 }]]);
    expect((await lintWithFixes([parseSource('t.yaml', 'a: 1\n')], once, false)).results[0]!.output).toBeUndefined();
    expect((await lintWithFixes([parseSource('t.yaml', 'a: 1\n---\nb: [\n')], once)).results[0]!.output).toBeUndefined();
  });
});
