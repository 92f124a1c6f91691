import { isAbsolute, relative, sep } from 'node:path';

/** A path as shown to users: relative to cwd when inside it, with forward slashes; `<stdin>` as is. */
export function displayPath(cwd: string, path: string): string {
  if (path.startsWith('<')) return path;
  const rel = relative(cwd, path);
  const shown = rel === '' || isOutside(rel) ? path : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** Whether a path relative to a folder (`relative(dir, path)`) leads out of it; `..x.yaml` is inside. */
export function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
