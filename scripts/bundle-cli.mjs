// Part of `npm run build`, after tsc: bundles the command line (dist/src/cli/main.js and everything it
// imports, `yaml`, `ajv` and `picomatch` included) into that one file. Node's ES module loader costs
// about half a millisecond per file, and the CLI imports about 300 of them; bundled, a small file is
// linted end to end in about half the time. The validators of common kinds (src/model/common-models.ts)
// are bundled too; other kinds' are imported by name at run time, as ESLint formatter packages are.
// The library (dist/src/index.js) is not bundled.
//
// rolldown comes with vitest (a dev dependency). Where it is missing (an install without dev
// dependencies), the CLI is left unbundled: slower to start, the same in every other way.
import { chmodSync, renameSync } from 'node:fs';

const entry = 'dist/src/cli/main.js';
let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  console.warn('bundle-cli: rolldown is not installed; the CLI stays unbundled');
}
if (rolldown) {
  const bundle = await rolldown.rolldown({
    input: entry,
    platform: 'node',
    logLevel: 'warn',
  });
  await bundle.write({ file: `${entry}.bundle`, format: 'esm', codeSplitting: false });
  await bundle.close();
  renameSync(`${entry}.bundle`, entry);
}
chmodSync(entry, 0o755);
