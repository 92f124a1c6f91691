/**
 * `k8s-svc-lint test <file>`: runs policies over resources and compares each result with what the test
 * file expects. Strict where peers are loose: a mismatch, an expectation that names no policy or
 * resource, a policy that matches none of the resources, and a policy that does not compile all fail.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { ConfigError } from '../config/types.js';
import { readPackageJson } from '../util/package-root.js';
import { buildIndex } from '../model/resource-index.js';
import { collectResources } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import { discoverFiles } from '../source/discover.js';
import { locate, toPosition } from '../source/locate.js';
import { readSourceFile } from '../source/read.js';
import { bindingResults, type PolicyFinding, type PolicySet } from './checker.js';
import { policySettings } from './config.js';
import { configPolicySet, inputPolicySet } from './input.js';
import { bindingProblems, policyProblems } from './problems.js';
import type { ShortPolicy } from './short-form.js';
import TEST_SCHEMA from './test-schema.js';

type Verdict = 'pass' | 'fail' | 'skip';

interface Expectation {
  readonly policy: string;
  /** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object or one in the default namespace. */
  readonly resource: string;
  readonly result: Verdict;
  /** Text the finding's message contains (for `fail`). */
  readonly message?: string;
  /** Line of the finding in the resource's file (for `fail`). */
  readonly line?: number;
}

interface PolicyTestFile {
  readonly policies?: readonly (string | ShortPolicy)[];
  readonly resources: readonly string[];
  readonly params?: readonly string[];
  readonly namespaces?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly defaultNamespace?: string;
  readonly results: readonly Expectation[];
}

/** One line of the table: an expectation checked, or a problem found without one. */
export interface TestLine {
  readonly policy: string;
  readonly resource: string;
  readonly expected: string;
  readonly actual: string;
  readonly ok: boolean;
  readonly note: string;
}

let validator: ((value: unknown) => value is PolicyTestFile) & { errors?: { instancePath: string; message?: string }[] | null };

/** The test file's schema, its short-form policies checked like config's. */
function validate(value: unknown): value is PolicyTestFile {
  if (!validator) {
    const shortPolicy = readPackageJson<{ definitions: { shortPolicy: object } }>('schemas/config.schema.json').definitions.shortPolicy;
    validator = new Ajv({ allErrors: true }).compile<PolicyTestFile>({ ...TEST_SCHEMA, definitions: { shortPolicy } });
  }
  return validator(value);
}

export class TestFileError extends Error {}

export async function runPolicyTest(path: string, cwd: string): Promise<TestLine[]> {
  const test = readTestFile(path);
  const baseDir = dirname(path);
  const files = async (patterns: readonly string[] | undefined): Promise<string[]> =>
    patterns && patterns.length > 0
      ? discoverFiles(
          patterns.map((p) => (isAbsolute(p) ? p : join(baseDir, p))),
          { cwd, ignore: [] },
        )
      : [];
  const policyPaths = await files((test.policies ?? []).filter((p): p is string => typeof p === 'string'));
  const resourcePaths = await files(test.resources);
  const paramPaths = await files(test.params);
  const sources = [...new Set([...policyPaths, ...resourcePaths, ...paramPaths])].sort().map(readSourceFile);
  const lines: TestLine[] = [];
  for (const source of sources) {
    for (const problem of source.problems) {
      lines.push(problemLine('(input)', relative(cwd, source.path), `${problem.message}`));
    }
  }
  const resources = collectResources(sources, test.defaultNamespace ?? 'default');
  const index = buildIndex(resources);
  // Each short form on its own, so that one that does not compile is a failed line and the others still run.
  const shortForms: ShortPolicy[] = [];
  for (const short of (test.policies ?? []).filter((p): p is ShortPolicy => typeof p !== 'string')) {
    try {
      policySettings({ policies: [short] });
      shortForms.push(short);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      lines.push(problemLine(short.id, '(policy)', error.message));
    }
  }
  const settings = policySettings({ policies: shortForms, namespaces: test.namespaces ?? {} });
  const sets: PolicySet[] = [inputPolicySet(index), configPolicySet(settings)];
  const policyNames = new Set(sets.flatMap((set) => [...set.policies.keys()]));

  // The policies' own problems: each is a failure, since such a policy cannot run as written.
  const input = sets[0]!;
  for (const policy of input.policies.values()) {
    for (const problem of policyProblems(policy)) lines.push(problemLine(policy.name, '(policy)', problemText(problem.messageId, problem.data)));
  }
  for (const binding of input.bindings) {
    for (const problem of bindingProblems(binding, policyNames.has(binding.policyName)))
      lines.push(problemLine(binding.policyName, `(binding ${binding.name})`, problemText(problem.messageId, problem.data)));
  }

  const targets = resources.filter((r) => resourcePaths.includes(r.file.path));
  const byId = new Map(targets.map((r) => [resourceId(r), r]));
  const verdicts = new Map<string, Map<Resource, { verdict: Verdict; findings: readonly PolicyFinding[] }>>();
  for (const resource of targets) {
    for (const set of sets) {
      for (const result of bindingResults(resource, set, index, { audit: true, namespaces: settings?.namespaces ?? {}, wording: set === input ? 'apiServer' : 'named' })) {
        const perPolicy = verdicts.get(result.policy.name) ?? new Map<Resource, { verdict: Verdict; findings: readonly PolicyFinding[] }>();
        verdicts.set(result.policy.name, perPolicy);
        perPolicy.set(resource, merge(perPolicy.get(resource), result.findings));
      }
    }
  }

  for (const expectation of test.results) {
    const resource = byId.get(expectation.resource) ?? byId.get(withDefaultNamespace(expectation.resource, test.defaultNamespace ?? 'default'));
    const expected = describeExpected(expectation);
    if (!policyNames.has(expectation.policy)) {
      lines.push({ policy: expectation.policy, resource: expectation.resource, expected, actual: '-', ok: false, note: 'no policy of this name in the test' });
      continue;
    }
    if (!resource) {
      lines.push({
        policy: expectation.policy,
        resource: expectation.resource,
        expected,
        actual: '-',
        ok: false,
        note: "no resource of this kind/namespace/name in the test's resources",
      });
      continue;
    }
    const actual = verdicts.get(expectation.policy)?.get(resource) ?? { verdict: 'skip' as const, findings: [] };
    lines.push(compare(expectation, expected, actual, resource));
  }

  // A policy that matched none of the resources tests nothing.
  for (const name of [...policyNames].sort()) {
    const perPolicy = verdicts.get(name);
    if (![...(perPolicy?.values() ?? [])].some((v) => v.verdict !== 'skip')) {
      lines.push(problemLine(name, '(any)', 'the policy matched none of the resources, so the test proves nothing about it'));
    }
  }
  return lines;
}

function readTestFile(path: string): PolicyTestFile {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TestFileError(`cannot read the test file ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!validate(parsed)) {
    const first = validator.errors?.[0];
    throw new TestFileError(`test file ${path}: ${first?.instancePath || '(top level)'} ${first?.message ?? 'is not valid'}`);
  }
  return parsed;
}

function merge(
  previous: { verdict: Verdict; findings: readonly PolicyFinding[] } | undefined,
  findings: readonly PolicyFinding[] | 'skip',
): { verdict: Verdict; findings: readonly PolicyFinding[] } {
  const all = [...(previous?.findings ?? []), ...(findings === 'skip' ? [] : findings)];
  if (all.length > 0) return { verdict: 'fail', findings: all };
  return { verdict: previous?.verdict === 'pass' || findings !== 'skip' ? 'pass' : 'skip', findings: [] };
}

function compare(expectation: Expectation, expected: string, actual: { verdict: Verdict; findings: readonly PolicyFinding[] }, resource: Resource): TestLine {
  const base = { policy: expectation.policy, resource: expectation.resource, expected };
  const first = actual.findings[0];
  if (actual.verdict !== expectation.result) {
    return { ...base, actual: actual.verdict, ok: false, note: first ? first.message : '' };
  }
  if (expectation.result !== 'fail') return { ...base, actual: actual.verdict, ok: true, note: '' };
  const withLines = actual.findings.map((f) => ({ finding: f, line: lineOf(resource, f) }));
  const match = withLines.find(
    ({ finding, line }) => (expectation.message === undefined || finding.message.includes(expectation.message)) && (expectation.line === undefined || line === expectation.line),
  );
  if (match) return { ...base, actual: `fail (line ${match.line})`, ok: true, note: '' };
  const seen = withLines.map(({ finding, line }) => `line ${line}: ${finding.message}`).join('; ');
  return {
    ...base,
    actual: 'fail',
    ok: false,
    note: `no finding with the expected ${expectation.message !== undefined ? 'message' : ''}${expectation.message !== undefined && expectation.line !== undefined ? ' and ' : ''}${expectation.line !== undefined ? 'line' : ''}; found ${seen}`,
  };
}

function lineOf(resource: Resource, finding: PolicyFinding): number {
  const range = locate(resource.file, resource.document, [...resource.basePath, ...finding.at]);
  return toPosition(resource.file, range).line;
}

function describeExpected(expectation: Expectation): string {
  const details = [expectation.line !== undefined ? `line ${expectation.line}` : '', expectation.message !== undefined ? `"${expectation.message}"` : '']
    .filter(Boolean)
    .join(', ');
  return details ? `${expectation.result} (${details})` : expectation.result;
}

function problemLine(policy: string, resource: string, note: string): TestLine {
  return { policy, resource, expected: '-', actual: 'error', ok: false, note };
}

function problemText(messageId: string, data: Readonly<Record<string, string | undefined>>): string {
  switch (messageId) {
    case 'celError':
      return `a CEL expression does not compile${data['position'] === undefined ? '' : ` (${data['position']})`}: ${data['error'] ?? ''}`;
    case 'matchesNothing':
      return 'matchConstraints has no resourceRules, so the policy matches nothing';
    case 'unknownPolicy':
      return `binding ${data['binding'] ?? ''} names policy ${data['policy'] ?? ''}, which is not in the test`;
    default:
      return `binding ${data['binding'] ?? ''} has no validationActions`;
  }
}

/** `Service/shop/web`; `Namespace/shop` for cluster-scoped objects. */
function resourceId(resource: Resource): string {
  const kind = typeof resource.object['kind'] === 'string' ? resource.object['kind'] : resource.kind;
  return resource.namespace === '' ? `${kind}/${resource.name}` : `${kind}/${resource.namespace}/${resource.name}`;
}

function withDefaultNamespace(id: string, defaultNamespace: string): string {
  const parts = id.split('/');
  return parts.length === 2 ? `${parts[0]}/${defaultNamespace}/${parts[1]}` : id;
}

/** The table `test` prints, with the closing count line. */
export function formatTestTable(lines: readonly TestLine[]): string {
  const header: TestLine = { policy: 'policy', resource: 'resource', expected: 'expected', actual: 'actual', ok: true, note: '' };
  const rows = [header, ...lines];
  const width = (pick: (l: TestLine) => string): number => Math.max(...rows.map((l) => pick(l).length));
  const [wp, wr, we, wa] = [width((l) => l.policy), width((l) => l.resource), width((l) => l.expected), width((l) => l.actual)];
  const text = rows.map((l, i) => {
    const status = i === 0 ? 'result' : l.ok ? 'ok' : 'FAIL';
    return `${l.policy.padEnd(wp)}  ${l.resource.padEnd(wr)}  ${l.expected.padEnd(we)}  ${l.actual.padEnd(wa)}  ${status}${l.note ? `  ${l.note}` : ''}`.trimEnd();
  });
  const failed = lines.filter((l) => !l.ok).length;
  return `${text.join('\n')}\n\n${lines.length - failed} passed, ${failed} failed\n`;
}
