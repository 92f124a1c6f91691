import { pathToFileURL } from 'node:url';
import { isAbsolute, relative, sep } from 'node:path';
import type { Diagnostic, ObjectRef } from '../api/types.js';
import { findingOf } from '../engine/results.js';
import { isOutside } from '../util/paths.js';
import { sarifUri } from './sanitize.js';
import { UNUSED_DIRECTIVE, type Formatter, type LintMessage } from './types.js';

const LEVEL = { 1: 'warning', 2: 'error' } as const;

/**
 * SARIF 2.1.0 for code scanning: every rule in `tool.driver.rules` with its description and help
 * link; results with start/end line and column; paths relative to the working directory
 * (`%SRCROOT%`). Findings suppressed in the source are kept with an `inSource` suppression and its
 * justification (the reason after ` -- `, or the ignore annotation's value). A finding about a
 * resource names it as a logical location (`Service/shop/web`); the other ends of a cross-resource
 * finding are its related locations: where they are when the input holds them, and the object a
 * broken reference names otherwise.
 */
export const sarif: Formatter = (results, context) => {
  const ruleIds = Object.keys(context.rulesMeta);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const sarifResults: unknown[] = [];
  for (const result of results) {
    const uri = toUri(context.cwd, result.filePath);
    const add = (m: LintMessage, suppressed: boolean): void => {
      const finding = findingOf(m);
      const related = finding ? relatedLocations(context.cwd, finding) : [];
      sarifResults.push({
        // A message without a rule is ESLint's unused-directive report.
        ruleId: m.ruleId ?? UNUSED_DIRECTIVE,
        ...(m.ruleId !== null && ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
        level: LEVEL[m.severity] ?? 'note',
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: m.line,
                startColumn: m.column,
                ...(m.endLine === undefined ? {} : { endLine: m.endLine }),
                ...(m.endColumn === undefined ? {} : { endColumn: m.endColumn }),
              },
            },
            ...(finding?.resource ? { logicalLocations: [logicalLocation(finding.resource)] } : {}),
          },
        ],
        ...(related.length > 0 ? { relatedLocations: related } : {}),
        ...(suppressed ? { suppressions: [{ kind: 'inSource', ...justification(m) }] } : {}),
      });
    };
    for (const m of result.messages) add(m, false);
    for (const m of result.suppressedMessages ?? []) add(m, true);
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'k8s-svc-lint',
            version: context.toolVersion,
            informationUri: 'https://github.com/k8s-svc-lint/k8s-svc-lint',
            rules: ruleIds.map((id) => {
              const meta = context.rulesMeta[id]!;
              return {
                id,
                shortDescription: { text: meta.docs.description },
                fullDescription: { text: `${meta.docs.description} ${meta.docs.remediation}` },
                help: { text: meta.docs.remediation },
                helpUri: meta.docs.url,
                defaultConfiguration: { level: meta.defaultSeverity === 'error' ? 'error' : 'warning' },
                properties: { category: meta.docs.category },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(context.cwd).href.replace(/\/?$/, '/')}` } },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/**
 * The artifact URI of a result: relative to the working directory (`%SRCROOT%`) when the file is
 * inside it (`..x.yaml` is), else an absolute `file:` URI; a name that is no file (`<stdin>`) as a
 * relative name without its brackets. Percent-encoded either way.
 */
function toUri(cwd: string, filePath: string): string {
  if (!isAbsolute(filePath)) return sarifUri(filePath.replace(/^<(.*)>$/, '$1'));
  const rel = relative(cwd, filePath);
  if (isOutside(rel)) return pathToFileURL(filePath).href;
  return sarifUri(sep === '/' ? rel : rel.split(sep).join('/'));
}

/** An object as a SARIF logical location: `Service/shop/web`, `Namespace//shop` for a cluster-scoped one. */
function logicalLocation({ kind, namespace, name }: ObjectRef): { name: string; fullyQualifiedName: string; kind: 'resource' } {
  return { name, fullyQualifiedName: `${kind}/${namespace}/${name}`, kind: 'resource' };
}

/** The other ends of a finding: the places it points at, then the object a broken reference names. */
function relatedLocations(cwd: string, finding: Diagnostic): unknown[] {
  const located = (finding.related ?? []).map((r) => ({
    physicalLocation: {
      artifactLocation: { uri: toUri(cwd, r.filePath), uriBaseId: '%SRCROOT%' },
      region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
    },
    message: { text: r.message },
  }));
  const reference = finding.reference;
  const named =
    reference?.to === 'object'
      ? [
          {
            logicalLocations: [logicalLocation(reference.target)],
            message: {
              text: `${reference.target.kind} ${reference.target.namespace === '' ? '' : `${reference.target.namespace}/`}${reference.target.name} (${reference.problem})`,
            },
          },
        ]
      : [];
  return [...located, ...named].map((location, i) => ({ id: i, ...location }));
}

/** The reason a suppressed message carries (`suppressions[0].justification`), when it has one. */
function justification(m: LintMessage): { justification?: string } {
  const text = (m as LintMessage & { suppressions?: readonly { justification?: string }[] }).suppressions?.[0]?.justification;
  return text ? { justification: text } : {};
}
