// The language server's step of `npm run bench` (also `node dist/bench/lsp.js [apps]`): a workspace
// of the N-app corpus (1000 by default, about 1000 files), one 500-line file open in it, and a
// keystroke that changes a finding, typed again and again. Measures keystroke (didChange sent) to
// publishDiagnostics received, with no debounce and with the default one, and the server's memory.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DEBOUNCE_MS } from '../src/lsp/server.js';
import { generateCorpus } from './corpus.js';
import { LspClient } from './lsp-client.js';

const KEYSTROKES = 40;
const EDITED_LINES = 500;
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');

export interface LspMeasurement {
  readonly files: number;
  readonly editedLines: number;
  /** initialize to the first diagnostics of the open file: the whole workspace read and parsed, then one lint. */
  readonly firstPublishMs: number;
  readonly keystroke: { readonly medianMs: number; readonly p95Ms: number; readonly maxMs: number };
  /**
   * The server's CPU time per keystroke, averaged: what a keystroke costs when the machine is not shared
   * (wall times on a loaded machine also hold the time the server waited for a core).
   */
  readonly cpuPerKeystrokeMs: number;
  readonly keystrokeDebounced: { readonly debounceMs: number; readonly medianMs: number; readonly p95Ms: number };
  readonly rssMB: number;
  readonly peakRssMB: number;
}

/** The workspace: the corpus, with whole app files of one namespace merged into one file of at least EDITED_LINES lines. */
function writeWorkspace(apps: number): { root: string; edited: string; files: number } {
  const root = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-bench-lsp-'));
  const corpus = generateCorpus(apps);
  for (const file of corpus.files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.text);
  }
  const namespace = corpus.files.find((f) => !f.path.endsWith('namespace.yaml'))!.path.split('/')[0]!;
  const merged: string[] = [];
  let lines = 0;
  for (const file of corpus.files.filter((f) => f.path.startsWith(`${namespace}/`) && !f.path.endsWith('namespace.yaml'))) {
    if (lines >= EDITED_LINES) break;
    merged.push(file.text.replace(/\n$/, ''));
    lines += file.text.split('\n').length;
    unlinkSync(join(root, file.path));
  }
  const edited = join(root, namespace, 'edited.yaml');
  writeFileSync(edited, `${merged.join('\n---\n')}\n`);
  return { root, edited, files: corpus.files.length - merged.length + 1 };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** kB figures of /proc/<pid>/status (Linux); NaN elsewhere. */
function memoryOf(pid: number): { rssMB: number; peakRssMB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, peakRssMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, peakRssMB: NaN };
  }
}

/** CPU milliseconds (user and system) the process has used, from /proc/<pid>/stat (Linux); NaN elsewhere. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** USER_HZ: 100 on every Linux that Node runs on. */
const CLOCK_TICKS = 100;

/** Types the same one-character edit back and forth (`type: ClusterIP` ⇄ `type: clusterIP`), each time waiting for the publish. */
async function keystrokes(client: LspClient, path: string, text: string, count: number): Promise<number[]> {
  const match = /type: (ClusterIP|NodePort|LoadBalancer)/.exec(text);
  if (!match) throw new Error('the edited file has no Service type to change');
  const before = text.slice(0, match.index);
  const line = before.split('\n').length - 1;
  const character = match.index - before.lastIndexOf('\n') - 1 + 'type: '.length;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const letter = i % 2 === 0 ? match[1]![0]!.toLowerCase() : match[1]![0]!;
    const published = client.nextDiagnostics(path);
    const started = performance.now();
    client.change(path, letter, { start: { line, character }, end: { line, character: character + 1 } });
    await published;
    times.push(performance.now() - started);
  }
  return times;
}

export async function measureLsp(apps: number): Promise<LspMeasurement> {
  const { root, edited, files } = writeWorkspace(apps);
  const text = readFileSync(edited, 'utf8');
  const run = async (debounceMs: number): Promise<{ first: number; times: number[]; cpuMs: number; memory: ReturnType<typeof memoryOf> }> => {
    const client = new LspClient(cli, root);
    try {
      const started = performance.now();
      await client.initialize(root, { debounceMs });
      const published = client.nextDiagnostics(edited, () => true, 120_000);
      client.open(edited, text);
      await published;
      const first = performance.now() - started;
      await keystrokes(client, edited, text, 4); // the first keystrokes also compile the code they run
      const cpuBefore = cpuMsOf(client.process.pid!);
      const times = await keystrokes(client, edited, text, KEYSTROKES);
      const cpuMs = (cpuMsOf(client.process.pid!) - cpuBefore) / KEYSTROKES;
      const memory = memoryOf(client.process.pid!);
      await client.shutdown();
      return { first, times, cpuMs, memory };
    } finally {
      client.kill();
    }
  };
  try {
    const plain = await run(0);
    const debounced = await run(DEFAULT_DEBOUNCE_MS);
    const steady = plain.times;
    return {
      files,
      editedLines: text.split('\n').length - 1,
      firstPublishMs: plain.first,
      keystroke: { medianMs: percentile(steady, 0.5), p95Ms: percentile(steady, 0.95), maxMs: Math.max(...steady) },
      cpuPerKeystrokeMs: plain.cpuMs,
      keystrokeDebounced: { debounceMs: DEFAULT_DEBOUNCE_MS, medianMs: percentile(debounced.times, 0.5), p95Ms: percentile(debounced.times, 0.95) },
      ...plain.memory,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function describeLsp(m: LspMeasurement, apps: number): string {
  return [
    `language server, ${apps}-app workspace (${m.files} files), one ${m.editedLines}-line file open:`,
    `  first diagnostics after initialize (workspace read and parsed, one lint): ${m.firstPublishMs.toFixed(0)} ms`,
    `  keystroke to publishDiagnostics, no debounce: median ${m.keystroke.medianMs.toFixed(1)} ms, p95 ${m.keystroke.p95Ms.toFixed(1)} ms, max ${m.keystroke.maxMs.toFixed(1)} ms (target < 100 ms)`,
    `  server CPU time per keystroke (lint and publish; what it takes on an idle core): ${m.cpuPerKeystrokeMs.toFixed(1)} ms`,
    `  with the default ${m.keystrokeDebounced.debounceMs} ms debounce: median ${m.keystrokeDebounced.medianMs.toFixed(1)} ms, p95 ${m.keystrokeDebounced.p95Ms.toFixed(1)} ms`,
    `  server memory: ${m.rssMB.toFixed(0)} MB resident, peak ${m.peakRssMB.toFixed(0)} MB`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apps = Number(process.argv[2] ?? 1000);
  console.log(describeLsp(await measureLsp(apps), apps));
}
