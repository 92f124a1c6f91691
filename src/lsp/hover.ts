import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { Diagnostic, RuleMeta } from '../api/types.js';
import { allRuleMetas, ruleDocsUrl } from '../engine/registry.js';
import { contains, toRange } from './convert.js';

let metas: ReadonlyMap<string, RuleMeta> | undefined;

/** On a finding's range: what each rule found there checks, how to put it right, and its page. */
export function hoverAt(diagnostics: readonly Diagnostic[], position: Position): Hover | null {
  metas ??= new Map(allRuleMetas().map((meta) => [meta.id, meta]));
  const here = diagnostics.filter((d) => contains(toRange(d), position));
  const rules = [...new Set(here.map((d) => d.ruleId))].flatMap((id) => metas!.get(id) ?? []);
  if (rules.length === 0) return null;
  const sections = rules.map(
    (meta) => `**${meta.id}** (${meta.category}, ${meta.defaultSeverity})\n\n${meta.description}\n\n${meta.remediation}\n\n[Rule documentation](${ruleDocsUrl(meta.id)})`,
  );
  const first = here[0]!;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: toRange(first) };
}
