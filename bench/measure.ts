// One measurement of `npm run bench`, run in a fresh `node` process per corpus size so that the
// figures of one size are not disturbed by the heap, JIT state or caches of another.
//
//   node dist/bench/measure.js time <dir> [<reference dir>]
//       the parse-only floor, the parser's tokens alone and the full lint, fastest of a few runs each;
//       with a reference corpus (N=1000 in the N=5000 process), its parse and lint too, alternated with
//       the others, so that scaling is a ratio taken in one process
//   node dist/bench/measure.js memory <dir>
//       one CLI run (lint + JSON output), then its peak RSS
//   node dist/bench/measure.js html <dir>
//       the lint alone and the lint with the HTML report (topology and page), alternated, fastest of each
//
// Prints one JSON object on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseAllDocuments, Parser } from 'yaml';
import { runCli } from '../src/cli/run.js';
import { lint } from '../src/lint.js';
import { formatterContext } from '../src/format/context.js';
import { html } from '../src/format/html.js';

export interface TimeMeasurement {
  readonly documents: number;
  readonly bytes: number;
  /** Read the same files and parse them with `yaml` (positions and toJS): the floor the issue sets. */
  readonly parseMs: number;
  /**
   * Read the same files and only tokenise them with `yaml`'s parser (no document tree, no values): the
   * floor of the fast reader, which builds its values from these tokens.
   */
  readonly tokensMs: number;
  /** The whole lint, from paths to results, every rule on. */
  readonly lintMs: number;
  /** Milliseconds per rule, from the fastest lint run. */
  readonly ruleTimes: Record<string, number>;
  /** `relative/path.yaml rule-id` of every finding. */
  readonly findings: string[];
  /** The parse-only floor and the full lint of the reference corpus, when one was given. */
  readonly reference?: { readonly parseMs: number; readonly lintMs: number };
}

export interface HtmlMeasurement {
  /** The lint alone, from paths to results. */
  readonly lintMs: number;
  /** The lint, then the topology and the HTML report of its results. */
  readonly htmlMs: number;
  readonly htmlBytes: number;
}

export interface MemoryMeasurement {
  readonly exitCode: number;
  /** Peak resident set size of this process, in MB. */
  readonly maxRssMB: number;
}

const [mode, dir, referenceDir] = process.argv.slice(2);
if ((mode !== 'time' && mode !== 'memory' && mode !== 'html') || dir === undefined) {
  console.error('usage: measure.js time <dir> [<reference dir>] | memory <dir> | html <dir>');
  process.exit(2);
}

if (mode === 'time') {
  const runs = Number(process.env['BENCH_RUNS'] ?? 5);
  const files = yamlFiles(dir);
  const referenceFiles = referenceDir === undefined ? [] : yamlFiles(referenceDir);
  let parse = { ms: Infinity, documents: 0, bytes: 0 };
  let tokensMs = Infinity;
  // Only the figures of the fastest lint are kept: holding a whole run's output would slow every run after it.
  let best: { ms: number; ruleTimes: Record<string, number>; findings: string[] } = { ms: Infinity, ruleTimes: {}, findings: [] };
  const reference = { parseMs: Infinity, lintMs: Infinity };
  const measureCorpus = async (): Promise<void> => {
    const parsed = time(() => parseOnly(files));
    if (parsed.ms < parse.ms) parse = { ms: parsed.ms, ...parsed.value };
    tokensMs = Math.min(tokensMs, time(() => tokensOnly(files)).ms);
    const linted = await timeAsync(() => lint({ patterns: [dir], cwd: dir, config: {} }));
    if (linted.ms < best.ms) {
      const findings = linted.value.results.flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)} ${m.ruleId}`));
      best = { ms: linted.ms, ruleTimes: Object.fromEntries(linted.value.ruleTimes), findings };
    }
  };
  const measureReference = async (): Promise<void> => {
    if (referenceDir === undefined) return;
    reference.parseMs = Math.min(reference.parseMs, time(() => parseOnly(referenceFiles)).ms);
    reference.lintMs = Math.min(reference.lintMs, (await timeAsync(() => lint({ patterns: [referenceDir], cwd: referenceDir, config: {} }))).ms);
  };
  // Alternate them, so that all see the same machine, and swap their order each round, so that neither
  // always runs on the heap the other left; the first round warms the JIT up.
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await measureCorpus();
      await measureReference();
    } else {
      await measureReference();
      await measureCorpus();
    }
  }
  const measurement: TimeMeasurement = {
    documents: parse.documents,
    bytes: parse.bytes,
    parseMs: parse.ms,
    tokensMs,
    lintMs: best.ms,
    ruleTimes: best.ruleTimes,
    findings: best.findings,
    ...(referenceDir !== undefined ? { reference } : {}),
  };
  console.log(JSON.stringify(measurement));
} else if (mode === 'html') {
  const runs = Number(process.env['BENCH_RUNS'] ?? 5);
  let lintMs = Infinity;
  let htmlMs = Infinity;
  let htmlBytes = 0;
  const lintOnly = async (): Promise<void> => {
    lintMs = Math.min(lintMs, (await timeAsync(() => lint({ patterns: [dir], cwd: dir, config: {} }))).ms);
  };
  const withReport = async (): Promise<void> => {
    const rendered = await timeAsync(async () => {
      const output = await lint({ patterns: [dir], cwd: dir, config: {} });
      return html(output.results, { ...formatterContext({ cwd: dir }), topology: output.topology() });
    });
    htmlMs = Math.min(htmlMs, rendered.ms);
    htmlBytes = rendered.value.length;
  };
  // As for `time`: alternated, in swapped order each round, so neither always runs on the other's garbage.
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await lintOnly();
      await withReport();
    } else {
      await withReport();
      await lintOnly();
    }
  }
  const measurement: HtmlMeasurement = { lintMs, htmlMs, htmlBytes };
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
    if (!Array.isArray(docs)) continue;
    for (const doc of docs) {
      documents++;
      doc.toJS();
    }
  }
  return { documents, bytes };
}

/** The fast reader's floor: read every file and run `yaml`'s tokeniser and parser over it, nothing more. */
function tokensOnly(files: readonly string[]): void {
  for (const file of files) for (const _ of new Parser().parse(readFileSync(file, 'utf8')));
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
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
