// Import boundaries of DESIGN.md, checked by `npm run lint` (dependency-cruiser).
// The pipeline runs source → model → k8s → engine → format: each stage may import the ones before it,
// never the ones after. Paths are relative to the repository root.

// The part of src/k8s that depends on no model: the index (src/model/resource-index.ts) builds its
// label and pod-source views with it, so it sits below model (DESIGN gives label-selector matching and
// pod templates to both folders). The rest of src/k8s sits above model.
const K8S_CORE = '^src/k8s/(objects|selectors|label-index|pod-sources|dns)[.]ts$';
const YAML = '(^|/)node_modules/yaml/|^yaml$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included: shared types go to leaf modules.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-through-api',
      severity: 'error',
      comment:
        'A rule reads typed resources through src/api, src/k8s, src/util and src/model types, and the cluster ' +
        'models it wraps (src/apiserver, src/crd, src/policy): never the parser, the engine or the output.',
      from: { path: '^rules/' },
      to: {
        path: '^src/',
        pathNot: '^src/(api|k8s|util|model|apiserver|crd|policy)/',
      },
    },
    {
      name: 'rules-no-yaml',
      severity: 'error',
      comment: 'A rule never reads YAML: it reads typed resources, and the engine maps paths to positions.',
      from: { path: '^rules/' },
      to: { path: YAML },
    },
    {
      name: 'rules-model-types-only',
      severity: 'error',
      comment: 'A rule uses src/model for its types; the index it queries comes in the rule context.',
      from: { path: '^rules/' },
      to: { path: '^src/model/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'source-knows-no-later-stage',
      severity: 'error',
      comment: 'src/source reads and parses files; it knows nothing of resources, rules or output (rule API types aside).',
      from: { path: '^src/source/' },
      to: { path: '^(rules/|src/(?!source/|util/|api/))' },
    },
    {
      name: 'source-api-types-only',
      severity: 'error',
      comment: 'src/source takes fix operations and paths from the rule API as types only.',
      from: { path: '^src/source/' },
      to: { path: '^src/api/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'model-knows-no-later-stage',
      severity: 'error',
      comment: 'src/model knows nothing of rules, the engine or output.',
      from: { path: '^src/model/' },
      to: { path: '^(rules/|src/(engine|format|cli|lsp|action|graph|docs|config|policy|crd|apiserver|cel)/)' },
    },
    {
      name: 'model-uses-k8s-core-only',
      severity: 'error',
      comment: 'src/model may use the model-free core of src/k8s (K8S_CORE), nothing else of it.',
      from: { path: '^src/model/' },
      to: { path: '^src/k8s/', pathNot: K8S_CORE },
    },
    {
      name: 'k8s-core-is-model-free',
      severity: 'error',
      comment: 'The k8s core sits below src/model, so it imports only itself, src/util and the kind table (a leaf of data).',
      from: { path: K8S_CORE },
      to: { path: '^(rules/|src/(?!k8s/|util/|model/kinds\\.ts$))' },
    },
    {
      name: 'k8s-knows-no-later-stage',
      severity: 'error',
      comment: 'src/k8s holds domain helpers: no YAML, no source files, no engine, no output.',
      from: { path: '^src/k8s/' },
      to: { path: '^(rules/|src/(source|engine|format|cli|lsp|action|graph|docs|config)/)' },
    },
    {
      name: 'k8s-no-yaml',
      severity: 'error',
      from: { path: '^src/k8s/' },
      to: { path: YAML },
    },
    {
      name: 'engine-knows-no-single-rule',
      severity: 'error',
      comment: 'The engine runs whatever rules/index.ts lists; it never imports one rule.',
      from: { path: '^src/engine/' },
      to: { path: '^rules/', pathNot: '^rules/index[.]ts$' },
    },
    {
      name: 'engine-knows-no-output',
      severity: 'error',
      comment:
        'The engine comes before the formatters. format/sanitize.ts is exempt: plain text functions with no ' +
        'imports, which config and engine messages use to quote input safely.',
      from: { path: '^src/engine/' },
      to: { path: '^src/(format|cli|lsp|action|graph)/', pathNot: '^src/format/sanitize[.]ts$' },
    },
    {
      name: 'format-no-file-system',
      severity: 'error',
      comment: 'A formatter turns results into a string; it never touches the file system.',
      from: { path: '^src/format/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs(/promises)?$' },
    },
    {
      name: 'format-knows-no-front-end',
      severity: 'error',
      from: { path: '^src/format/' },
      to: { path: '^src/(cli|lsp|action)/' },
    },
    {
      name: 'util-is-a-leaf',
      severity: 'error',
      comment: 'src/util is shared by every stage, so it imports no other folder of the project.',
      from: { path: '^src/util/' },
      to: { path: '^(rules/|src/(?!util/))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
