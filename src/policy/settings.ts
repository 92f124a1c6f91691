import type { Labels } from '../k8s/selectors.js';
import type { Binding, Policy } from './model.js';

/** What config gives the policy checker. */
export interface PolicySettings {
  /** The short-form policies of config `policies:`, compiled. */
  readonly policies: readonly { readonly policy: Policy; readonly binding: Binding }[];
  /** Labels of namespaces the input holds no Namespace object for (config `namespaces:`). */
  readonly namespaces: Readonly<Record<string, Labels>>;
}
