// `npm run bench`: lint time against the YAML-parse floor on the same files, and how it scales.
// Figures are ratios measured in one run, since absolute times on shared machines are noisy.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { lint } from '../src/lint.js';
import { generateApps } from './corpus.js';

interface Measurement {
  readonly apps: number;
  readonly files: number;
  readonly documents: number;
  readonly megabytes: number;
  /** Read the same files and parse them with `yaml` (positions and toJS): the floor. */
  readonly parseMs: number;
  /** The whole lint, from paths to results, every rule on. */
  readonly lintMs: number;
  /** The part of lintMs spent in the cross-resource rules. */
  readonly crossResourceMs: number;
  readonly findings: number;
}

const RUNS = 3;

/** The fastest of a few runs: the one least disturbed by the machine's other work. */
async function fastest<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  let best = { ms: Infinity, value: undefined as T };
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const value = await run();
    const ms = performance.now() - start;
    if (ms < best.ms) best = { ms, value };
  }
  return best;
}

async function measure(apps: number): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-bench-'));
  try {
    const paths = generateApps(apps).map((text, i) => {
      const path = join(dir, `app-${String(i).padStart(5, '0')}.yaml`);
      writeFileSync(path, text);
      return path;
    });
    const parse = await fastest(() => {
      let documents = 0;
      let bytes = 0;
      for (const path of paths) {
        const text = readFileSync(path, 'utf8');
        bytes += text.length;
        const docs = parseAllDocuments(text, { lineCounter: new LineCounter(), version: '1.1' });
        if (Array.isArray(docs)) for (const doc of docs) (documents++, doc.toJS());
      }
      return { documents, bytes };
    });
    const run = await fastest(() => lint({ patterns: [dir], cwd: dir, config: {} }));
    const { results, ruleTimes } = run.value;
    const crossResourceMs = ['service-selector-match', 'service-target-port', 'statefulset-service', 'headless-selector', 'nodeport-conflict', 'duplicate-resource']
      .map((id) => ruleTimes.get(id) ?? 0)
      .reduce((a, b) => a + b, 0);
    return {
      apps,
      files: paths.length,
      documents: parse.value.documents,
      megabytes: parse.value.bytes / 1048576,
      parseMs: parse.ms,
      lintMs: run.ms,
      crossResourceMs,
      findings: results.reduce((n, r) => n + r.messages.length, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await measure(100); // warm up the JIT and the model imports
const rows: Measurement[] = [];
for (const apps of [100, 1000, 5000]) rows.push(await measure(apps));

console.log('  apps  files  documents     MB  parse ms  lint ms  lint/parse  cross-resource ms  findings');
for (const r of rows) {
  console.log(
    [
      String(r.apps).padStart(6),
      String(r.files).padStart(5),
      String(r.documents).padStart(9),
      r.megabytes.toFixed(2).padStart(5),
      r.parseMs.toFixed(0).padStart(8),
      r.lintMs.toFixed(0).padStart(7),
      (r.lintMs / r.parseMs).toFixed(2).padStart(10),
      r.crossResourceMs.toFixed(1).padStart(17),
      String(r.findings).padStart(8),
    ].join('  '),
  );
}
const small = rows[1]!;
const large = rows[2]!;
const factor = large.apps / small.apps;
console.log(
  `\nscaling from ${small.apps} to ${large.apps} apps (${factor}x; linear is ${factor}x): lint ${(large.lintMs / small.lintMs).toFixed(2)}x, cross-resource rules ${(large.crossResourceMs / small.crossResourceMs).toFixed(2)}x`,
);
console.log(`peak memory: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB resident`);
