// Whole-process paired timing: two `node` commands run in turn, each a fresh process, their order
// swapped every round, so that both see the same machine; the figure is the median of the round-by-round
// ratios, for wall time and for CPU time (which holds up better when other work shares the cores).
//
//   node dist/bench/paired.js <rounds> '<node args of A>' '<node args of B>'
//       e.g. paired.js 5 'dist/src/cli/main.js --format json corpus' 'dist/bench/floor.js corpus'
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hook = join(dirname(fileURLToPath(import.meta.url)), 'rusage-hook.js');

export interface ProcessRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
}

export interface PairedRatio {
  readonly rounds: number;
  /** Medians of A/B over the rounds. */
  readonly wall: number;
  readonly cpu: number;
  /** Medians of each side's own figures. */
  readonly a: ProcessRun;
  readonly b: ProcessRun;
}

/** One fresh `node` process, start to exit; exit codes above 1 (usage, fatal) fail the bench. */
export function runProcess(args: readonly string[], cwd?: string): ProcessRun {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-rusage-'));
  try {
    const file = join(dir, 'usage.json');
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', hook, ...args], {
      cwd,
      env: { ...process.env, BENCH_RUSAGE_FILE: file },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const wallMs = performance.now() - started;
    if (run.status === null || run.status > 1) throw new Error(`node ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr}`);
    const usage = JSON.parse(readFileSync(file, 'utf8')) as { cpuMs: number; maxRssMB: number };
    return { wallMs, ...usage };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pairedRatio(a: readonly string[], b: readonly string[], rounds: number, cwd?: string): PairedRatio {
  const as: ProcessRun[] = [];
  const bs: ProcessRun[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      as.push(runProcess(a, cwd));
      bs.push(runProcess(b, cwd));
    } else {
      bs.push(runProcess(b, cwd));
      as.push(runProcess(a, cwd));
    }
  }
  const side = (runs: readonly ProcessRun[]): ProcessRun => ({
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRssMB: median(runs.map((r) => r.maxRssMB)),
  });
  return {
    rounds,
    wall: median(as.map((r, i) => r.wallMs / bs[i]!.wallMs)),
    cpu: median(as.map((r, i) => r.cpuMs / bs[i]!.cpuMs)),
    a: side(as),
    b: side(bs),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [rounds, a, b] = process.argv.slice(2);
  if (rounds === undefined || a === undefined || b === undefined) {
    console.error("usage: paired.js <rounds> '<node args of A>' '<node args of B>'");
    process.exit(2);
  }
  console.log(JSON.stringify(pairedRatio(a.split(' '), b.split(' '), Number(rounds))));
}
