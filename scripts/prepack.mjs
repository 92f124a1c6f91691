// `npm pack` and `npm publish` run this (the `prepack` script): a clean build, so the package holds
// exactly the code of this checkout, built, and installing it builds nothing. Its output goes to
// stderr: pre-commit reads the tarball's name from `npm pack`'s stdout.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
process.exitCode = build.status ?? 1;
