// Runs after `npm ci` / `npm install`: builds dist/ in a checkout of the source (a clone, or
// pre-commit's copy of the repository). An installed package has no src/ and is left alone.
// A `prepare` script would also run inside `npm pack`, whose output pre-commit reads as the
// tarball's name; this one does not.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync('src/cli/main.ts') && existsSync('node_modules/typescript')) {
  execSync('npm run build', { stdio: 'inherit' });
}
