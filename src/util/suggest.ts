/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate the user most likely meant: a case-insensitive match first, then the nearest by
 * edit distance within a third of the word's length (at least 2). Undefined when nothing is close.
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const lower = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(value.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A likely typo of `value` among names (Service, Secret, Gateway names): closestMatch, but at most two
 * edits away, so `api-service` does not suggest the unrelated `my-service`.
 */
export function closestTypo(value: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(value, candidates);
  return match !== undefined && editDistance(value.toLowerCase(), match.toLowerCase()) <= 2 ? match : undefined;
}
