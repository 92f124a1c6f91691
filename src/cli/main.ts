#!/usr/bin/env node
import { runCli } from './run.js';

const exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdoutIsTTY: process.stdout.isTTY === true,
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
});
// Let pending writes to a pipe finish before exiting.
process.exitCode = exitCode;
