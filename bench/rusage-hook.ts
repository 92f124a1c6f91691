// Loaded with `node --import` into a process the bench spawns: at exit, writes the process's own CPU
// time and peak memory to the file named by BENCH_RUSAGE_FILE (spawnSync cannot tell a child's).
import { writeFileSync } from 'node:fs';

const file = process.env['BENCH_RUSAGE_FILE'];
if (file !== undefined) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMB: usage.maxRSS / 1024 }));
  });
}
