// Whole processes, paired and alternating: this build's CLI as users run it, against other builds' CLIs
// (another branch's `dist/src/cli/main.js`), the same CLI under other environment variables, and the
// `yaml` parse floor (floor.ts). Each round runs every command once, in an order that rotates from round to
// round, each timed by `/usr/bin/time -f '%e %U %S %M'` (wall s, user s, system s, peak KiB); a hook
// (thread-cpu-hook.ts) also takes the CLI's main-thread CPU time, so that what its other threads took
// (V8's optimizing compiler and GC helpers, worker threads) shows. For each corpus it prints each
// command's medians and, for this build against each other command, the median of the round-by-round
// ratios of wall and of CPU (user + system) time, with their range.
//
//   node dist/bench/compare-builds.js <rounds> <corpus dir>... [--cli <other dist/src/cli/main.js>]... [--env NAME=VALUE]...
//
// `--env` adds a run of this build's CLI with that variable set. Corpora: bench/corpus.ts
// (generateCorpus(apps, 42, { defectRate: 0.45 }) has a mistake in about a tenth of the resources).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './paired.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'src', 'cli', 'main.js');
const floor = join(here, 'floor.js');
const hook = join(here, 'thread-cpu-hook.js');

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  /** CPU time of the main thread (undefined where the hook could not tell: not Linux). */
  readonly mainCpu: number | undefined;
  readonly peakMiB: number;
}

function time(command: Command, scratch: string): Timing {
  const cpuFile = join(scratch, 'main-cpu');
  rmSync(cpuFile, { force: true });
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, '--import', hook, ...command.args], {
    env: { ...process.env, ...command.env, BENCH_THREAD_CPU_FILE: cpuFile },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const [wall, user, system, kib] = (run.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (run.status === null || run.status > 1 || kib === undefined || Number.isNaN(kib)) throw new Error(`${command.name} failed (${run.status}): ${run.stderr}`);
  let mainCpu: number | undefined;
  try {
    mainCpu = Number(readFileSync(cpuFile, 'utf8'));
  } catch {
    mainCpu = undefined;
  }
  return { wall: wall!, cpu: user! + system!, mainCpu, peakMiB: kib / 1024 };
}

function range(values: readonly number[]): string {
  return `${median(values).toFixed(3)} (${Math.min(...values).toFixed(3)}-${Math.max(...values).toFixed(3)})`;
}

function measure(corpus: string, rounds: number, commands: readonly Command[], scratch: string): void {
  const timings = commands.map((): Timing[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (round + k) % commands.length;
      timings[i]!.push(time(commands[i]!, scratch));
    }
  }
  console.log(`\n${corpus}, ${rounds} rounds`);
  commands.forEach((command, i) => {
    const t = timings[i]!;
    const mainCpu = t.every((x) => x.mainCpu !== undefined) ? `, main thread ${median(t.map((x) => x.mainCpu!)).toFixed(2)} s` : '';
    console.log(
      `  ${command.name}: wall ${median(t.map((x) => x.wall)).toFixed(2)} s, cpu ${median(t.map((x) => x.cpu)).toFixed(2)} s${mainCpu}, peak ${median(t.map((x) => x.peakMiB)).toFixed(0)} MiB`,
    );
  });
  const mine = timings[0]!;
  commands.slice(1).forEach((command, k) => {
    const other = timings[k + 1]!;
    console.log(`  ${commands[0]!.name} / ${command.name}: wall ${range(mine.map((t, r) => t.wall / other[r]!.wall))}, cpu ${range(mine.map((t, r) => t.cpu / other[r]!.cpu))}`);
  });
}

function options(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let at = args.indexOf(name); at >= 0; at = args.indexOf(name)) values.push(...args.splice(at, 2).slice(1));
  return values;
}

const args = process.argv.slice(2);
const others = options(args, '--cli');
const envs = options(args, '--env');
const [rounds, ...corpora] = args;
if (rounds === undefined || corpora.length === 0 || !(Number(rounds) > 0) || envs.some((e) => !e.includes('='))) {
  console.error('usage: compare-builds.js <rounds> <corpus dir>... [--cli <other dist/src/cli/main.js>]... [--env NAME=VALUE]...');
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-bench-'));
try {
  for (const corpus of corpora) {
    const lint = (main: string) => [main, '--format', 'json', corpus];
    const commands: Command[] = [
      { name: 'this build', args: lint(cli) },
      ...envs.map((env) => ({ name: `this build, ${env}`, args: lint(cli), env: { [env.slice(0, env.indexOf('='))]: env.slice(env.indexOf('=') + 1) } })),
      ...others.map((main) => ({ name: main, args: lint(main) })),
      { name: 'floor', args: [floor, corpus] },
    ];
    measure(corpus, Number(rounds), commands, scratch);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
