// Whole processes, paired and alternating, to judge reading on two threads (src/source/workers.ts): this
// build's CLI as users run it, against the same CLI on one thread (K8S_SVC_LINT_THREADS=1), against
// another build's CLI when one is named (e.g. main's), and against the `yaml` parse floor (floor.ts).
// Each round runs every command once, in an order that rotates from round to round, each timed by
// `/usr/bin/time -f '%e %U %S %M'` (wall s, user s, system s, peak KiB). For each corpus it prints the
// medians of each command and, for the CLI against each other command, the median of the round-by-round
// ratios of wall and of CPU (user + system) time, with their range.
//
//   node dist/bench/threads.js <rounds> <corpus dir>... [--baseline <other build's dist/src/cli/main.js>]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './paired.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'src', 'cli', 'main.js');
const floor = join(here, 'floor.js');

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly peakMiB: number;
}

function commands(corpus: string, baseline: string | undefined): Command[] {
  return [
    { name: 'two threads', args: [cli, '--format', 'json', corpus] },
    { name: 'one thread', args: [cli, '--format', 'json', corpus], env: { K8S_SVC_LINT_THREADS: '1' } },
    ...(baseline ? [{ name: 'baseline', args: [baseline, '--format', 'json', corpus] }] : []),
    { name: 'floor', args: [floor, corpus] },
  ];
}

function time(command: Command): Timing {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...command.args], {
    env: { ...process.env, ...command.env },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = run.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, user, system, kib] = last.split(' ').map(Number);
  if (run.status === null || run.status > 1 || kib === undefined || Number.isNaN(kib)) throw new Error(`${command.name} failed (${run.status}): ${run.stderr}`);
  return { wall: wall!, cpu: user! + system!, peakMiB: kib / 1024 };
}

function summary(values: readonly number[]): string {
  return `${median(values).toFixed(3)} (${Math.min(...values).toFixed(3)}-${Math.max(...values).toFixed(3)})`;
}

function measure(corpus: string, rounds: number, baseline: string | undefined): void {
  const list = commands(corpus, baseline);
  const timings = list.map((): Timing[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < list.length; k++) {
      const i = (round + k) % list.length;
      timings[i]!.push(time(list[i]!));
    }
  }
  console.log(`\n${corpus}, ${rounds} rounds`);
  list.forEach((command, i) => {
    const t = timings[i]!;
    console.log(
      `  ${command.name.padEnd(12)} wall ${median(t.map((x) => x.wall)).toFixed(2)} s, cpu ${median(t.map((x) => x.cpu)).toFixed(2)} s, peak ${median(t.map((x) => x.peakMiB)).toFixed(0)} MiB`,
    );
  });
  const mine = timings[0]!;
  list.slice(1).forEach((command, k) => {
    const other = timings[k + 1]!;
    const wall = mine.map((t, r) => t.wall / other[r]!.wall);
    const cpu = mine.map((t, r) => t.cpu / other[r]!.cpu);
    console.log(`  two threads / ${command.name.padEnd(10)} wall ${summary(wall)}, cpu ${summary(cpu)}`);
  });
}

const args = process.argv.slice(2);
const at = args.indexOf('--baseline');
const baseline = at >= 0 ? args.splice(at, 2)[1] : undefined;
const [rounds, ...corpora] = args;
if (rounds === undefined || corpora.length === 0 || !(Number(rounds) > 0)) {
  console.error('usage: threads.js <rounds> <corpus dir>... [--baseline <dist/src/cli/main.js of another build>]');
  process.exit(2);
}
for (const corpus of corpora) measure(corpus, Number(rounds), baseline);
