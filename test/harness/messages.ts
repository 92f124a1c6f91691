/**
 * The words of every message the invalid fixtures give, one JSON file per rule
 * (`test/messages/<rule-id>.json`: case name → `line:column message`, in position order). Fixtures
 * state message ids and positions; these files pin what the user reads, so a changed "did you mean"
 * or a lost value fails a test. After a deliberate change of wording, rewrite them with
 * `UPDATE_MESSAGES=1 npx vitest run test/rules.test.ts` and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'messages');
const UPDATE = process.env['UPDATE_MESSAGES'] === '1';

export interface ExpectedMessages {
  readonly path: string;
  /** The expected texts of a case; when updating, `found` becomes the expectation. */
  of(caseName: string, found: readonly string[]): readonly string[] | undefined;
}

export function expectedMessages(ruleId: string): ExpectedMessages {
  const path = join(FOLDER, `${ruleId}.json`);
  const stored = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[]>) : {};
  return {
    path: `test/messages/${ruleId}.json`,
    of(caseName, found) {
      if (!UPDATE) return stored[caseName];
      stored[caseName] = [...found];
      mkdirSync(FOLDER, { recursive: true });
      const sorted = Object.fromEntries(
        Object.keys(stored)
          .sort()
          .map((name) => [name, stored[name]]),
      );
      writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
      return found;
    },
  };
}
