import { defineConfig } from 'vitest/config';

// The suites Stryker runs against each mutant: those that lint in this process, so they load the
// mutated rules/ and src/k8s/. Suites that spawn the built CLI (dist/) cannot see a mutant, and the
// scale suites count work over a large corpus (slow under instrumentation, and they judge cost, not
// findings), so they are left out; `npm test` still runs them all.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: [
      'test/rules.test.ts',
      'test/catalogue.test.ts',
      'test/rules-property.test.ts',
      'test/api-cases.test.ts',
      'test/apiserver.test.ts',
      'test/aws-catalogue.test.ts',
      'test/graph.test.ts',
      'test/policy.test.ts',
      'test/positions.test.ts',
      'test/readme.test.ts',
      'test/seeds.test.ts',
      'test/suppress.test.ts',
      'test/k8s-*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
