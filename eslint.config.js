// ESLint for the project's own code: typescript-eslint with type information, and eslint-config-prettier
// last so that no style rule disagrees with the formatter. `npm run lint` runs it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'action/dist/', 'fixtures/', 'examples/', 'policies/', 'docs/', '.stryker-tmp/', 'reports/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: './tsconfig.eslint.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        // A switch with a `default` has decided what the other cases do; one without must name them all.
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        // `_` names a value left out on purpose (a destructured field dropped, an unused parameter).
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Noise here: String(value) prints values the code has narrowed at run time (decoded YAML, CEL
      // values) for messages; the checker sees only `unknown`.
      '@typescript-eslint/no-base-to-string': 'off',
      // Noise here: the sanitizers and the CEL string library match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON output and JSON-RPC messages, mock objects and spy on methods:
    // the unsafe-any family is noise there.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Test doubles implement async interfaces with synchronous bodies.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (bin, bundling scripts, config files): no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      parserOptions: { project: false, program: null, projectService: false },
      globals: { ...globals.node },
    },
  },
  {
    // The HTML report's browser script (type-checked against the DOM by src/format/html/tsconfig.json).
    files: ['src/format/html/report.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // CommonJS: the VS Code extension and the dependency-cruiser config.
    files: ['**/*.cjs', 'editors/vscode/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
