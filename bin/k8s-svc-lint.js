#!/usr/bin/env node
// The `k8s-svc-lint` command. The package ships its built code (dist/), made by `npm pack` and
// `npm publish` (the `prepack` script), so installing it builds nothing. A clone of the source has no
// dist/ until `npm run build` (or `npm test`); its first run builds it, saying so on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = new URL('../dist/src/cli/main.js', import.meta.url);

if (!existsSync(main)) {
  if (!existsSync(`${root}src/cli/main.ts`) || !existsSync(`${root}node_modules/typescript`)) {
    process.stderr.write(`k8s-svc-lint: no built code in ${root}dist/; reinstall the package (or run \`npm ci && npm run build\` in a clone)\n`);
    process.exit(2);
  }
  process.stderr.write('k8s-svc-lint: building dist/ first (a source checkout without a build; `npm run build`)\n');
  // The build's own output goes to stderr: stdout carries only the report.
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (build.status !== 0 || !existsSync(main)) {
    process.stderr.write(`k8s-svc-lint: the build failed (exit ${build.status ?? build.signal}); see above\n`);
    process.exit(2);
  }
}
await import(main.href);
