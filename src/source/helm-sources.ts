/** A `# Source: chart/templates/x.yaml` comment that `helm template` writes above each document. */
export interface HelmSource {
  /** The template path as Helm wrote it (relative to where `helm template` ran). */
  readonly path: string;
  /** The 1-based line of the comment; the template's first line is the line after it. */
  readonly line: number;
}

const SOURCE_PREFIX = '# Source: ';

/** The `# Source:` comments of rendered Helm output, in order; empty for any other text. */
export function helmSources(text: string): HelmSource[] {
  if (!text.includes('# Source: ')) return [];
  const sources: HelmSource[] = [];
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    // String operations, not a regex: a `(\S.*?)\s*$` backtracks quadratically on a long line of spaces.
    if (text.startsWith(SOURCE_PREFIX, start)) {
      const path = text.slice(start + SOURCE_PREFIX.length, end < 0 ? undefined : end).trimEnd();
      if (path !== '' && !/^\s/.test(path)) sources.push({ path, line });
    }
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return sources;
}

/** The last source whose comment is above `line` (binary search: sources are in line order). */
export function sourceAbove(sources: readonly HelmSource[], line: number): HelmSource | undefined {
  let low = 0;
  let high = sources.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sources[mid]!.line < line) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? undefined : sources[low - 1];
}
