// Mutation testing of the rules, the shared Kubernetes helpers and the block locator: `npm run mutate`
// (not part of `npm test`).
// While working on one rule: `npm run mutate -- --mutate rules/<id>.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/stryker/vitest.config.ts' },
  mutate: ['rules/**/*.ts', 'src/k8s/**/*.ts', 'src/source/block-locator.ts', 'src/source/scanned-edits.ts', '!rules/index.ts'],
  coverageAnalysis: 'perTest',
  // A mutant in module-level code (rule metadata: message text, option schemas) would need every suite
  // re-run with fresh modules; message text is pinned by the generated docs check instead.
  ignoreStatic: true,
  // The machine is shared: two workers, and `npm run mutate` runs under `nice`.
  concurrency: 2,
  timeoutMS: 10_000,
  // Results of the last run, reused for mutants whose code and covering tests did not change. A local
  // cache (git-ignored under reports/): it changes with every edit to a rule or a fixture, so a committed
  // copy would conflict on every merge; `--force` re-runs everything.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // (bench/ stays: the block locator's suites read its generated corpus.)
  ignorePatterns: ['dist', 'coverage', 'reports', 'action/dist', 'editors'],
  thresholds: { high: 90, low: 80, break: null },
};
