import type { FieldPath } from '../api/types.js';
import { isListDocument } from '../source/lists.js';
import type { KustomizeLayout } from '../source/kustomize.js';
import type { SourceDocument, SourceFile } from '../source/types.js';
import { isClusterScoped, kindKey } from './kinds.js';
import type { KubeObject, Resource } from './types.js';

/**
 * The Kubernetes objects of the parsed files, in input order. Documents without a string
 * `apiVersion` and `kind` are not Kubernetes objects and are skipped, and so are kustomize patch
 * files; `kind: List` and typed lists
 * (`ConfigMapList`) contribute their items. The namespace is the one a kustomization gives the file
 * (`fileNamespaces`, by path),
 * else `metadata.namespace`, else `defaultNamespace`.
 */
export function collectResources(files: readonly SourceFile[], defaultNamespace: string, kustomize?: KustomizeLayout): Resource[] {
  const fileNamespaces = kustomize?.namespaces ?? new Map<string, string>();
  const resources: Resource[] = [];
  const add = (file: SourceFile, document: SourceDocument, object: KubeObject, basePath: FieldPath): void => {
    const apiVersion = object['apiVersion'] as string;
    const kind = kindKey(apiVersion, object['kind'] as string);
    const metadata = isObject(object['metadata']) ? object['metadata'] : {};
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    const declared = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
    const namespace = isClusterScoped(kind) ? '' : fileNamespaces.get(file.path) ?? declared ?? defaultNamespace;
    const applySets = kustomize?.applySets.get(file.path);
    resources.push({ order: resources.length, apiVersion, kind, name, namespace, object, file, document, basePath, ...(applySets ? { applySets } : {}) });
  };

  for (const file of files) {
    // A kustomize patch is part of another object, not an object of its own.
    if (kustomize?.patchFiles.has(file.path)) continue;
    for (const document of file.documents) {
      const object = document.value;
      if (!isTypedObject(object)) continue;
      if (isListDocument(object)) {
        object.items.forEach((item: unknown, i: number) => {
          if (isTypedObject(item)) add(file, document, item, ['items', i]);
        });
      } else {
        add(file, document, object, []);
      }
    }
  }
  return resources;
}

function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTypedObject(value: unknown): value is KubeObject {
  return isObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string' && value['kind'] !== '';
}
