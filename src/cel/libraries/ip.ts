/**
 * Kubernetes' IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go; base.go: 1.30).
 * Addresses parse like Go's netip.ParseAddr: no leading zeros in IPv4 parts, no zones, and (the library's
 * own rule) no IPv4-mapped IPv6 addresses.
 */
import { isIPv4, isIPv6 } from '../../k8s/dns.js';
import { celError, registerNamespace, type CelLibrary } from '../library.js';
import type { CelStringable } from '../values.js';

class IPAddress implements CelStringable {
  constructor(
    readonly family: 4 | 6,
    readonly bits: bigint,
  ) {}

  get width(): number {
    return this.family === 4 ? 32 : 128;
  }

  /** Go netip.Addr.String: dotted IPv4, RFC 5952 IPv6. */
  celString(): string {
    return this.family === 4 ? ipv4Text(this.bits) : ipv6Text(this.bits);
  }
}

class CIDRPrefix implements CelStringable {
  constructor(
    readonly address: IPAddress,
    readonly prefix: number,
  ) {}

  masked(): CIDRPrefix {
    const host = BigInt(this.address.width - this.prefix);
    return new CIDRPrefix(new IPAddress(this.address.family, (this.address.bits >> host) << host), this.prefix);
  }

  /** Go netip.Prefix.Contains. */
  contains(ip: IPAddress): boolean {
    if (ip.family !== this.address.family) return false;
    const host = BigInt(this.address.width - this.prefix);
    return ip.bits >> host === this.address.bits >> host;
  }

  celString(): string {
    return `${this.address.celString()}/${this.prefix}`;
  }
}

function ipv4Text(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join('.');
}

function ipv6Text(bits: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((bits >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of two or more zero groups (the first among equals) becomes '::'.
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}

function ipv4Bits(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Bits(text: string): bigint {
  const [head = '', tail] = text.split('::');
  const expand = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const v4 = Number(ipv4Bits(group));
          return [Math.floor(v4 / 0x10000), v4 % 0x10000];
        });
  const front = expand(head);
  const back = tail === undefined ? [] : expand(tail);
  const groups = tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/** Go netip.ParseAddr plus the library's refusals; the error text follows the library's. */
function parseIP(raw: string): IPAddress | string {
  if (raw.includes('%')) return isIPv6(raw.slice(0, raw.indexOf('%'))) ? `IP address ${JSON.stringify(raw)} with zone value is not allowed` : unparsable(raw);
  if (isIPv4(raw)) return new IPAddress(4, ipv4Bits(raw));
  if (!isIPv6(raw)) return unparsable(raw);
  const bits = ipv6Bits(raw);
  if (bits >> 32n === 0xffffn) return `IPv4-mapped IPv6 address ${JSON.stringify(raw)} is not allowed`;
  return new IPAddress(6, bits);
}

function unparsable(raw: string): string {
  return `IP Address ${JSON.stringify(raw)} parse error during conversion from string: ParseAddr(${JSON.stringify(raw)}): unable to parse IP`;
}

/** Go netip.ParsePrefix (host bits may be set) without IPv4-mapped addresses. */
function parseCIDR(raw: string): CIDRPrefix | string {
  const slash = raw.lastIndexOf('/');
  const fail = `network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(raw)}): `;
  if (slash < 0) return `${fail}no '/'`;
  const address = parseIP(raw.slice(0, slash));
  if (typeof address === 'string')
    return address.includes('IPv4-mapped')
      ? `IPv4-mapped IPv6 address ${JSON.stringify(raw)} is not allowed`
      : `${fail}ParseAddr(${JSON.stringify(raw.slice(0, slash))}): unable to parse IP`;
  const bits = raw.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > address.width) return `${fail}bad bits after slash: ${JSON.stringify(bits)}`;
  return new CIDRPrefix(address, Number(bits));
}

function ipOrThrow(raw: string): IPAddress {
  const ip = parseIP(raw);
  if (typeof ip === 'string') throw celError(ip);
  return ip;
}

function cidrOrThrow(raw: string): CIDRPrefix {
  const cidr = parseCIDR(raw);
  if (typeof cidr === 'string') throw celError(cidr);
  return cidr;
}

/** Whether `outer` contains every address of `inner` (cidr.go: cidrContainsCIDR). */
function containsCIDR(outer: CIDRPrefix, inner: CIDRPrefix): boolean {
  return inner.address.family === outer.address.family && inner.prefix >= outer.prefix && outer.contains(inner.address);
}

/** Go netip.Addr predicates. */
const isLoopback = (ip: IPAddress): boolean => (ip.family === 4 ? ip.bits >> 24n === 127n : ip.bits === 1n);
const isLinkLocalMulticast = (ip: IPAddress): boolean => (ip.family === 4 ? ip.bits >> 8n === 0xe00000n : ip.bits >> 112n === 0xff02n);
const isLinkLocalUnicast = (ip: IPAddress): boolean => (ip.family === 4 ? ip.bits >> 16n === 0xa9fen : ip.bits >> 118n === 0x3fan);
const isMulticast = (ip: IPAddress): boolean => (ip.family === 4 ? ip.bits >> 28n === 0xen : ip.bits >> 120n === 0xffn);
function isGlobalUnicast(ip: IPAddress): boolean {
  if (ip.bits === 0n || (ip.family === 4 && ip.bits === 0xffffffffn)) return false;
  return !isLoopback(ip) && !isMulticast(ip) && !isLinkLocalUnicast(ip);
}

export const ipLibrary: CelLibrary = {
  name: 'ip',
  since: 30,
  register(env) {
    env.registerType('net.IP', IPAddress);
    env.registerOperator('net.IP == net.IP', (a: IPAddress, b: IPAddress) => a.family === b.family && a.bits === b.bits);
    env.registerFunction('ip(string): net.IP', ipOrThrow);
    env.registerFunction('isIP(string): bool', (s: string) => typeof parseIP(s) !== 'string');
    registerNamespace(env, 'ip', 'k8s.IPNamespace');
    env.registerFunction('k8s.IPNamespace.isCanonical(string): bool', (_: unknown, s: string) => ipOrThrow(s).celString() === s);
    env.registerFunction('string(net.IP): string', (ip: IPAddress) => ip.celString());
    env.registerFunction('net.IP.family(): int', (ip: IPAddress) => BigInt(ip.family));
    env.registerFunction('net.IP.isUnspecified(): bool', (ip: IPAddress) => ip.bits === 0n);
    env.registerFunction('net.IP.isLoopback(): bool', isLoopback);
    env.registerFunction('net.IP.isLinkLocalMulticast(): bool', isLinkLocalMulticast);
    env.registerFunction('net.IP.isLinkLocalUnicast(): bool', isLinkLocalUnicast);
    env.registerFunction('net.IP.isGlobalUnicast(): bool', isGlobalUnicast);

    env.registerType('net.CIDR', CIDRPrefix);
    env.registerOperator(
      'net.CIDR == net.CIDR',
      (a: CIDRPrefix, b: CIDRPrefix) => a.prefix === b.prefix && a.address.family === b.address.family && a.address.bits === b.address.bits,
    );
    env.registerFunction('cidr(string): net.CIDR', cidrOrThrow);
    env.registerFunction('isCIDR(string): bool', (s: string) => typeof parseCIDR(s) !== 'string');
    env.registerFunction('string(net.CIDR): string', (c: CIDRPrefix) => c.celString());
    env.registerFunction('net.CIDR.containsIP(string): bool', (c: CIDRPrefix, s: string) => c.contains(ipOrThrow(s)));
    env.registerFunction('net.CIDR.containsIP(net.IP): bool', (c: CIDRPrefix, ip: IPAddress) => c.contains(ip));
    env.registerFunction('net.CIDR.containsCIDR(string): bool', (c: CIDRPrefix, s: string) => containsCIDR(c, cidrOrThrow(s)));
    env.registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', containsCIDR);
    env.registerFunction('net.CIDR.ip(): net.IP', (c: CIDRPrefix) => c.address);
    env.registerFunction('net.CIDR.masked(): net.CIDR', (c: CIDRPrefix) => c.masked());
    env.registerFunction('net.CIDR.prefixLength(): int', (c: CIDRPrefix) => BigInt(c.prefix));

    // `net.IP` and `net.CIDR` as type values, for `type(x) == net.IP`.
    class NetNamespace {
      readonly IP: unknown = env.evaluate("type(ip('0.0.0.0'))");
      readonly CIDR: unknown = env.evaluate("type(cidr('0.0.0.0/0'))");
    }
    env.registerType('k8s.NetNamespace', { ctor: NetNamespace, fields: { IP: 'type', CIDR: 'type' } });
    env.registerConstant('net', 'k8s.NetNamespace', new NetNamespace());
  },
};
