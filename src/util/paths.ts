import { relative, sep } from 'node:path';

/** A path as shown to users: relative to cwd when inside it, with forward slashes; `<stdin>` as is. */
export function displayPath(cwd: string, path: string): string {
  if (path.startsWith('<')) return path;
  const rel = relative(cwd, path);
  const shown = rel === '' || rel.startsWith('..') ? path : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}
