/** A `# Source: chart/templates/x.yaml` comment that `helm template` writes above each document. */
export interface HelmSource {
  /** The template path as Helm wrote it (relative to where `helm template` ran). */
  readonly path: string;
  /** The 1-based line of the comment; the template's first line is the line after it. */
  readonly line: number;
}

const SOURCE_COMMENT = /^# Source: (\S.*?)\s*$/;

/** The `# Source:` comments of rendered Helm output, in order; empty for any other text. */
export function helmSources(text: string): HelmSource[] {
  if (!text.includes('# Source: ')) return [];
  const sources: HelmSource[] = [];
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const content = text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
    const match = SOURCE_COMMENT.exec(content);
    if (match) sources.push({ path: match[1]!, line });
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return sources;
}
