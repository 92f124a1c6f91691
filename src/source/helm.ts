import { isMap, visit, type Document } from 'yaml';
import { insideAny, stringRangesContaining } from './string-ranges.js';

/** A Go template action as Helm charts write them: `{{ .Values.x }}`, `{{- include ... }}`, `{{ end }}`. */
const HELM_ACTION = /\{\{-?\s*(?:\.|\$|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b|required\b|default\b|quote\b|printf\b|\/\*)/g;

/**
 * The offset of the first Helm template action, or undefined when the file is a plain manifest.
 * Templates inside string values (alert rules in a ConfigMap, Argo parameters) are data, not
 * templating; they are recognised because they parse as strings. A template action counts when
 * the file does not parse (outside the quoted and block strings that did), or when YAML read it as
 * a flow mapping (`name: {{ .Release.Name }}`).
 */
export function findHelmTemplate(text: string, docs: readonly Document.Parsed[]): number | undefined {
  if (docs.some((doc) => doc.errors.length > 0)) return firstActionOutsideComments(text, stringRangesContaining(docs, '{{', true));
  let found: number | undefined;
  for (const doc of docs) {
    visit(doc, {
      Map(_key, node) {
        if (node.flow && node.range && text.startsWith('{{', node.range[0])) {
          found = node.range[0];
          return visit.BREAK;
        }
        return isMap(node) ? undefined : visit.SKIP;
      },
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

function firstActionOutsideComments(text: string, strings: readonly [number, number][]): number | undefined {
  HELM_ACTION.lastIndex = 0;
  for (let match = HELM_ACTION.exec(text); match; match = HELM_ACTION.exec(text)) {
    const offset = match.index;
    const lineStart = text.lastIndexOf('\n', offset) + 1;
    if (/^\s*#/.test(text.slice(lineStart, offset + 1))) continue;
    if (insideAny(offset, strings)) continue;
    return offset;
  }
  return undefined;
}
