import type { FieldPath } from '../util/field-path.js';

/** A field path as users read it: `spec.ports[0].nodePort`, `metadata.annotations["example.com/key"]`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(document root)' : text;
}
