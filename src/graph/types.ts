/**
 * The network topology of a run: what sends traffic where (Ingress or Gateway route → Service →
 * workload or external name), per namespace, with the references the rules found broken. Built from
 * the same ResourceIndex the rules read (src/graph/topology.ts) and drawn by the mermaid and html
 * formatters. Plain data: `JSON.stringify` gives `k8s-svc-lint graph --format json`.
 */
import type { Direction } from '../k8s/networkpolicy.js';

/**
 * `ingress`, `route`: where traffic enters; `service`; `workload`: what runs the pods; `external`: an
 * ExternalName target; `missing`: what a broken reference points at (from a rule's finding); `outside`:
 * a Service a reference names that the input does not hold (nothing can be said of it).
 */
export type NodeKind = 'ingress' | 'route' | 'service' | 'workload' | 'external' | 'missing' | 'outside';

/** The layer a node is drawn in: entry points, Services, what the Services send traffic to. */
export type Layer = 0 | 1 | 2;

/** A finding as the topology shows it: its rule, severity and message, and where it is. */
export interface TopologyFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface TopologyNode {
  /** Stable within a run: `Service/shop/web`, `missing/shop/…`. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly layer: Layer;
  readonly namespace: string;
  /** The object's name, an external host name, or (missing) what is missing, in words. */
  readonly name: string;
  /** `Service`, `Deployment`, `HTTPRoute`…; undefined for external and missing nodes. */
  readonly resourceKind: string | undefined;
  /** One short line: the Service type, `×3` replicas, the Ingress hosts, the rule id of a missing node. */
  readonly detail: string;
  /** Where the object is defined (its `metadata.name`); the file path as the results name it. */
  readonly source: { readonly file: string; readonly line: number } | undefined;
  /** Findings on the object (every definition of it), suppressed ones left out. */
  readonly findings: readonly TopologyFinding[];
}

/** `backend`: an Ingress or route backend; `selector`: a Service selecting a workload's pods; `externalName`: a DNS alias. */
export type EdgeKind = 'backend' | 'selector' | 'externalName';

export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Ports and paths: `/api → 80`, `80→http, 9090→metrics`. */
  readonly label: string;
  /** Set for a broken reference: the findings that make it one (the first is the one shown). `to` is then a missing node. */
  readonly broken: readonly TopologyFinding[] | undefined;
}

interface NamespaceIsolation {
  /** NetworkPolicies of the namespace in the input. */
  readonly policies: number;
  /** The directions a default-deny policy isolates (`podSelector: {}`, the direction in policyTypes, no rules). */
  readonly defaultDeny: readonly Direction[];
  /** The networkpolicy-default-deny finding for the namespace, if any. */
  readonly finding: TopologyFinding | undefined;
}

export interface TopologyNamespace {
  readonly name: string;
  readonly isolation: NamespaceIsolation;
}

export interface Topology {
  /** In input order; every namespace holding a node, or a Namespace object. */
  readonly namespaces: readonly TopologyNamespace[];
  /** In input order within each kind. */
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}
