// Loaded with `node --import` into a process bench/compare-builds.ts times: at exit, writes to the file
// named by BENCH_THREAD_CPU_FILE the CPU time of the main thread alone, from /proc (Linux only). The
// process's total (`/usr/bin/time`) less this is what its other threads took: V8's optimizing compiler
// and GC helpers, and worker threads.
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env['BENCH_THREAD_CPU_FILE'];
if (file !== undefined && isMainThread) {
  process.on('exit', () => {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime, in clock ticks of 10 ms
    writeFileSync(file, String((Number(fields[11]) + Number(fields[12])) / 100));
  });
}
