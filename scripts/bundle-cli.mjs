// Part of `npm run build`, after tsc: bundles the command line (dist/src/cli/program.js and everything
// it imports, `yaml`, `ajv` and `picomatch` included) into one CommonJS file, dist/src/cli/cli.cjs, and
// writes V8's code cache for it from a run on examples/. The `k8s-svc-lint` command (main.js) starts
// from these (src/cli/start-bundle.ts). Node's ES module loader costs about half a millisecond per
// file, and the CLI imports about 300 of them; compiling the bundle's 2 MB and then each function on its
// first call costs most of what is left: one small file is linted end to end in about a third of the
// time it takes from the modules. The validators of common kinds (the `model` entries of src/model/kinds.ts) are
// bundled too; other kinds' are imported by name at run time, as ESLint formatter packages are. The
// library (dist/src/index.js) is not bundled.
//
// rolldown comes with vitest (a dev dependency). Where it is missing (an install without dev
// dependencies), there is no bundle and the command starts from the modules: slower to start, the same
// in every other way.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

const program = 'dist/src/cli/program.js';
const bundleFile = 'dist/src/cli/cli.cjs';
const main = 'dist/src/cli/main.js';

rmSync(bundleFile, { force: true });
rmSync(`${bundleFile}.cache`, { force: true });
let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  console.warn('bundle-cli: rolldown is not installed; the CLI runs from its modules');
}
if (rolldown) {
  const bundle = await rolldown.rolldown({ input: program, platform: 'node', logLevel: 'warn' });
  await bundle.write({ file: bundleFile, format: 'cjs', codeSplitting: false });
  await bundle.close();
  // A run that finds problems (exit 1) compiles what most runs use: reading, every rule, positions, the
  // report. The cache only speeds start-up: without it (the run failed), the command works the same.
  const run = spawnSync(process.execPath, [main, 'examples/'], { env: { ...process.env, K8S_SVC_LINT_WRITE_CODE_CACHE: '1' }, encoding: 'utf8' });
  if (run.status !== 1) {
    rmSync(`${bundleFile}.cache`, { force: true });
    console.warn(`bundle-cli: no code cache; the sample run on examples/ exited ${run.status}: ${run.stderr.trim()}`);
  }
}
chmodSync(main, 0o755);
