// `npm run bench`: lint time against the YAML-parse floor on the same files, how it scales, peak
// memory, and the end-to-end time of one small file. Each corpus size is measured in fresh `node`
// processes (one for time, one for memory), so no size inherits the heap of another; the N=5000
// process also parses and lints the N=1000 corpus, so that scaling is a ratio taken in one process.
// Absolute times on shared machines are noisy; the ratios, measured within one process, are the
// figures to quote. Then what a user waits for: whole processes, the CLI against a process that only
// parses the same files (bench/floor.ts), paired (bench/paired.ts), on the corpus, on one with a mistake
// in a tenth of its resources, on 50,000 resources in one namespace, and against @monokle/validation
// when it is installed (it is not a dependency: `npm install --no-save @monokle/validation`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, type CorpusFile, type PlantedDefect } from './corpus.js';
import { oneNamespaceCorpus } from './one-namespace.js';
import { pairedRatio, type PairedRatio } from './paired.js';
import type { HtmlMeasurement, MemoryMeasurement, TimeMeasurement } from './measure.js';
import { describeLsp, measureLsp } from './lsp.js';
import type { PolicyMeasurement } from './policies.js';

const SIZES = (process.env['BENCH_SIZES'] ?? '100,1000,5000').split(',').map(Number);
const END_TO_END_RUNS = 9;
const SCALING_FROM = 1000;
/** The language server's workspace: this many apps of the corpus (`BENCH_LSP_APPS=0` skips the step). */
const LSP_APPS = Number(process.env['BENCH_LSP_APPS'] ?? 1000);
const SCALING_TO = 5000;
/** The corpus size `--format html` is measured on, against the lint alone. */
const HTML_AT = 1000;
/** Rounds of each whole-process pair (`BENCH_PAIRS`); the 50,000-resource case and Monokle take one. */
const PAIRS = Number(process.env['BENCH_PAIRS'] ?? 3);
/** Sizes of the corpus with a mistake in about a tenth of the resources (`BENCH_REALISTIC=''` skips it). */
const REALISTIC_SIZES = (process.env['BENCH_REALISTIC'] ?? '1000,5000').split(',').filter(Boolean).map(Number);
const REALISTIC_DEFECT_RATE = 0.45;
/** Resources in the one-namespace case (`BENCH_ONE_NAMESPACE=0` skips it). */
const ONE_NAMESPACE = Number(process.env['BENCH_ONE_NAMESPACE'] ?? 50_000);
const CROSS_RESOURCE_RULES = ['service-selector-match', 'service-target-port', 'statefulset-service', 'headless-selector', 'nodeport-conflict', 'duplicate-resource'];

const here = dirname(fileURLToPath(import.meta.url));
const measureScript = join(here, 'measure.js');
const policiesScript = join(here, 'policies.js');
const POLICY_CORPUS = 1000;
const floorScript = join(here, 'floor.js');
const monokleScript = join(here, 'monokle.js');
const cli = join(here, '..', 'src', 'cli', 'main.js');

interface Row extends TimeMeasurement, MemoryMeasurement {
  readonly apps: number;
  readonly files: number;
  readonly defects: readonly PlantedDefect[];
}

function child<T>(args: readonly string[]): T {
  const run = spawnSync(process.execPath, [measureScript, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`measure.js ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** `BENCH_CORPUS=gateway`: the corpus where a tenth of the documents are Gateway API routes. */
const GATEWAY = process.env['BENCH_CORPUS'] === 'gateway';

function writeCorpus(root: string, apps: number): { dir: string; files: number; defects: readonly PlantedDefect[] } {
  const dir = join(root, String(apps));
  const corpus = generateCorpus(apps, 42, { gatewayRoutes: GATEWAY });
  writeFiles(dir, corpus.files);
  return { dir, files: corpus.files.length, defects: corpus.defects };
}

function writeFiles(dir: string, files: readonly CorpusFile[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
}

/** One corpus size in fresh processes; the largest size also lints the N=1000 corpus, for a same-process scaling ratio. */
function measure(apps: number, corpora: ReadonlyMap<number, ReturnType<typeof writeCorpus>>): Row {
  const corpus = corpora.get(apps)!;
  const reference = apps === SCALING_TO ? corpora.get(SCALING_FROM) : undefined;
  const timing = child<TimeMeasurement>(['time', corpus.dir, ...(reference ? [reference.dir] : [])]);
  const memory = child<MemoryMeasurement>(['memory', corpus.dir]);
  return { apps, files: corpus.files, defects: corpus.defects, ...timing, ...memory };
}

/** Process start to exit of the CLI on one small file (one application of the corpus), median of several runs. */
function endToEnd(): { cliMs: number; nodeMs: number; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-bench-small-'));
  try {
    const { files } = generateCorpus(20);
    const file = files.find((f) => f.text.includes('kind: Ingress') && f.text.includes('LoadBalancer')) ?? files.at(-1)!;
    const path = join(dir, 'small.yaml');
    writeFileSync(path, file.text);
    const median = (args: readonly string[]): number => {
      const times: number[] = [];
      for (let i = 0; i < END_TO_END_RUNS; i++) {
        const started = performance.now();
        const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
        times.push(performance.now() - started);
        if (run.status === null || run.status > 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    };
    return { cliMs: median([cli, path]), nodeMs: median(['-e', '']), bytes: Buffer.byteLength(file.text) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface WholeProcessRow {
  readonly corpus: string;
  readonly files: number;
  readonly mistakes: string;
  readonly floor: PairedRatio;
  readonly monokle?: PairedRatio | undefined;
}

/** Whether @monokle/validation can be loaded from here (it is not a dependency of the project). */
async function monokleInstalled(): Promise<boolean> {
  try {
    await import(process.env['BENCH_MONOKLE_MODULE'] ?? '@monokle/validation');
    return true;
  } catch {
    return false;
  }
}

/** The CLI against the parse floor (and Monokle, when asked), whole processes, paired. */
function wholeProcess(corpus: string, dir: string, files: number, mistakes: string, pairs: number, withMonokle: boolean): WholeProcessRow {
  const lint = [cli, '--format', 'json', dir];
  const floor = pairedRatio(lint, [floorScript, dir], pairs, dir);
  const monokle = withMonokle ? pairedRatio(lint, [monokleScript, dir], 1, dir) : undefined;
  return { corpus, files, mistakes, floor, monokle };
}

const e2e = endToEnd();
const corpusRoot = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-bench-'));
let rows: Row[];
let policies: PolicyMeasurement | undefined;
let report: HtmlMeasurement | undefined;
const whole: WholeProcessRow[] = [];
const withMonokle = await monokleInstalled();
try {
  const corpora = new Map(SIZES.map((apps) => [apps, writeCorpus(corpusRoot, apps)]));
  rows = SIZES.map((apps) => measure(apps, corpora));
  for (const [apps, corpus] of corpora) {
    whole.push(wholeProcess(`corpus, ${apps} apps`, corpus.dir, corpus.files, `${corpus.defects.length} apps`, PAIRS, false));
  }
  for (const apps of REALISTIC_SIZES) {
    const dir = join(corpusRoot, `realistic-${apps}`);
    const corpus = generateCorpus(apps, 42, { defectRate: REALISTIC_DEFECT_RATE });
    writeFiles(dir, corpus.files);
    whole.push(wholeProcess(`a tenth wrong, ${apps} apps`, dir, corpus.files.length, `${corpus.defects.length} apps`, PAIRS, withMonokle && apps === 1000));
    rmSync(dir, { recursive: true, force: true });
  }
  if (ONE_NAMESPACE > 0) {
    const dir = join(corpusRoot, 'one-namespace');
    const files = oneNamespaceCorpus(ONE_NAMESPACE);
    writeFiles(dir, files);
    whole.push(wholeProcess(`${ONE_NAMESPACE} resources, 1 namespace`, dir, files.length, '1% of Services', 1, false));
  }
  const policyCorpus = corpora.get(POLICY_CORPUS);
  if (policyCorpus) {
    const run = spawnSync(process.execPath, [policiesScript, policyCorpus.dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`policies.js failed (${run.status}): ${run.stderr}`);
    policies = JSON.parse(run.stdout) as PolicyMeasurement;
  }
  const htmlCorpus = corpora.get(HTML_AT);
  if (htmlCorpus) report = child<HtmlMeasurement>(['html', htmlCorpus.dir]);
} finally {
  rmSync(corpusRoot, { recursive: true, force: true });
}

const columns = ['apps', 'files', 'documents', 'MB', 'parse ms', 'tokens ms', 'lint ms', 'lint/parse', 'lint/tokens', 'cross-res ms', 'peak MB', 'findings', 'defects found'];
const table = rows.map((r) => {
  const crossResourceMs = CROSS_RESOURCE_RULES.reduce((sum, id) => sum + (r.ruleTimes[id] ?? 0), 0);
  const found = new Set(r.findings);
  const caught = r.defects.filter((d) => found.has(`${d.path} ${d.ruleId}`)).length;
  return [
    String(r.apps),
    String(r.files),
    String(r.documents),
    (r.bytes / 1048576).toFixed(2),
    r.parseMs.toFixed(0),
    r.tokensMs.toFixed(0),
    r.lintMs.toFixed(0),
    `${(r.lintMs / r.parseMs).toFixed(2)}x`,
    `${(r.lintMs / r.tokensMs).toFixed(2)}x`,
    crossResourceMs.toFixed(1),
    r.maxRssMB.toFixed(0),
    String(r.findings.length),
    `${caught}/${r.defects.length}`,
  ];
});
const widths = columns.map((c, i) => Math.max(c.length, ...table.map((row) => row[i]!.length)));
const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
if (GATEWAY) console.log('corpus: a tenth of the documents are Gateway API routes (BENCH_CORPUS=gateway)\n');
console.log(line(columns));
for (const row of table) console.log(line(row));

const large = rows.find((r) => r.apps === SCALING_TO && r.reference !== undefined);
if (large?.reference) {
  console.log(
    `\nscaling ${SCALING_FROM} -> ${SCALING_TO} apps (linear is ${SCALING_TO / SCALING_FROM}x), both in one process: lint ${(large.lintMs / large.reference.lintMs).toFixed(2)}x, parse-only ${(large.parseMs / large.reference.parseMs).toFixed(2)}x`,
  );
}
for (const r of rows) {
  const missed = r.defects.filter((d) => !r.findings.includes(`${d.path} ${d.ruleId}`));
  for (const d of missed) console.log(`missed at ${r.apps} apps: ${d.path} (${d.what}, expected ${d.ruleId})`);
}

if (policies) {
  console.log(
    `\n${policies.policies} config policies over ${POLICY_CORPUS} apps: ${policies.policyMs.toFixed(0)} ms, against ${policies.parseMs.toFixed(0)} ms to parse the files (${(policies.policyMs / policies.parseMs).toFixed(2)}x parse; ${policies.findings} findings)`,
  );
}
console.log(
  `\none small file end to end (${(e2e.bytes / 1024).toFixed(1)} KB, process start to exit, median of ${END_TO_END_RUNS}): ${e2e.cliMs.toFixed(0)} ms (an empty \`node -e ''\`: ${e2e.nodeMs.toFixed(0)} ms)`,
);
if (report) {
  console.log(
    `--format html at ${HTML_AT} apps (lint, topology and page, fastest of several, one process): ${report.htmlMs.toFixed(0)} ms against the lint alone ${report.lintMs.toFixed(0)} ms: ${(report.htmlMs / report.lintMs).toFixed(2)}x (target < 1.5x); ${(report.htmlBytes / 1048576).toFixed(1)} MB page`,
  );
}
if (large) console.log(`targets: N=1000 lint/parse <= 1.5x; N=5000 lint <= 5.5x N=1000; N=5000 peak < 500 MB; small file < 250 ms; 100 policies well under 1x parse`);

console.log(
  `\nwhole process, start to exit (the CLI with --format json against bench/floor.ts: read and parse the same files with \`yaml\`, positions and values, nothing else); medians of paired fresh processes, order alternating; peak = peak RSS:`,
);
const wholeColumns = ['corpus', 'files', 'mistakes', 'pairs', 'lint/floor wall', 'lint/floor cpu', 'lint s', 'floor s', 'lint peak MB', 'floor peak MB', 'lint/Monokle cpu'];
const wholeTable = whole.map((w) => [
  w.corpus,
  String(w.files),
  w.mistakes,
  String(w.floor.rounds),
  `${w.floor.wall.toFixed(2)}x`,
  `${w.floor.cpu.toFixed(2)}x`,
  (w.floor.a.wallMs / 1000).toFixed(2),
  (w.floor.b.wallMs / 1000).toFixed(2),
  w.floor.a.maxRssMB.toFixed(0),
  w.floor.b.maxRssMB.toFixed(0),
  w.monokle ? `${w.monokle.cpu.toFixed(3)}x (${(1 / w.monokle.cpu).toFixed(0)}x less)` : '-',
]);
const wholeWidths = wholeColumns.map((c, i) => Math.max(c.length, ...wholeTable.map((row) => row[i]!.length)));
console.log(wholeColumns.map((c, i) => c.padStart(wholeWidths[i]!)).join('  '));
for (const row of wholeTable) console.log(row.map((cell, i) => cell.padStart(wholeWidths[i]!)).join('  '));
if (!withMonokle) console.log('(Monokle: not installed; `npm install --no-save @monokle/validation` adds its column)');
else console.log('(Monokle downloads its schemas and policies at start: offline it runs without them, and the ratio flatters it)');
console.log('targets: lint/floor <= 0.75x at 1000 and 5000 apps; peak at 5000 apps <= 250 MB; >= 50x less cpu than Monokle; one namespace linear');

if (LSP_APPS > 0) {
  console.log(`\n${describeLsp(await measureLsp(LSP_APPS), LSP_APPS)}`);
}
