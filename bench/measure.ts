// One measurement of `npm run bench`, run in a fresh `node` process per corpus size so that the
// figures of one size are not disturbed by the heap, JIT state or caches of another.
//
//   node dist/bench/measure.js time <dir> [<reference dir>]
//                                             parse-only floor and full lint, fastest of a few runs each;
//                                             with a reference corpus, its lint too, alternated with the
//                                             others, so that scaling is a ratio taken in one process
//   node dist/bench/measure.js memory <dir>   one CLI run (lint + JSON output), then its peak RSS
//
// Prints one JSON object on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { runCli } from '../src/cli/run.js';
import { lint } from '../src/lint.js';

export interface TimeMeasurement {
  readonly documents: number;
  readonly bytes: number;
  /** Read the same files and parse them with `yaml` (positions and toJS): the floor. */
  readonly parseMs: number;
  /** The whole lint, from paths to results, every rule on. */
  readonly lintMs: number;
  /** Milliseconds per rule, from the fastest lint run. */
  readonly ruleTimes: Record<string, number>;
  /** `relative/path.yaml rule-id` of every finding. */
  readonly findings: string[];
  /** The full lint of the reference corpus, when one was given. */
  readonly referenceLintMs?: number;
}

export interface MemoryMeasurement {
  readonly exitCode: number;
  /** Peak resident set size of this process, in MB. */
  readonly maxRssMB: number;
}

const [mode, dir, referenceDir] = process.argv.slice(2);
if ((mode !== 'time' && mode !== 'memory') || dir === undefined) {
  console.error('usage: measure.js time <dir> [<reference dir>] | memory <dir>');
  process.exit(2);
}

if (mode === 'time') {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const files = yamlFiles(dir);
  let parse = { ms: Infinity, documents: 0, bytes: 0 };
  let best: { ms: number; output?: Awaited<ReturnType<typeof lint>> } = { ms: Infinity };
  let referenceMs = Infinity;
  // Alternate them, so that all see the same machine; the first round warms the JIT up.
  for (let i = 0; i < runs; i++) {
    const parsed = time(() => parseOnly(files));
    if (parsed.ms < parse.ms) parse = { ms: parsed.ms, ...parsed.value };
    const started = performance.now();
    const output = await lint({ patterns: [dir], cwd: dir, config: {} });
    const ms = performance.now() - started;
    if (ms < best.ms) best = { ms, output };
    if (referenceDir !== undefined) {
      const referenceStarted = performance.now();
      await lint({ patterns: [referenceDir], cwd: referenceDir, config: {} });
      referenceMs = Math.min(referenceMs, performance.now() - referenceStarted);
    }
  }
  const results = best.output!.results;
  const measurement: TimeMeasurement = {
    documents: parse.documents,
    bytes: parse.bytes,
    parseMs: parse.ms,
    lintMs: best.ms,
    ruleTimes: Object.fromEntries(best.output!.ruleTimes),
    findings: results.flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)} ${m.ruleId}`)),
    ...(referenceDir !== undefined ? { referenceLintMs: referenceMs } : {}),
  };
  console.log(JSON.stringify(measurement));
} else {
  let bytes = 0;
  const exitCode = await runCli([dir, '--format', 'json'], {
    cwd: dir,
    env: {},
    stdin: process.stdin,
    stdoutIsTTY: false,
    write: (text) => void (bytes += text.length),
    writeError: (text) => void process.stderr.write(text),
  });
  const measurement: MemoryMeasurement = { exitCode, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(measurement));
}

/** The floor: read every file and parse it as the linter must, with positions, to plain values. */
function parseOnly(files: readonly string[]): { documents: number; bytes: number } {
  let documents = 0;
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    const docs = parseAllDocuments(text, { lineCounter: new LineCounter(), version: '1.1' });
    if (Array.isArray(docs)) for (const doc of docs) (documents++, doc.toJS());
  }
  return { documents, bytes };
}

function time<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

function yamlFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
