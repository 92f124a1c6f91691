import type { SeverityOrOff } from '../api/types.js';
import { closestMatch } from '../util/suggest.js';

/** The words users bring from ESLint and other tools, for `off | warn | error`. */
const SEVERITY_WORDS: Readonly<Record<string, SeverityOrOff>> = {
  off: 'off',
  warn: 'warn',
  error: 'error',
  warning: 'warn',
  '0': 'off',
  '1': 'warn',
  '2': 'error',
};

/** `warning` → `warn`, `2` → `error`; undefined for anything else. */
export function parseSeverity(value: string | number): SeverityOrOff | undefined {
  return Object.hasOwn(SEVERITY_WORDS, String(value)) ? SEVERITY_WORDS[String(value)] : undefined;
}

/** What a wrong severity probably meant (`err` → `error`, `Warning` → `warn`), as a `; did you mean` hint. */
export function severityHint(value: string): string {
  const lower = value.toLowerCase();
  const exact = parseSeverity(lower);
  const match = exact ?? closestMatch(value, ['off', 'warn', 'error', 'warning']);
  return match === undefined ? '' : `; did you mean "${parseSeverity(match) ?? match}"?`;
}
