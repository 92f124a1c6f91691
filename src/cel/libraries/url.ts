/**
 * Kubernetes' URL library (k8s.io/apiserver/pkg/cel/library/urls.go; always present): a URL must pass Go's
 * url.ParseRequestURI (an absolute URI or an absolute path); its parts are then read as url.Parse reads them.
 */
import { celError, type CelLibrary } from '../library.js';
import type { CelStringable } from '../values.js';

export class KubernetesURL implements CelStringable {
  constructor(
    readonly text: string,
    readonly scheme: string,
    readonly host: string,
    /** The path as written (still escaped). */
    readonly rawPath: string,
    readonly rawQuery: string,
  ) {}

  hostname(): string {
    if (this.host.startsWith('[')) return this.host.slice(1, this.host.indexOf(']'));
    const colon = this.host.lastIndexOf(':');
    return colon < 0 ? this.host : this.host.slice(0, colon);
  }

  port(): string {
    const colon = this.host.lastIndexOf(':');
    if (colon < 0 || (this.host.startsWith('[') && colon < this.host.indexOf(']'))) return '';
    return this.host.slice(colon + 1);
  }

  /** Go URL.EscapedPath. */
  escapedPath(): string {
    if (this.rawPath === '*') return '*';
    if (isValidEncodedPath(this.rawPath)) return this.rawPath;
    return escapePath(unescape(this.rawPath) ?? this.rawPath);
  }

  /** Go URL.Query: pairs with `;` or bad escapes are dropped. */
  query(): Record<string, string[]> {
    const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const pair of this.rawQuery.split('&')) {
      if (pair === '' || pair.includes(';')) continue;
      const eq = pair.indexOf('=');
      const key = unescape((eq < 0 ? pair : pair.slice(0, eq)).replaceAll('+', ' '));
      const value = unescape((eq < 0 ? '' : pair.slice(eq + 1)).replaceAll('+', ' '));
      if (key === undefined || value === undefined) continue;
      (out[key] ??= []).push(value);
    }
    return out;
  }

  celString(): string {
    return this.text;
  }
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Go's validEncoded(s, encodePath): only characters a path may hold unescaped, and `%`. */
function isValidEncodedPath(s: string): boolean {
  return /^[A-Za-z0-9\-_.~!$&'()*+,;=:@[\]%/]*$/.test(s);
}

/** Go's escape(s, encodePath). */
function escapePath(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && (UNRESERVED.test(c) || '$&+,/:;=@'.includes(c)) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Percent-decoding that fails on a malformed escape, like Go's unescape. */
function unescape(s: string): string | undefined {
  if (!s.includes('%')) return s;
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return undefined;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < s.length;) {
    if (s[i] === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const HOST_CHARS = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%]*$/;

/** Go's parseHost: a bracketed IPv6 literal or a name, then an optional `:port` of digits only. */
function hostProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const rest = host.slice(close + 1);
    if (rest !== '' && !/^:\d*$/.test(rest)) return `invalid port ${JSON.stringify(rest)} after host`;
    return undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !/^:\d*$/.test(host.slice(colon))) return `invalid port ${JSON.stringify(host.slice(colon))} after host`;
  if (!HOST_CHARS.test(host) || unescape(host) === undefined) return `invalid character in host name`;
  return undefined;
}

/** Go url.ParseRequestURI, then the parts as url.Parse splits them (a fragment is cut off first). */
export function parseURL(text: string): KubernetesURL | string {
  const fail = (why: string): string => `URL parse error during conversion from string: parse ${JSON.stringify(text)}: ${why}`;
  if (/[\x00-\x1f\x7f]/.test(text)) return fail('net/url: invalid control character in URL');
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (text.startsWith(':')) return fail('missing protocol scheme');
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : '';
  let rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  if (rest === '*' && !scheme) return new KubernetesURL(text, '', '', '*', '');
  // ParseRequestURI keeps '#' in the query or path; url.Parse, used for the parts, cuts it off.
  const hash = rest.indexOf('#');
  const beforeFragment = hash < 0 ? rest : rest.slice(0, hash);
  const question = rest.indexOf('?');
  if (question >= 0) rest = rest.slice(0, question);
  if (!rest.startsWith('/')) {
    if (scheme) return new KubernetesURL(text, scheme, '', '', ''); // opaque, like mailto:x
    return fail('invalid URI for request');
  }
  let host = '';
  let path = rest;
  if (scheme && rest.startsWith('//')) {
    const authorityEnd = rest.indexOf('/', 2);
    const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    path = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
    const at = authority.lastIndexOf('@');
    const userinfo = at < 0 ? '' : authority.slice(0, at);
    if (userinfo && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return fail('net/url: invalid userinfo');
    host = authority.slice(at + 1);
    const problem = hostProblem(host);
    if (problem !== undefined) return fail(problem);
  }
  if (unescape(path) === undefined) return fail(`invalid URL escape`);
  // The parts, as url.Parse sees them (without the fragment).
  const q = beforeFragment.indexOf('?');
  const query = q < 0 ? '' : beforeFragment.slice(q + 1);
  const fragmentlessPath = (() => {
    const p = q < 0 ? beforeFragment : beforeFragment.slice(0, q);
    if (!scheme || !p.startsWith('//')) return p;
    const end = p.indexOf('/', 2);
    return end < 0 ? '' : p.slice(end);
  })();
  return new KubernetesURL(text, scheme, unescape(host) ?? host, fragmentlessPath, query);
}

function urlOrThrow(text: string): KubernetesURL {
  const url = parseURL(text);
  if (typeof url === 'string') throw celError(url);
  return url;
}

export const urlLibrary: CelLibrary = {
  name: 'url',
  since: 0,
  register(env) {
    env.registerType('kubernetes.URL', KubernetesURL);
    env.registerFunction('url(string): kubernetes.URL', urlOrThrow);
    env.registerFunction('isURL(string): bool', (s: string) => typeof parseURL(s) !== 'string');
    env.registerFunction('kubernetes.URL.getScheme(): string', (u: KubernetesURL) => u.scheme);
    env.registerFunction('kubernetes.URL.getHost(): string', (u: KubernetesURL) => u.host);
    env.registerFunction('kubernetes.URL.getHostname(): string', (u: KubernetesURL) => u.hostname());
    env.registerFunction('kubernetes.URL.getPort(): string', (u: KubernetesURL) => u.port());
    env.registerFunction('kubernetes.URL.getEscapedPath(): string', (u: KubernetesURL) => u.escapedPath());
    env.registerFunction('kubernetes.URL.getQuery(): map<string, list<string>>', (u: KubernetesURL) => u.query());
  },
};
