import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

let tree: string | undefined;
afterEach(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
  tree = undefined;
});

/** Runs the project's boundary check on a scratch tree laid out like the repository. */
function cruise(files: Readonly<Record<string, string>>): { status: number | null; stdout: string } {
  tree = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-boundaries-'));
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  copyFileSync(join(ROOT, 'tsconfig.json'), join(tree, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  const folders = [...new Set(Object.keys(files).map((path) => path.split('/')[0]!))];
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', ...folders], {
    cwd: tree,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout };
}

/** The rule names of the violations, in report order. */
function violations(stdout: string): string[] {
  return [...stdout.matchAll(/^\s*error (\S+):/gm)].map((m) => m[1]!);
}

describe('import boundaries (.dependency-cruiser.cjs)', () => {
  it('passes a rule that imports only the rule API, k8s helpers, util and model types', () => {
    const result = cruise({
      'src/api/types.ts': "import type { Index } from '../model/types.js';\nexport type Rule = (index: Index) => void;\n",
      'src/model/types.ts': 'export interface Index { readonly size: number }\n',
      'src/k8s/ports.ts': "import type { Index } from '../model/types.js';\nexport const count = (index: Index) => index.size;\n",
      'src/util/suggest.ts': 'export const closest = (word: string) => word;\n',
      'rules/good.ts': [
        "import type { Rule } from '../src/api/types.js';",
        "import { count } from '../src/k8s/ports.js';",
        "import type { Index } from '../src/model/types.js';",
        "import { closest } from '../src/util/suggest.js';",
        'export const rule: Rule = (index: Index) => void [count(index), closest("x")];',
        '',
      ].join('\n'),
    });
    expect(violations(result.stdout)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('fails a rule that imports yaml, the parser, the engine or the index itself', () => {
    const result = cruise({
      'src/source/parse.ts': 'export const parse = 1;\n',
      'src/engine/run.ts': 'export const run = 1;\n',
      'src/model/resource-index.ts': 'export const buildIndex = 1;\n',
      'rules/bad.ts': [
        "import { parseDocument } from 'yaml';",
        "import { parse } from '../src/source/parse.js';",
        "import { run } from '../src/engine/run.js';",
        "import { buildIndex } from '../src/model/resource-index.js';",
        'export const all = [parseDocument, parse, run, buildIndex];',
        '',
      ].join('\n'),
    });
    expect(violations(result.stdout).sort()).toEqual(['rules-model-types-only', 'rules-no-yaml', 'rules-through-api', 'rules-through-api']);
    expect(result.status).not.toBe(0);
  });

  it('fails an import against the pipeline direction and a type-only import cycle', () => {
    const result = cruise({
      'src/engine/run.ts': 'export const run = 1;\n',
      'src/format/stylish.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'src/k8s/ports.ts': "import { run } from '../engine/run.js';\nexport const ports = run;\n",
      'src/model/types.ts': "import type { Template } from '../k8s/workloads.js';\nexport interface Index { readonly t: Template }\n",
      'src/k8s/workloads.ts': "import type { Index } from '../model/types.js';\nexport interface Template { readonly index: Index }\n",
    });
    expect(violations(result.stdout).sort()).toEqual(['format-no-file-system', 'k8s-knows-no-later-stage', 'model-uses-k8s-core-only', 'no-circular']);
    expect(result.status).not.toBe(0);
  });

  it('finds no violation in the repository itself', () => {
    const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', 'src', 'rules', 'bench', 'scripts', 'test'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(violations(run.stdout)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
