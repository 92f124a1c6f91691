import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { allRuleMetas } from '../../src/engine/registry.js';
import { lint } from '../../src/lint.js';
import type { ConfigFile } from '../../src/config/types.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export interface ExpectedFinding {
  file?: string;
  messageId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: 'warn' | 'error';
}

interface Expectation {
  description?: string;
  options?: Record<string, unknown>;
  config?: Pick<ConfigFile, 'nodePortRange' | 'defaultNamespace' | 'strictReferences' | 'podSources' | 'kubernetesVersion'>;
  errors: ExpectedFinding[];
}

export interface FixtureCase {
  readonly name: string;
  /** A `.yaml`/`.json` file, or a folder of files linted together. */
  readonly path: string;
  readonly expectation: Expectation;
  /**
   * An invalid single-file case may have a `<case>.fixed.yaml` (`.fixed.json`) beside it: the exact text
   * `--fix` makes of it. A case whose findings carry fixes must have one.
   */
  readonly fixed?: { readonly path: string; readonly text: string };
}

/** `<case>.fixed.yaml` / `.fixed.json`: not cases themselves. */
const FIXED = /\.fixed\.(ya?ml|json)$/;

const validateExpectation = new Ajv({ allErrors: true }).compile<Expectation>(JSON.parse(readFileSync(join(FIXTURES, '..', 'schemas', 'fixture.schema.json'), 'utf8')));

export function fixtureRuleIds(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
    .sort();
}

export function loadFixtures(ruleId: string): { valid: FixtureCase[]; invalid: FixtureCase[] } {
  return { valid: casesIn(ruleId, 'valid'), invalid: casesIn(ruleId, 'invalid') };
}

function casesIn(ruleId: string, kind: 'valid' | 'invalid'): FixtureCase[] {
  const dir = join(FIXTURES, ruleId, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.endsWith('.expect.yaml') && !FIXED.test(name))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const base = name.replace(/\.(ya?ml|json)$/, '');
      const expectPath = join(dir, `${base}.expect.yaml`);
      const raw: unknown = existsSync(expectPath) ? parse(readFileSync(expectPath, 'utf8')) : { errors: [] };
      if (!validateExpectation(raw)) {
        throw new Error(`${relative(FIXTURES, expectPath)}: ${JSON.stringify(validateExpectation.errors)}`);
      }
      if (kind === 'invalid' && raw.errors.length === 0) throw new Error(`${relative(FIXTURES, path)}: an invalid case needs expected errors`);
      const extension = /\.(ya?ml|json)$/.exec(name)?.[0] ?? '';
      const fixedPath = join(dir, `${base}.fixed${extension}`);
      return { name: base, path, expectation: raw, ...(existsSync(fixedPath) ? { fixed: { path: fixedPath, text: readFileSync(fixedPath, 'utf8') } } : {}) };
    });
}

/** The config of a fixture run: only the rule under test, at its default severity, with the case's options. */
function fixtureConfig(ruleId: string, fixture: FixtureCase): ConfigFile {
  const rules: NonNullable<ConfigFile['rules']> = {};
  for (const meta of allRuleMetas()) rules[meta.id] = 'off';
  // The rule runs at its default severity, so fixtures can state which findings are warnings.
  const severity = allRuleMetas().find((meta) => meta.id === ruleId)?.defaultSeverity ?? 'error';
  rules[ruleId] = fixture.expectation.options ? [severity, fixture.expectation.options] : severity;
  return { rules, ...fixture.expectation.config };
}

/**
 * Runs `--fix` (in memory) on a single-file fixture with only the rule under test enabled: the fixed
 * text (undefined when nothing was fixed) and the findings left, each with whether it carries a fix.
 */
export async function fixFixture(
  ruleId: string,
  path: string,
  fixture: FixtureCase,
): Promise<{ output: string | undefined; left: { messageId: string; line: number; fixable: boolean }[] }> {
  const output = await lint({ patterns: [path], cwd: FIXTURES, config: fixtureConfig(ruleId, fixture), fix: true });
  const result = output.results[0]!;
  const left = output.diagnostics.filter((d) => d.suppressedBy === undefined).map((d) => ({ messageId: d.messageId, line: d.line, fixable: d.fix !== undefined }));
  return { output: result.output, left };
}

/** Lints a fixture with only the rule under test enabled; returns its findings, position-sorted. */
export async function runFixture(ruleId: string, fixture: FixtureCase): Promise<{ findings: ExpectedFinding[]; messages: string[]; texts: string[] }> {
  const folder = statSync(fixture.path).isDirectory();
  const output = await lint({ patterns: [fixture.path], cwd: folder ? fixture.path : FIXTURES, config: fixtureConfig(ruleId, fixture) });
  const findings: ExpectedFinding[] = [];
  const messages: string[] = [];
  for (const result of output.results) {
    for (const m of result.messages) {
      findings.push({
        ...(folder ? { file: relative(fixture.path, result.filePath) } : {}),
        messageId: m.messageId ?? '',
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        severity: m.severity === 2 ? 'error' : 'warn',
      });
      messages.push(m.message);
    }
  }
  const texts = findings.map((f, i) => `${f.file ? `${f.file}:` : ''}${f.line}:${f.column} ${messages[i]!}`).sort(byPosition);
  return { findings, messages, texts };
}

/** `file:line:column` order, numerically. */
function byPosition(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Keeps only the keys the expectation states (endLine/endColumn are optional in fixtures). */
export function project(found: readonly ExpectedFinding[], expected: readonly ExpectedFinding[]): ExpectedFinding[] {
  return found.map((f, i) => {
    const want = expected[i];
    const { endLine, endColumn, severity, ...rest } = f;
    return {
      ...rest,
      ...(want?.severity !== undefined ? { severity } : {}),
      ...(want?.endLine !== undefined ? { endLine } : {}),
      ...(want?.endColumn !== undefined ? { endColumn } : {}),
    };
  });
}
