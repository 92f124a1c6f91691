import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { mermaid } from './mermaid.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { importModule } from '../util/import-module.js';
import type { Formatter } from './types.js';

export const BUILTIN_FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github, markdown, mermaid, html };

export class FormatterNotFoundError extends Error {}

/**
 * A built-in formatter, or an ESLint formatter package resolved as ESLint does: `junit` →
 * `eslint-formatter-junit`, `@scope/name` → `@scope/eslint-formatter-name`, `@scope` →
 * `@scope/eslint-formatter`, or a path to a module. Packages are looked up from the working
 * directory first, then from k8s-svc-lint's own installation.
 */
export async function loadFormatter(name: string, cwd: string): Promise<Formatter> {
  if (Object.hasOwn(BUILTIN_FORMATTERS, name)) return BUILTIN_FORMATTERS[name]!;
  const specifiers = candidateSpecifiers(name);
  for (const base of [join(cwd, 'noop.js'), import.meta.url]) {
    const require = createRequire(base);
    for (const specifier of specifiers) {
      let resolved: string;
      try {
        resolved = isPath(specifier) ? require.resolve(resolve(cwd, specifier)) : require.resolve(specifier);
      } catch {
        continue;
      }
      const module = (await importModule(pathToFileURL(resolved).href)) as { default?: unknown };
      const formatter = typeof module.default === 'function' ? module.default : module;
      if (typeof formatter !== 'function') throw new FormatterNotFoundError(`${specifier} does not export a formatter function`);
      return formatter as Formatter;
    }
  }
  throw new FormatterNotFoundError(
    `Cannot find formatter "${name}": use one of ${Object.keys(BUILTIN_FORMATTERS).join(', ')}, or install an ESLint formatter package (npm install --save-dev ${specifiers.find((s) => !isPath(s)) ?? name})`,
  );
}

function isPath(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || (/[\\/]/.test(name) && !name.startsWith('@'));
}

function candidateSpecifiers(name: string): string[] {
  if (isPath(name)) return [name];
  if (name.startsWith('@')) {
    const [scope, rest] = name.split('/') as [string, string | undefined];
    if (rest === undefined) return [`${scope}/eslint-formatter`];
    return rest.startsWith('eslint-formatter') ? [name] : [`${scope}/eslint-formatter-${rest}`, name];
  }
  return name.startsWith('eslint-formatter-') ? [name] : [`eslint-formatter-${name}`, name];
}
