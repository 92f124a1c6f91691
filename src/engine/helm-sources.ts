import type { Diagnostic } from '../api/types.js';
import { helmSources, sourceAbove, type HelmSource } from '../source/helm-sources.js';
import type { SourceFile } from '../source/types.js';

/**
 * Rendered Helm output on stdin (`helm template . | k8s-svc-lint -`) is reported per template:
 * each finding goes to the file named by the `# Source:` comment above its document, with lines
 * counted from that comment (line 1 is the first line after it: the template's own first line when
 * it does not start with template logic). Files read from disk keep their own paths and lines.
 * `templatePath` turns a `# Source:` path into the template's path on disk (src/source/helm-charts.ts).
 */
export function attributeToHelmSources(
  files: readonly SourceFile[],
  diagnostics: readonly Diagnostic[],
  templatePath: (sourcePath: string) => string,
  isStdin: (file: SourceFile) => boolean,
): { files: { path: string }[]; diagnostics: Diagnostic[] } {
  const sectionsByFile = new Map<string, HelmSource[]>();
  for (const file of files) {
    if (!isStdin(file)) continue;
    const sources = helmSources(file.text);
    if (sources.length > 0) sectionsByFile.set(file.path, sources);
  }
  if (sectionsByFile.size === 0) return { files: [...files], diagnostics: [...diagnostics] };

  const resultFiles: { path: string }[] = [];
  for (const file of files) {
    const sources = sectionsByFile.get(file.path);
    if (!sources) {
      resultFiles.push(file);
      continue;
    }
    const beforeFirst = diagnostics.some((d) => d.filePath === file.path && d.line <= sources[0]!.line);
    if (beforeFirst) resultFiles.push(file);
    for (const path of new Set(sources.map((s) => templatePath(s.path)))) resultFiles.push({ path });
  }
  const mapped = diagnostics.map((d) => {
    const sources = sectionsByFile.get(d.filePath);
    const source = sources && sourceAbove(sources, d.line);
    if (!source) return d;
    return { ...d, filePath: templatePath(source.path), line: d.line - source.line, endLine: d.endLine - source.line };
  });
  return { files: resultFiles, diagnostics: mapped };
}
