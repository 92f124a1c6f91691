import { defineConfig } from 'vitest/config';

// The suites Stryker runs against each mutant: the ones that state what the rules and the shared
// helpers do (the rule fixtures, the AWS catalogue and parser tests, the src/k8s helper tests, the block
// locator's and scanned edits' comparisons with the parser and the editor), in this
// process, so they load the mutated rules/ and src/k8s/. A mutant counts as killed when one of them
// fails, not when a golden text elsewhere changes. Left out: suites that spawn the built CLI (they see
// dist/, never a mutant) and the whole-input suites (README sample, graph, seeds, the docs check, the
// scale and property tests), which run every rule on every input and would be re-run for nearly every
// mutant. `npm test` still runs them all.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/rules.test.ts', 'test/aws-catalogue.test.ts', 'test/k8s-*.test.ts', 'test/block-locator.test.ts', 'test/scanned-edits.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/setup/private-tmp.ts'],
  },
});
