/**
 * The AWS Load Balancer Controller's view of an Ingress: whether it handles it, its IngressClassParams,
 * its listen ports and certificate sources, and its IngressGroup (grouped once per run through the
 * index view). Mirrors pkg/ingress (class_loader.go, group_loader.go, model_build_listener.go).
 */
import type { Resource, ResourceIndex } from '../../model/types.js';
import { ingressClassOf, ingressHosts } from '../ingress.js';
import { annotationEntries, annotationValue } from '../metadata.js';
import { isObject, valueAt, type PlainObject } from '../objects.js';
import { ALB_PREFIX, awsCatalogue } from './catalogue.js';
import { parseGoBool, parseJson, splitList } from './parse.js';
import { view } from '../../model/views.js';

export const LISTEN_PORTS = `${ALB_PREFIX}listen-ports`;
const CERTIFICATE_ARN = `${ALB_PREFIX}certificate-arn`;
const CREATE_ACM_CERT = `${ALB_PREFIX}create-acm-cert`;
export const SSL_REDIRECT = `${ALB_PREFIX}ssl-redirect`;
const GROUP_NAME = `${ALB_PREFIX}group.name`;
const TARGET_TYPE = `${ALB_PREFIX}target-type`;

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/**
 * Whether the AWS Load Balancer Controller handles this Ingress: its class (annotation `alb`, or an
 * IngressClass of the input whose controller is `ingress.k8s.aws/alb`, or one named `alb` when the
 * IngressClass is not in the input), the input's default IngressClass when it names none, and
 * otherwise the presence of `alb.ingress.kubernetes.io/*` annotations.
 */
export function isAlbIngress(ingress: Resource, index: ResourceIndex): boolean {
  const { ingressClass, ingressController } = awsCatalogue().defaults;
  const hasAlbAnnotations = annotationEntries(ingress.object).some((a) => a.key.startsWith(ALB_PREFIX));
  const cls = ingressClassOf(ingress.object);
  if (cls?.from === 'annotation') return cls.name === ingressClass || hasAlbAnnotations;
  if (cls?.from === 'field') {
    const known = index.find('IngressClass', '', cls.name);
    if (known) return valueAt(known.object, ['spec', 'controller']) === ingressController;
    return cls.name === ingressClass || hasAlbAnnotations;
  }
  const defaults = index.ofKind('IngressClass').filter((c) => annotationValue(c.object, DEFAULT_CLASS_ANNOTATION) === 'true');
  if (defaults.length === 1) return valueAt(defaults[0]!.object, ['spec', 'controller']) === ingressController;
  return hasAlbAnnotations;
}

/**
 * The IngressClassParams of the Ingress's class: the object's spec when the input holds it, `unknown`
 * when the IngressClass names parameters the input does not hold (its overrides cannot be known),
 * undefined when there are none.
 */
export function ingressClassParams(ingress: Resource, index: ResourceIndex): PlainObject | 'unknown' | undefined {
  const cls = ingressClassOf(ingress.object);
  if (cls?.from !== 'field') return undefined;
  const ingressClass = index.find('IngressClass', '', cls.name);
  if (!ingressClass) return undefined;
  const parameters = valueAt(ingressClass.object, ['spec', 'parameters']);
  if (!isObject(parameters)) return undefined;
  if (parameters['kind'] !== 'IngressClassParams') return 'unknown';
  const params = index.ofKind(awsCatalogue().defaults.ingressClassParamsKind).find((p) => p.name === parameters['name']);
  if (!params) return 'unknown';
  const spec = params.object['spec'];
  return isObject(spec) ? spec : {};
}

/** One `{"PROTOCOL": port}` pair of `listen-ports`, as written. */
interface ListenPortEntry {
  readonly protocol: string;
  readonly port: unknown;
  /** The entry's index in the array. */
  readonly index: number;
}

export type ListenPorts =
  /** Parsed from the annotation (entries as written; `ports` holds the valid HTTP/HTTPS ones). */
  | { readonly source: 'annotation'; readonly entries: readonly ListenPortEntry[]; readonly ports: ReadonlyMap<number, 'HTTP' | 'HTTPS'> }
  /** The controller's default: HTTPS 443 with a certificate, else HTTP 80. */
  | { readonly source: 'default'; readonly entries: readonly ListenPortEntry[]; readonly ports: ReadonlyMap<number, 'HTTP' | 'HTTPS'> }
  /** The annotation is not a JSON array of objects (aws-annotation-value reports it). */
  | { readonly source: 'invalid' };

export function listenPorts(ingress: Resource, params: PlainObject | 'unknown' | undefined): ListenPorts {
  const raw = annotationValue(ingress.object, LISTEN_PORTS);
  if (raw === undefined) {
    const tls = explicitCertificates(ingress, params) || parseGoBool(annotationValue(ingress.object, CREATE_ACM_CERT) ?? '') === true;
    return { source: 'default', entries: [], ports: new Map([[tls ? 443 : 80, tls ? 'HTTPS' : 'HTTP']]) };
  }
  const parsed = parseJson(raw);
  if (!parsed.ok || !Array.isArray(parsed.value)) return { source: 'invalid' };
  const entries: ListenPortEntry[] = [];
  const ports = new Map<number, 'HTTP' | 'HTTPS'>();
  parsed.value.forEach((item: unknown, i) => {
    if (!isObject(item)) return;
    for (const [protocol, port] of Object.entries(item)) {
      const entry = { protocol, port, index: i };
      entries.push(entry);
      if (isValidListenPort(entry)) ports.set(entry.port, entry.protocol);
    }
  });
  return { source: 'annotation', entries, ports };
}

/** An entry the controller accepts: protocol exactly HTTP or HTTPS, a JSON number 1-65535. */
function isValidListenPort(entry: ListenPortEntry): entry is ListenPortEntry & { protocol: 'HTTP' | 'HTTPS'; port: number } {
  const { protocol, port } = entry;
  return (protocol === 'HTTP' || protocol === 'HTTPS') && typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** A certificate ARN from the annotation or the IngressClassParams (`unknown` params count as one: they may hold it). */
function explicitCertificates(ingress: Resource, params: PlainObject | 'unknown' | undefined): boolean {
  if (params === 'unknown') return true;
  const fromParams = params?.['certificateArn'];
  if (Array.isArray(fromParams) && fromParams.length > 0) return true;
  return splitList(annotationValue(ingress.object, CERTIFICATE_ARN) ?? '').length > 0;
}

/**
 * Whether HTTPS listeners of this Ingress get a certificate: an explicit ARN, `create-acm-cert`, or a
 * host in the rules or TLS section that ACM discovery can match.
 */
export function hasCertificateSource(ingress: Resource, params: PlainObject | 'unknown' | undefined): boolean {
  if (explicitCertificates(ingress, params)) return true;
  if (parseGoBool(annotationValue(ingress.object, CREATE_ACM_CERT) ?? '') === true) return true;
  return ingressHosts(ingress.object).length > 0;
}

/** An IngressGroup: the Ingresses that share one ALB. */
export interface AlbGroup {
  /** The explicit group name, or undefined for the implicit group of one Ingress. */
  readonly name: string | undefined;
  readonly members: readonly Resource[];
}

/** The group of an ALB Ingress (explicit `group.name`, possibly from IngressClassParams), computed once per run. */
export function albGroupOf(ingress: Resource, index: ResourceIndex): AlbGroup {
  const groups = albGroups(index);
  const name = groupName(ingress, index);
  if (name === undefined) return { name: undefined, members: [ingress] };
  return { name, members: groups.get(name) ?? [ingress] };
}

/** Every explicit IngressGroup of the input's ALB Ingresses, by name, members in input order. */
export function albGroups(index: ResourceIndex): ReadonlyMap<string, readonly Resource[]> {
  return index.view(AWS_ALB_GROUPS);
}

const AWS_ALB_GROUPS = view('aws alb groups', buildGroups);

/** The listeners of a group: each port with the protocols its members give it. */
export interface GroupListeners {
  readonly ports: ReadonlyMap<number, ReadonlySet<'HTTP' | 'HTTPS'>>;
  /** False when a member's listen-ports is one the controller rejects (the listeners cannot be known). */
  readonly complete: boolean;
}

/** The listeners of an Ingress's group (just its own for an implicit group); groups are computed once per run. */
export function groupListeners(ingress: Resource, index: ResourceIndex): GroupListeners {
  const group = albGroupOf(ingress, index);
  if (group.name === undefined) return listenersOf([ingress], index);
  const byGroup = index.view(AWS_ALB_GROUP_LISTENERS);
  return byGroup.get(group.name) ?? listenersOf([ingress], index);
}

const AWS_ALB_GROUP_LISTENERS = view('aws alb group listeners', (idx) => {
  const map = new Map<string, GroupListeners>();
  for (const [name, members] of albGroups(idx)) map.set(name, listenersOf(members, idx));
  return map;
});

function listenersOf(members: readonly Resource[], index: ResourceIndex): GroupListeners {
  const ports = new Map<number, Set<'HTTP' | 'HTTPS'>>();
  let complete = true;
  for (const member of members) {
    const memberPorts = listenPorts(member, ingressClassParams(member, index));
    if (memberPorts.source === 'invalid' || !memberPorts.entries.every(isValidListenPort)) {
      complete = false;
      continue;
    }
    for (const [port, protocol] of memberPorts.ports) {
      const set = ports.get(port);
      if (set) set.add(protocol);
      else ports.set(port, new Set([protocol]));
    }
  }
  return { ports, complete };
}

function buildGroups(index: ResourceIndex): Map<string, Resource[]> {
  const groups = new Map<string, Resource[]>();
  for (const ingress of index.ofKind('Ingress')) {
    if (!isAlbIngress(ingress, index)) continue;
    const name = groupName(ingress, index);
    if (name === undefined) continue;
    const members = groups.get(name);
    if (members) members.push(ingress);
    else groups.set(name, [ingress]);
  }
  return groups;
}

function groupName(ingress: Resource, index: ResourceIndex): string | undefined {
  const params = ingressClassParams(ingress, index);
  if (isObject(params)) {
    const fromParams = valueAt(params, ['group', 'name']);
    if (typeof fromParams === 'string' && fromParams !== '') return fromParams;
  }
  const name = annotationValue(ingress.object, GROUP_NAME);
  return name === undefined || name === '' ? undefined : name;
}

/**
 * The ALB target type of one backend Service of an ALB Ingress, and where it comes from: the
 * IngressClassParams spec.targetType, else the Service's annotation, else the Ingress's, else the
 * controller's default (pkg/ingress/model_build_target_group.go, buildTargetGroupTargetType).
 * `unknown` when the class names IngressClassParams the input does not hold.
 */
export function albTargetType(
  ingress: Resource,
  service: Resource,
  index: ResourceIndex,
  defaultTargetType: string = 'instance',
): { readonly targetType: string; readonly source: string } | 'unknown' {
  const params = ingressClassParams(ingress, index);
  if (params === 'unknown') return 'unknown';
  const fromParams = typeof params?.['targetType'] === 'string' && params['targetType'] !== '' ? params['targetType'] : undefined;
  if (fromParams !== undefined) return { targetType: fromParams, source: 'from the IngressClassParams spec.targetType' };
  const onService = annotationValue(service.object, TARGET_TYPE);
  if (onService !== undefined) return { targetType: onService, source: "from the Service's target-type annotation" };
  const onIngress = annotationValue(ingress.object, TARGET_TYPE);
  if (onIngress !== undefined) return { targetType: onIngress, source: "from the Ingress's target-type annotation" };
  return { targetType: defaultTargetType, source: 'the default, as no target-type annotation is set' };
}
