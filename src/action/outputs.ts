import { appendFileSync } from 'node:fs';

/**
 * Sets the step's outputs (`steps.<id>.outputs.<name>`): appended to the file GITHUB_OUTPUT names,
 * one `name=value` line each (the values here are single-line). Nothing when not run by a runner.
 */
export function setOutputs(env: NodeJS.ProcessEnv, outputs: Readonly<Record<string, string | number>>): void {
  const file = env['GITHUB_OUTPUT'];
  if (!file) return;
  appendFileSync(
    file,
    Object.entries(outputs)
      .map(([name, value]) => `${name}=${String(value).replace(/[\r\n]+/g, ' ')}\n`)
      .join(''),
  );
}
