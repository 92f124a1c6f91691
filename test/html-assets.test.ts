// The HTML report's stylesheet and browser script are real files (src/format/html/report.css, report.js),
// inlined at build time through the generated src/format/html/assets.ts (scripts/html-assets.mjs).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetsModule } from '../scripts/html-assets.mjs';
import { runBuiltCli } from './harness/cli.js';

const ROOT = join(import.meta.dirname, '..');
const HTML_DIR = join(ROOT, 'src', 'format', 'html');

describe('the HTML report assets', () => {
  it('assets.ts is what report.css and report.js make (npm run build writes it)', () => {
    expect(readFileSync(join(HTML_DIR, 'assets.ts'), 'utf8')).toBe(assetsModule());
  });

  it('the browser script type-checks against the DOM', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', join(HTML_DIR, 'tsconfig.json')], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the built command writes both into the report, as they are', () => {
    const result = runBuiltCli(['examples/', '--format', 'html'], { cwd: ROOT, timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`<style>\n${readFileSync(join(HTML_DIR, 'report.css'), 'utf8')}</style>`);
    expect(result.stdout).toContain(`<script>\n${readFileSync(join(HTML_DIR, 'report.js'), 'utf8')}</script>`);
  });
});
