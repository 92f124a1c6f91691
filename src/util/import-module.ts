type Importer = (specifier: string) => Promise<unknown>;

let lent: Importer | undefined;

/**
 * `import(specifier)`, for modules found at run time: the validators of less common kinds and ESLint
 * formatter packages. The bundled command line runs as a compiled script, which has no `import()` of
 * its own (src/cli/start-bundle.ts); its launcher lends it one with `lendImport`.
 */
export function importModule(specifier: string): Promise<unknown> {
  return lent ? lent(specifier) : import(specifier);
}

export function lendImport(importer: Importer): void {
  lent = importer;
}
