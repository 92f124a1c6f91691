/**
 * IngressGroup conflicts: Ingresses of one `group.name` share an ALB, and where they disagree on an
 * annotation the controller cannot merge, it stops reconciling the whole group ("conflicting ...").
 * Computed once per run (an index view), linear in the annotations of the group members.
 */
import type { FieldPath } from '../../util/field-path.js';
import type { Resource, ResourceIndex } from '../../model/types.js';
import { annotationEntries } from '../metadata.js';
import { albGroups, ingressClassParams, LISTEN_PORTS, listenPorts } from './alb.js';
import { awsCatalogue, type AnnotationEntry } from './catalogue.js';
import { parseGoBool, parseGoInt, parseStringMap, splitList } from './parse.js';
import { view } from '../../model/views.js';

export interface GroupConflict {
  readonly group: string;
  /** The annotation in conflict, where this Ingress writes it. */
  readonly key: string;
  readonly path: FieldPath;
  readonly kind: 'value' | 'mapKey' | 'port' | 'protocol';
  /** The map key (`idle_timeout.timeout_seconds`) or listen port the conflict is about. */
  readonly detail: string | undefined;
  readonly value: string;
  /** The other Ingresses of the group and their differing values. */
  readonly others: readonly { readonly ingress: Resource; readonly value: string }[];
}

/** The conflicts of every ALB Ingress of the input, by Ingress. */
export function albGroupConflicts(index: ResourceIndex): ReadonlyMap<Resource, readonly GroupConflict[]> {
  return index.view(AWS_ALB_GROUP_CONFLICTS);
}

const AWS_ALB_GROUP_CONFLICTS = view('aws alb group conflicts', build);

interface Claim {
  readonly ingress: Resource;
  readonly value: string;
  readonly path: FieldPath;
}

function build(index: ResourceIndex): Map<Resource, GroupConflict[]> {
  const catalogue = awsCatalogue();
  const result = new Map<Resource, GroupConflict[]>();
  const add = (conflict: GroupConflict, ingress: Resource): void => {
    const list = result.get(ingress);
    if (list) list.push(conflict);
    else result.set(ingress, [conflict]);
  };
  /** Claims on one thing (key, map key, port) that disagree: every claimant gets a conflict naming the others. */
  const settle = (group: string, key: string, kind: GroupConflict['kind'], detail: string | undefined, claims: readonly Claim[]): void => {
    if (new Set(claims.map((c) => c.value)).size < 2) return;
    for (const claim of claims) {
      const others = claims.filter((c) => c.ingress !== claim.ingress && c.value !== claim.value).map((c) => ({ ingress: c.ingress, value: c.value }));
      add({ group, key, path: claim.path, kind, detail, value: claim.value, others }, claim.ingress);
    }
  };

  for (const [group, members] of albGroups(index)) {
    if (members.length < 2) continue;
    const byThing = new Map<string, { key: string; kind: GroupConflict['kind']; detail: string | undefined; claims: Claim[] }>();
    const claim = (thing: string, key: string, kind: GroupConflict['kind'], detail: string | undefined, c: Claim): void => {
      const slot = byThing.get(thing);
      if (slot) {
        // One Ingress claims once per thing (a later duplicate key in one object cannot happen in YAML maps).
        if (!slot.claims.some((x) => x.ingress === c.ingress)) slot.claims.push(c);
      } else byThing.set(thing, { key, kind, detail, claims: [c] });
    };

    const portsOf = new Map<Resource, ReturnType<typeof listenPorts>>();
    for (const ingress of members) portsOf.set(ingress, listenPorts(ingress, ingressClassParams(ingress, index)));

    for (const ingress of members) {
      const ports = portsOf.get(ingress)!;
      if (ports.source !== 'invalid') {
        for (const [port, protocol] of ports.ports) {
          claim(`protocol\u0000${port}`, LISTEN_PORTS, 'protocol', String(port), { ingress, value: protocol, path: ['metadata', 'annotations', LISTEN_PORTS] });
        }
      }
      for (const { key, value, path } of annotationEntries(ingress.object)) {
        if (typeof value !== 'string') continue;
        const entry = catalogue.lookup(key);
        if (!entry) continue;
        const mapLike = entry.value.type === 'stringMap';
        if (entry.perListenPort) {
          if (ports.source === 'invalid') continue;
          for (const [port, protocol] of ports.ports) {
            if (key.endsWith('/ssl-policy') && protocol !== 'HTTPS') continue;
            claim(`port\u0000${key}\u0000${port}`, key, 'port', String(port), { ingress, value: normalized(entry, value), path });
          }
        } else if (mapLike && (entry.groupMerge === 'exclusive' || entry.groupMerge === 'merge')) {
          for (const pair of parseStringMap(value).pairs) {
            claim(`map\u0000${key}\u0000${pair.key}`, key, 'mapKey', pair.key, { ingress, value: pair.value, path });
          }
        } else if (entry.groupMerge === 'exclusive') {
          claim(`value\u0000${key}`, key, 'value', undefined, { ingress, value: normalized(entry, value), path });
        }
      }
    }
    for (const { key, kind, detail, claims } of byThing.values()) settle(group, key, kind, detail, claims);
  }
  return result;
}

/** The value as the controller compares it: parsed booleans and integers, trimmed lists (sorted where order is ignored). */
function normalized(entry: AnnotationEntry, raw: string): string {
  switch (entry.value.type) {
    case 'boolean': {
      const parsed = parseGoBool(raw);
      return parsed === undefined ? raw : String(parsed);
    }
    case 'integer': {
      const parsed = parseGoInt(raw, entry.value.bits ?? 32);
      return parsed.ok ? String(parsed.value) : raw;
    }
    case 'stringList': {
      const items = splitList(raw);
      if (entry.groupCompare === 'set' || entry.perListenPort) items.sort();
      return items.join(',');
    }
    default:
      return raw;
  }
}
