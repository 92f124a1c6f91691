// Reading on two threads (src/source/workers.ts): the files the worker reads become the very SourceFiles
// the main thread makes (values, document offsets, problems, directives, positions), on every fixture and
// on hostile input; a worker that fails or dies leaves its files to the main thread; small inputs stay
// on one thread; and the CLI's output is the same either way. The worker is the built bundle
// (dist/src/source/parse-worker.cjs, made by `npm test`'s pretest).
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/corpus.js';
import { readSourceFile } from '../src/source/read.js';
import type { SourceFile } from '../src/source/types.js';
import { mayNestTooDeep, readSourceFiles, type ReadOptions, type ReadStats } from '../src/source/workers.js';
import { runBuiltCli } from './harness/cli.js';

const ROOT = join(import.meta.dirname, '..');
const WORKER = join(ROOT, 'dist', 'src', 'source', 'parse-worker.cjs');

/**
 * Everything a SourceFile tells the engine, in a form toStrictEqual compares (classes included: a Buffer
 * stays a Buffer). Where the parser ran out of stack depends on how much of it was compiled, on any
 * thread (reading one file twice on the main thread gives two offsets): that finding is compared
 * without its offsets.
 */
function contents(file: SourceFile): unknown {
  return {
    path: file.path,
    text: file.text,
    bom: file.bom,
    problems: file.problems.map((p) => (/nested too deeply/.test(p.message) ? { ...p, start: 'stack', end: 'stack' } : p)),
    directives: file.directives,
    lineStarts: file.lineCounter.lineStarts,
    documents: file.documents.map((doc) => ({
      index: doc.index,
      value: doc.value,
      range: doc.node.range,
      contents: doc.node.contents?.range,
      errors: doc.node.errors.map((e) => e.code),
    })),
  };
}

async function readBoth(paths: readonly string[], options: ReadOptions = {}): Promise<{ here: unknown[]; there: unknown[]; stats: ReadStats }> {
  let stats: ReadStats | undefined;
  const there = await readSourceFiles(paths, { workerScript: WORKER, minFiles: 0, readHere: false, onRead: (s) => (stats = s), ...options });
  return { here: paths.map(readSourceFile).map(contents), there: there.map(contents), stats: stats! };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the worker reads what the main thread reads', () => {
  it('every fixture', async () => {
    const paths = yamlFiles(join(ROOT, 'fixtures'));
    expect(paths.length).toBeGreaterThan(500);
    const { here, there, stats } = await readBoth(paths);
    expect(there).toStrictEqual(here);
    expect(stats).toEqual({ files: paths.length, workerStarted: true, byWorker: paths.length });
  });

  it('hostile and unusual input', async () => {
    const hostile = join(dir, 'hostile');
    mkdirSync(hostile);
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n';
    const files: Record<string, string | Buffer> = {
      'alias-bomb.yaml': `a: &a [x,x,x,x,x,x,x,x,x]\n${Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ).join('\n')}\n`,
      'anchors.yaml': `${service}---\nbase: &base {app: web}\nkind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: d\n  labels:\n    <<: *base\n    tier: x\n`,
      'deep-flow.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      'deep-map.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\nspec: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
      'deep-block.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nextra:\n${'- '.repeat(10_000)}x\n`,
      // Deeper than the main thread's stack allows, not the worker's: left to the main thread.
      'deep-3000.yaml': `a: &x 1\nx: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
      'deep-aliases.yaml': Array.from({ length: 10_000 }, (_, i) => (i === 0 ? 'x0: &a0 [1]' : `x${i}: &a${i} [*a${i - 1}]`)).join('\n'),
      'binary.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'latin1.yaml': Buffer.from([...Buffer.from('metadata:\n  name: caf'), 0xe9, 0x0a]),
      'utf16.yaml': Buffer.from([0xff, 0xfe, 0x61, 0x00]),
      'bom.yaml': `\uFEFF${service}`,
      'crlf.yaml': service.replace(/\n/g, '\r\n'),
      'bom-crlf-anchor.yaml': `\uFEFF${service.replace('name: web', 'name: &n web').replace(/\n/g, '\r\n')}`,
      'empty.yaml': '',
      'dashes.yaml': '---\n---\n---\n',
      'tabs.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: web\n',
      'syntax.yaml': `${service}---\nkind: [unclosed\n---\n${service}`,
      'duplicate.yaml': `${service}  ports: []\n`,
      'helm.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n',
      'directives.yaml': `# k8s-svc-lint-disable-next-line nodeport-range -- legacy\n${service}`,
      'yaml11.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  a: yes\n  b: 0755\n  c: 1_000\n  d: .inf\n  e: .nan\n  f: -0\n  g: 2001-12-14\n  h: 190:20:30\n  i: ~\n',
      'tags.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  b: !!binary aGVsbG8=\n  s: !!set {a, b}\n  o: !!omap [{a: 1}]\n  t: !!timestamp 2001-12-14t21:59:43.10-05:00\n',
      'proto.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  __proto__: {polluted: "yes"}\n',
      'scalar.yaml': 'just a string\n',
      'list.yaml': '- a\n- b\n',
      'list-kind.yaml': `apiVersion: v1\nkind: List\nitems:\n  - hello\n  - 42\n  - [a]\n${service.replace(/^/gm, '    ').replace(/^ {4}/, '  - ')}`,
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(hostile, name), content);
    const huge = openSync(join(hostile, 'huge.yaml'), 'w');
    ftruncateSync(huge, 50 * 1024 * 1024); // sparse: judged by its size, never read
    closeSync(huge);
    const paths = [...yamlFiles(hostile), join(hostile, 'missing.yaml'), hostile, '/dev/null'];

    const { here, there, stats } = await readBoth(paths);
    expect(there).toStrictEqual(here);
    // All but the five deep-*.yaml, which the full parser reads: the worker delivered them.
    expect(stats.byWorker).toBe(paths.length - 5);
  });

  it('the corpus, both threads taking chunks', async () => {
    const corpus = join(dir, 'corpus');
    for (const file of generateCorpus(150, 7, { defectRate: 0.45 }).files) {
      mkdirSync(join(corpus, file.path, '..'), { recursive: true });
      writeFileSync(join(corpus, file.path), file.text);
    }
    const paths = yamlFiles(corpus);
    const { here, there, stats } = await readBoth(paths, { readHere: true });
    expect(there).toStrictEqual(here);
    expect(stats.workerStarted).toBe(true);
  });
});

describe('what the worker does not deliver is read here', () => {
  const paths = () => yamlFiles(join(ROOT, 'fixtures', 'nodeport-range'));
  const worker = (name: string, code: string) => {
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\nconst next = new Int32Array(workerData.counter);\n${code}\n`);
    return file;
  };

  it.each([
    ['exits at once', 'process.exit(3);'],
    ['throws after taking a chunk', "Atomics.add(next, 0, 1);\nthrow new Error('boom');"],
    [
      'sends what cannot be read',
      'for (let c = Atomics.add(next, 0, 1); c * workerData.chunkSize < workerData.paths.length; c = Atomics.add(next, 0, 1)) parentPort.postMessage({ chunk: c, data: new ArrayBuffer(3) });',
    ],
    [
      'sends chunks without files',
      'for (let c = Atomics.add(next, 0, 1); c * workerData.chunkSize < workerData.paths.length; c = Atomics.add(next, 0, 1)) parentPort.postMessage({ chunk: c });',
    ],
    ['is not a script', 'this is not JavaScript'],
  ])('a worker that %s', async (name, code) => {
    const list = paths();
    const { here, there, stats } = await readBoth(list, { workerScript: worker(name.replace(/ /g, '-'), code) });
    expect(there).toStrictEqual(here);
    expect(stats.byWorker).toBe(0);
  });

  it('a worker script that does not exist: one thread', async () => {
    const { here, there, stats } = await readBoth(paths(), { workerScript: join(dir, 'none.cjs') });
    expect(there).toStrictEqual(here);
    expect(stats.workerStarted).toBe(false);
  });
});

describe('small inputs stay on one thread', () => {
  it('below the threshold no worker starts', async () => {
    let stats: ReadStats | undefined;
    const paths = yamlFiles(join(ROOT, 'fixtures', 'nodeport-range'));
    await readSourceFiles(paths, { workerScript: WORKER, onRead: (s) => (stats = s) });
    expect(stats).toEqual({ files: paths.length, workerStarted: false, byWorker: 0 });
  });

  it('K8S_SVC_LINT_THREADS=1 keeps any input on one thread', async () => {
    let stats: ReadStats | undefined;
    process.env['K8S_SVC_LINT_THREADS'] = '1';
    try {
      await readSourceFiles(yamlFiles(join(ROOT, 'fixtures')), { workerScript: WORKER, minFiles: 0, onRead: (s) => (stats = s) });
    } finally {
      delete process.env['K8S_SVC_LINT_THREADS'];
    }
    expect(stats?.workerStarted).toBe(false);
  });

  // availableParallelism() follows the CPU affinity that taskset sets.
  it.skipIf(spawnSync('taskset', ['-c', '0', 'true']).status !== 0)('one core: no worker starts', () => {
    const script = `import { readSourceFiles } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'source', 'workers.js')).href)};
      await readSourceFiles(${JSON.stringify(yamlFiles(join(ROOT, 'fixtures', 'nodeport-range')))}, { minFiles: 0, onRead: (s) => console.log(JSON.stringify(s)) });`;
    const oneCore = spawnSync('taskset', ['-c', '0', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' });
    const allCores = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(oneCore.stdout).workerStarted).toBe(false);
    expect(JSON.parse(allCores.stdout).workerStarted).toBe(availableParallelism() > 1);
  });
});

describe('mayNestTooDeep', () => {
  it('counts what may open a level', () => {
    expect(mayNestTooDeep('a:\n'.repeat(499))).toBe(false);
    expect(mayNestTooDeep('a:\n'.repeat(500))).toBe(true);
    expect(mayNestTooDeep('['.repeat(500))).toBe(true);
    expect(mayNestTooDeep('- '.repeat(500))).toBe(true);
    expect(mayNestTooDeep('? '.repeat(500))).toBe(true);
    expect(mayNestTooDeep('{a: '.repeat(499))).toBe(false);
  });
});

describe('the CLI on a large input', () => {
  it('prints the same findings with the worker as on one thread', () => {
    const corpus = join(dir, 'cli-corpus');
    for (const file of generateCorpus(450, 11, { defectRate: 0.45 }).files) {
      mkdirSync(join(corpus, file.path, '..'), { recursive: true });
      writeFileSync(join(corpus, file.path), file.text);
    }
    expect(yamlFiles(corpus).length).toBeGreaterThan(450);
    const both = runBuiltCli(['--format', 'json', corpus], { timeout: 60_000 });
    const one = runBuiltCli(['--format', 'json', corpus], { env: { K8S_SVC_LINT_THREADS: '1' }, timeout: 60_000 });
    expect(both.stderr).toBe('');
    expect(both.status).toBe(1);
    expect(one.status).toBe(1);
    expect(JSON.parse(both.stdout).length).toBeGreaterThan(450);
    expect(both.stdout).toBe(one.stdout);
  }, 120_000);
});
