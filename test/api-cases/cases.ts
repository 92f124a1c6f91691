import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One create request with the API server's verdict, independent of the fixtures of any one rule. */
export interface ApiCase {
  readonly verdict: 'reject' | 'accept';
  /** The comment above the document: the field the API server names, and why. */
  readonly title: string;
  readonly text: string;
}

/** Stands for an annotation value that takes the total over the API server's 256 KiB limit. */
const BIG_VALUE = 'BIGVALUE';

export function apiCases(): ApiCase[] {
  return (['reject', 'accept'] as const).flatMap((verdict) => {
    const text = readFileSync(join(import.meta.dirname, `${verdict}.yaml`), 'utf8');
    return text.split(/^---$/m).map((document) => {
      const titles = document.split('\n').filter((line) => line.startsWith('# '));
      return { verdict, title: titles.at(-1)!.slice(2), text: document.replace(BIG_VALUE, 'x'.repeat(256 * 1024 + 1)) };
    });
  });
}
