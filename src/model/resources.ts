import type { FieldPath } from '../util/field-path.js';
import { isObject } from '../util/objects.js';
import { isListDocument } from '../source/lists.js';
import type { KustomizeLayout } from '../source/kustomize.js';
import type { SourceDocument, SourceFile } from '../source/types.js';
import { isClusterScoped, kindKey } from './kinds.js';
import type { KubeObject, Resource } from './types.js';

/**
 * The Kubernetes objects of the parsed files, in input order. Documents without a string
 * `apiVersion` and `kind` are not Kubernetes objects and are skipped, and so are kustomize patch
 * files; `kind: List` and typed lists (`ConfigMapList`) contribute their items. The namespace is the
 * one a kustomization gives the file, else `metadata.namespace`, else `defaultNamespace`; a file
 * that kustomizations build in several namespaces (a base of two overlays) gives one object per
 * namespace, all but the first marked as copies.
 */
export function collectResources(files: readonly SourceFile[], defaultNamespace: string, kustomize?: KustomizeLayout): Resource[] {
  const resources: Resource[] = [];
  const add = (file: SourceFile, document: SourceDocument, object: KubeObject, basePath: FieldPath): void => {
    const apiVersion = object['apiVersion'] as string;
    const kind = kindKey(apiVersion, object['kind'] as string);
    const metadata = isObject(object['metadata']) ? object['metadata'] : {};
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    const declared = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
    const base = { apiVersion, kind, name, object, file, document, basePath };
    const placements = kustomize?.placements.get(file.path);
    if (!placements) {
      resources.push({ ...base, order: resources.length, namespace: isClusterScoped(kind) ? '' : (declared ?? defaultNamespace) });
      return;
    }
    if (isClusterScoped(kind)) {
      const applySets = new Set(placements.flatMap((p) => [...p.applySets]));
      resources.push({ ...base, order: resources.length, namespace: '', applySets });
      return;
    }
    // One object per namespace the kustomizations build it in; the first is the one checked.
    placements.forEach((placement, i) => {
      const namespace = placement.namespace ?? declared ?? defaultNamespace;
      resources.push({ ...base, order: resources.length, namespace, applySets: placement.applySets, ...(i > 0 ? { copy: true } : {}) });
    });
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

function isTypedObject(value: unknown): value is KubeObject {
  return isObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string' && value['kind'] !== '';
}
