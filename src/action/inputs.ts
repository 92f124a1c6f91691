/**
 * An input of the action, as the runner passes it to a JavaScript action: `INPUT_<NAME>`, the name
 * upper-cased with spaces as underscores and hyphens kept (`fail-on` → `INPUT_FAIL-ON`), as the
 * Actions toolkit's `getInput` reads it. `INPUT_FAIL_ON` (the form shells can set) is read too.
 */
export function input(env: NodeJS.ProcessEnv, name: string): string {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim();
}
