import type { Formatter } from './types.js';

/** ESLint's `LintResult[]`, as `eslint --format json` prints it. */
export const json: Formatter = (results) => JSON.stringify(results);
