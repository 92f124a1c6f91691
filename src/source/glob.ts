/**
 * Glob matching without regular expressions, for patterns that come from data (a config's
 * `ignorePatterns` and `context`, which a repository may write). A glob compiled to a regular
 * expression backtracks exponentially on patterns like `*a*a*a*a*a*a*a*a*a*a*b`; this matcher takes at
 * most (pattern length × path length) steps per pattern.
 *
 * Supported, as picomatch with `dot: true`: `*` and `?` within a segment, `**` as a whole segment (any
 * number of segments), `[abc]`, `[a-z]`, `[!a]` / `[^a]` (as in the shell), `{a,b}` (nested; at most MAX_ALTERNATIVES
 * patterns per glob), `\` escapes, a leading `!` to negate and a leading `./`.
 */

type Token =
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'any' }
  | { readonly t: 'star' }
  | { readonly t: 'class'; readonly negate: boolean; readonly ranges: readonly [string, string][] };
type Segment = readonly Token[] | 'globstar';

/** Brace expansion stops here; the remaining braces are matched literally. */
const MAX_ALTERNATIVES = 256;

/** A matcher for posix paths (`a/b/c.yaml`): true when any of the patterns matches. */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  const compiled = patterns.flatMap(compile);
  return (path) => {
    const segments = path.split('/');
    return compiled.some(({ negate, alternatives }) => negate !== alternatives.some((pattern) => matchSegments(pattern, segments)));
  };
}

function compile(pattern: string): { negate: boolean; alternatives: Segment[][] }[] {
  let source = pattern;
  let negate = false;
  while (source.startsWith('!')) {
    negate = !negate;
    source = source.slice(1);
  }
  while (source.startsWith('./')) source = source.slice(2);
  const alternatives = expandBraces(source).map((alternative) => splitSegments(alternative).map(toSegment));
  return [{ negate, alternatives }];
}

/** Splits at `/` outside a character class and not escaped. */
function splitSegments(pattern: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '/') {
      segments.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(pattern.slice(start));
  return segments;
}

function toSegment(source: string): Segment {
  if (source === '**') return 'globstar';
  const tokens: Token[] = [];
  let unclosed = false; // once a `[` has no `]`, none after it has one: not scanned again
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) tokens.push({ t: 'char', c: source[++i]! });
    else if (c === '*') {
      if (tokens.at(-1)?.t !== 'star') tokens.push({ t: 'star' });
    } else if (c === '?') tokens.push({ t: 'any' });
    else if (c === '[' && !unclosed) {
      const parsed = parseClass(source, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else {
        unclosed = true;
        tokens.push({ t: 'char', c });
      }
    } else tokens.push({ t: 'char', c });
  }
  return tokens;
}

/** `[…]` starting at `start`: the class and the index of its `]`, or undefined when it is not closed. */
function parseClass(source: string, start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negate = source[i] === '!' || source[i] === '^';
  if (negate) i++;
  const ranges: [string, string][] = [];
  let first = true;
  for (; i < source.length; i++) {
    let c = source[i]!;
    if (c === ']' && !first) return { token: { t: 'class', negate, ranges }, end: i };
    first = false;
    if (c === '\\' && i + 1 < source.length) c = source[++i]!;
    if (source[i + 1] === '-' && i + 2 < source.length && source[i + 2] !== ']') {
      let to = source[i + 2]!;
      i += 2;
      if (to === '\\' && i + 1 < source.length) to = source[++i]!;
      ranges.push([c, to]);
    } else ranges.push([c, c]);
  }
  return undefined;
}

/** `a{b,c{d,e}}` → `ab`, `acd`, `ace`; unbalanced or single-item braces stay as written. */
function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  const queue = [pattern];
  while (queue.length > 0) {
    const current = queue.shift()!;
    const group = firstGroup(current);
    if (!group || out.length + queue.length + group.parts.length > MAX_ALTERNATIVES) {
      out.push(current);
      continue;
    }
    for (const part of group.parts) queue.push(`${current.slice(0, group.start)}${part}${current.slice(group.end + 1)}`);
  }
  return out;
}

/** The first `{…}` holding a comma of its own (one pass): its bounds and its comma-separated parts. */
function firstGroup(pattern: string): { start: number; end: number; parts: string[] } | undefined {
  const open: { start: number; commas: number[] }[] = [];
  let best: { start: number; end: number; commas: number[] } | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') open.push({ start: i, commas: [] });
    else if (c === ',' && open.length > 0) open.at(-1)!.commas.push(i);
    else if (c === '}' && open.length > 0) {
      const group = open.pop()!;
      if (group.commas.length > 0 && (best === undefined || group.start < best.start)) best = { ...group, end: i };
    }
  }
  if (!best) return undefined;
  const bounds = [best.start, ...best.commas, best.end];
  return { start: best.start, end: best.end, parts: bounds.slice(1).map((end, k) => pattern.slice(bounds[k]! + 1, end)) };
}

function matchSegments(pattern: readonly Segment[], path: readonly string[]): boolean {
  return wildcardMatch(
    pattern,
    path,
    (segment) => segment === 'globstar',
    (segment, name) => segment !== 'globstar' && matchTokens(segment, name),
  );
}

function matchTokens(tokens: readonly Token[], text: string): boolean {
  return wildcardMatch(
    tokens,
    text,
    (token) => token.t === 'star',
    (token, c) => token.t !== 'star' && matchChar(token, c),
  );
}

/**
 * Wildcard matching at either level (segments of a path, characters of a segment) with one backtracking
 * point, the last star (`**` or `*`): every other item takes exactly one item of `text`, so this is exact
 * and O(pattern × text).
 */
function wildcardMatch<P, T>(pattern: readonly P[], text: ArrayLike<T>, isStar: (item: P) => boolean, matchOne: (item: P, t: T) => boolean): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < text.length) {
    const item = pattern[p];
    if (item !== undefined && isStar(item)) {
      starP = p++;
      starS = s;
    } else if (item !== undefined && matchOne(item, text[s]!)) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}

function matchChar(token: Exclude<Token, { t: 'star' }>, c: string): boolean {
  switch (token.t) {
    case 'char':
      return token.c === c;
    case 'any':
      return c !== '/';
    case 'class':
      return c !== '/' && token.negate !== token.ranges.some(([from, to]) => from <= c && c <= to);
  }
}
