/** Kubernetes' name and format validators (k8s.io/apimachinery/pkg/util/validation), as predicates. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters: Service port names, StatefulSet names. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** Labels joined by dots, at most 253 characters: ExternalName hosts, Ingress names. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every((label) => label.length > 0 && DNS1123_LABEL.test(label) && label.length <= 63);
}

/** `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters: Service names. */
function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

/**
 * Why a string is not an IANA service name (a container or target port name), or undefined when it is
 * one: at most 15 characters of `[-a-z0-9]`, at least one letter, no `--`, no leading or trailing `-`.
 */
export function ianaServiceNameProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(value)) return 'must contain only lower-case letters, digits and hyphens';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z)';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** `[prefix/]name` where prefix is a DNS subdomain and name is at most 63 characters: appProtocol, loadBalancerClass. */
export function isQualifiedName(value: string): boolean {
  return qualifiedNameProblem(value) === undefined;
}

/** Why a string is not a qualified name (`[prefix/]name`), in words, or undefined when it is one. */
export function qualifiedNameProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return 'is a URL';
  const parts = value.split('/');
  if (parts.length > 2) return `has ${parts.length - 1} '/'; only one may separate the prefix from the name`;
  const name = parts.at(-1)!;
  if (parts.length === 2) {
    if (parts[0] === '') return "has nothing before the '/'; the prefix must be a DNS subdomain";
    const prefixProblem = dns1123SubdomainProblem(parts[0]!);
    if (prefixProblem !== undefined) return `has the prefix "${parts[0]!}", which ${prefixProblem}`;
  }
  if (name === '') return 'has an empty name after the prefix';
  if (name.length > 63) return `has a name of ${name.length} characters (at most 63 are allowed)`;
  if (/[^A-Za-z0-9._-]/.test(name)) return "has a name with characters other than letters, digits, '-', '_' and '.'";
  if (!QUALIFIED_NAME_PART.test(name)) return 'has a name that does not start and end with a letter or digit';
  return undefined;
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(value: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(value) || !value.includes(':')) return false;
  const [head, tail, ...rest] = value.split('::');
  if (rest.length > 0) return false;
  const groups = (part: string | undefined): string[] => (part === undefined || part === '' ? [] : part.split(':'));
  const all = [...groups(head), ...groups(tail)];
  const last = all.at(-1);
  const ipv4Tail = last !== undefined && last.includes('.') ? (isIPv4(last) ? 1 : -1) : 0;
  if (ipv4Tail < 0) return false;
  const hexGroups = ipv4Tail ? all.slice(0, -1) : all;
  if (!hexGroups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + ipv4Tail * 2;
  return tail === undefined ? count === 8 : count < 8;
}

export function isIP(value: string): boolean {
  return isIPv4(value) || isIPv6(value);
}

/**
 * A form of address that Go's sloppy parser reads but the API server's strict IP validation
 * (StrictIPCIDRValidation, on in current releases) refuses in legacy fields such as externalIPs:
 * IPv4 parts with leading zeros (`010.1.1.1`, which other software may read as octal) or an
 * IPv4-mapped IPv6 address (`::ffff:10.1.1.1`). `address` is the plain IPv4 form to write instead.
 */
export function nonStandardIP(value: string): { readonly problem: 'leading zeros' | 'IPv4-mapped'; readonly address: string } | undefined {
  if (isIPv4(value)) return undefined;
  const address = goIP(value);
  if (address?.family !== 4) return undefined;
  return { problem: isSloppyIPv4(value) ? 'leading zeros' : 'IPv4-mapped', address: ipv4Text(address.bits) };
}

/** The ranges the API server's ValidateNonSpecialIP refuses for externalIPs and endpoint addresses. */
export type SpecialIPRange = 'unspecified' | 'loopback' | 'link-local' | 'link-local multicast';

/**
 * The special range an IP address (sloppy forms included) lies in, as Go's `net.IP` methods decide
 * it, or undefined for any other address and for a value that is not an IP.
 */
export function specialIPRange(value: string): SpecialIPRange | undefined {
  const address = goIP(value);
  if (address === undefined) return undefined;
  const { family, bits } = address;
  if (bits === 0n) return 'unspecified';
  if (family === 4) {
    if (bits >> 24n === 127n) return 'loopback';
    if (bits >> 16n === 0xa9fen) return 'link-local';
    if (bits >> 8n === 0xe00000n) return 'link-local multicast';
    return undefined;
  }
  if (bits === 1n) return 'loopback';
  if (bits >> 118n === 0x3fan) return 'link-local';
  // ff02::/16 and every other multicast scope nibble of 2 (Go's IsLinkLocalMulticast).
  if (bits >> 120n === 0xffn && ((bits >> 112n) & 0xfn) === 2n) return 'link-local multicast';
  return undefined;
}

/** An address as Go's `net.IP` sees it: an IPv4-mapped IPv6 address is IPv4; sloppy IPv4 forms are read. */
function goIP(value: string): { readonly family: 4 | 6; readonly bits: bigint } | undefined {
  const v6 = ipv6Bits(value);
  if (v6 !== undefined) return v6 >> 32n === 0xffffn ? { family: 4, bits: v6 & 0xffffffffn } : { family: 6, bits: v6 };
  const v4 = isSloppyIPv4(value) ? ipv4Bits(value) : undefined;
  return v4 === undefined ? undefined : { family: 4, bits: v4 };
}

export interface Cidr {
  readonly family: 4 | 6;
  readonly prefix: number;
}

/** Go `net.ParseCIDR`: an IPv4 or IPv6 address, `/`, and a prefix length within the family's bits. */
export function parseCidr(raw: string): Cidr | undefined {
  const slash = raw.indexOf('/');
  if (slash < 0) return undefined;
  const address = raw.slice(0, slash);
  const length = raw.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(length)) return undefined;
  const prefix = Number(length);
  if (isIPv4(address)) return prefix <= 32 ? { family: 4, prefix } : undefined;
  if (isIPv6(address)) return prefix <= 128 ? { family: 6, prefix } : undefined;
  return undefined;
}

/**
 * A CIDR as the API server parses the legacy fields (`loadBalancerSourceRanges`, the source-ranges
 * annotation): Go's `ParseCIDRSloppy`, which also takes IPv4 parts with leading zeros (`010.0.0.0/8`)
 * and a host part with bits set (`10.0.0.1/8`). Undefined when it is not a CIDR.
 */
export function parseLegacyCIDR(value: string): Cidr | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const address = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const parts = address.split('.');
  if (!address.includes(':') && parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    return prefix <= 32 ? { family: 4, prefix } : undefined;
  }
  return isIPv6(address) && prefix <= 128 ? { family: 6, prefix } : undefined;
}

/** Why a string is not a DNS-1123 label, in words, or undefined when it is one. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (isDns1123Label(value)) return undefined;
  return nameProblem(value, 63) ?? 'must start and end with a lower-case letter or digit';
}

/** Why a string is not a DNS-1035 label (a Service name), in words, or undefined when it is one. */
export function dns1035LabelProblem(value: string): string | undefined {
  if (isDns1035Label(value)) return undefined;
  return nameProblem(value, 63) ?? (/^[0-9]/.test(value) ? 'must start with a letter, not a digit' : 'must start with a letter and end with a letter or digit');
}

function nameProblem(value: string, max: number): string | undefined {
  if (value === '') return 'must not be empty';
  if (value.length > max) return `is ${value.length} characters long (at most ${max} are allowed)`;
  if (/[A-Z]/.test(value)) return 'must be lower case';
  if (value.includes('.')) return "must not contain '.'";
  if (value.includes('_')) return "must not contain '_'";
  if (/[^a-z0-9-]/.test(value)) return "may hold only lower-case letters, digits and '-'";
  if (value.startsWith('-') || value.endsWith('-')) return "must not start or end with '-'";
  return undefined;
}

/**
 * A DNS-1123 label close to `value` (`HTTP_Admin` → `http-admin`), for messages; undefined when no
 * valid one can be derived.
 */
export function toDns1123Label(value: string): string | undefined {
  const label = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return isDns1123Label(label) ? label : undefined;
}

/** A CIDR's network: the address with its host bits cleared, as Go's `net.ParseCIDR` returns it. */
export interface Network {
  readonly family: 4 | 6;
  readonly prefix: number;
  readonly base: bigint;
}

/** A legacy-field CIDR (see parseLegacyCIDR) as a network, or undefined when it is not a CIDR. */
export function parseLegacyNetwork(value: string): Network | undefined {
  const parsed = parseLegacyCIDR(value);
  if (!parsed) return undefined;
  const address = value.slice(0, value.indexOf('/'));
  const bits = parsed.family === 4 ? 32 : 128;
  const raw = parsed.family === 4 ? ipv4Bits(address) : ipv6Bits(address);
  if (raw === undefined) return undefined;
  const hostBits = BigInt(bits - parsed.prefix);
  return { family: parsed.family, prefix: parsed.prefix, base: (raw >> hostBits) << hostBits };
}

/** Whether `inner` lies inside `outer` with a longer prefix: the API server's "strict subset" of an ipBlock. */
export function isStrictSubnet(outer: Network, inner: Network): boolean {
  if (outer.family !== inner.family || inner.prefix <= outer.prefix) return false;
  const hostBits = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return inner.base >> hostBits === outer.base >> hostBits;
}

function ipv4Bits(address: string): bigint | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((acc, part) => (acc << 8n) | BigInt(part), 0n);
}

function ipv4Text(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join('.');
}

function ipv6Bits(address: string): bigint | undefined {
  if (!isIPv6(address)) return undefined;
  const [head = '', tail] = address.split('::');
  const expand = (part: string): number[] => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (group.includes('.')) {
        const v4 = ipv4Bits(group);
        if (v4 === undefined) return [NaN];
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else groups.push(parseInt(group, 16));
    }
    return groups;
  };
  const front = expand(head);
  const back = tail === undefined ? [] : expand(tail);
  const groups = tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return undefined;
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/** `*.example.com`: a wildcard DNS-1123 subdomain, as Ingress hosts allow. */
function isWildcardDns1123Subdomain(value: string): boolean {
  return value.startsWith('*.') && value.length <= 253 && isDns1123Subdomain(value.slice(2));
}

/**
 * Why a host is not one the API server accepts for an Ingress rule or TLS entry, or undefined when
 * it is fine: a DNS-1123 subdomain, or `*.` followed by one. `allowIP` is false for rule hosts.
 */
export function ingressHostProblem(value: string, allowIP: boolean): string | undefined {
  if (!allowIP && (isIP(value) || isSloppyIPv4(value))) return 'is an IP address; a host must be a DNS name (leave host out to match every address)';
  if (value.includes('*')) {
    if (isWildcardDns1123Subdomain(value)) return undefined;
    return "has a '*' that is not a leading '*.' label; a wildcard host is '*.' followed by a DNS name, like *.example.com";
  }
  if (isDns1123Subdomain(value)) return undefined;
  if (/:\d*$/.test(value)) return 'has a port; a host is a DNS name only';
  if (/^[a-z]+:\/\//i.test(value)) return 'is a URL; a host is a DNS name only, without scheme or path';
  if (/[A-Z]/.test(value)) return 'must be lower case';
  if (value.length > 253) return `is ${value.length} characters long (at most 253 are allowed)`;
  return "is not a DNS name: lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit";
}

/**
 * Why a name is not a DNS-1123 subdomain (Ingress, NetworkPolicy, Secret and IngressClass names), in
 * words, or undefined when it is one.
 */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (isDns1123Subdomain(value)) return undefined;
  if (value === '') return 'must not be empty';
  if (value.length > 253) return `is ${value.length} characters long (at most 253 are allowed)`;
  if (/[A-Z]/.test(value)) return 'must be lower case';
  if (value.includes('_')) return "must not contain '_'";
  if (/[^a-z0-9.-]/.test(value)) return "may hold only lower-case letters, digits, '-' and '.'";
  return 'must start and end with a letter or digit, and so must every part between dots';
}

/** Go's ParseIPSloppy also reads IPv4 parts with leading zeros (`010.0.0.1`). */
function isSloppyIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
