import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { findHelmTemplate } from './helm.js';
import { parseDirectives } from './directives.js';
import type { SourceDocument, SourceFile, SourceProblem } from './types.js';

/**
 * Kubernetes decodes manifests with sigs.k8s.io/yaml (go-yaml v2), which follows YAML 1.1:
 * unquoted `yes`/`on` are booleans and `0755` is octal. Parse the same way, so that what we
 * check is what the API server receives.
 */
const PARSE_OPTIONS = { version: '1.1', uniqueKeys: true, prettyErrors: false } as const;

/** Aliases expanded per document; more than this is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

export function parseSource(path: string, rawText: string): SourceFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  const streamDocs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];

  const helm = text.includes('{{') ? findHelmTemplate(text, streamDocs) : undefined;
  if (helm !== undefined) {
    const problem: SourceProblem = {
      ruleId: 'helm-template',
      message:
        'This file is a Helm template (`{{ ... }}`), not a manifest; lint the rendered output instead: `helm template <chart> | k8s-svc-lint -`',
      start: helm,
      end: text.indexOf('}}', helm) + 2 || helm + 2,
      fatal: true,
    };
    return { path, text, lineCounter, documents: [], problems: [problem], directives: [] };
  }

  const problems: SourceProblem[] = [];
  const documents: SourceDocument[] = [];
  streamDocs.forEach((node, index) => {
    let fatal = false;
    for (const error of node.errors) {
      if (error.code === 'DUPLICATE_KEY') {
        const key = keyAt(text, error.pos[0]);
        problems.push({ ruleId: 'duplicate-key', message: duplicateKeyMessage(key), start: error.pos[0], end: error.pos[0] + Math.max(key?.length ?? 1, 1), fatal: false });
      } else if (!fatal) {
        // Only the first syntax error of a document: the ones after it are usually its echoes.
        fatal = true;
        problems.push({ ruleId: 'yaml-syntax', message: syntaxMessage(error.message), start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1), fatal: true });
      }
    }
    if (fatal) return;
    try {
      documents.push({ index, node, value: node.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
    } catch (error) {
      // Point at the content, not at the `---` that separates it from the previous document.
      const start = node.contents?.range?.[0] ?? node.range[0];
      problems.push({
        ruleId: 'yaml-syntax',
        message: `This document could not be read: ${(error as Error).message}`,
        start,
        end: start + 1,
        fatal: true,
      });
    }
  });

  return { path, text, lineCounter, documents, problems, directives: parseDirectives(text, lineCounter, streamDocs) };
}

/** A file that could not be read or decoded: one fatal problem at its start. */
export function unreadableSource(path: string, ruleId: 'yaml-syntax' | 'file-unreadable', message: string): SourceFile {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  return {
    path,
    text: '',
    lineCounter,
    documents: [],
    problems: [{ ruleId, message, start: 0, end: 0, fatal: true }],
    directives: [],
  };
}

function keyAt(text: string, offset: number): string | undefined {
  return /^"[^"\n]*"|^'[^'\n]*'|^[^\s:#]+/.exec(text.slice(offset, offset + 256))?.[0];
}

function duplicateKeyMessage(key: string | undefined): string {
  const shown = key === undefined ? 'This key' : `Key \`${key}\``;
  return `${shown} appears twice in the same mapping; the API server rejects duplicate fields (kubectl validates strictly); keep one`;
}

function syntaxMessage(yamlMessage: string): string {
  // The yaml library appends the position ("at line 3, column 5:") and a source excerpt; we report the position ourselves.
  const firstLine = yamlMessage.split('\n')[0] ?? yamlMessage;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '').trim()}`;
}
