/**
 * Kubernetes' semver library, version 1 (k8s.io/apiserver/pkg/cel/library/semverlib.go; base.go: 1.33), with
 * blang/semver's parsing and ordering.
 */
import { celError, type CelLibrary } from '../library.js';
import type { CelStringable } from '../values.js';

class Semver implements CelStringable {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: readonly string[],
    readonly build: readonly string[],
  ) {}

  /** blang/semver Version.Compare (build metadata is ignored). */
  compare(other: Semver): number {
    for (const key of ['major', 'minor', 'patch'] as const) {
      if (this[key] !== other[key]) return this[key] < other[key] ? -1 : 1;
    }
    // A release ranks above its pre-releases.
    if (this.pre.length === 0 || other.pre.length === 0) return this.pre.length === other.pre.length ? 0 : this.pre.length === 0 ? 1 : -1;
    for (let i = 0; i < Math.min(this.pre.length, other.pre.length); i++) {
      const c = comparePre(this.pre[i]!, other.pre[i]!);
      if (c !== 0) return c;
    }
    return Math.sign(this.pre.length - other.pre.length);
  }

  celString(): string {
    const pre = this.pre.length ? `-${this.pre.join('.')}` : '';
    const build = this.build.length ? `+${this.build.join('.')}` : '';
    return `${this.major}.${this.minor}.${this.patch}${pre}${build}`;
  }
}

const NUMERIC = /^(0|[1-9]\d*)$/;

function comparePre(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** blang/semver Parse. */
function parseSemver(s: string): Semver | string {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(s);
  if (!match) return s.split('.').length !== 3 ? 'No Major.Minor.Patch elements found' : `Invalid version: ${JSON.stringify(s)}`;
  const [, major = '', minor = '', patch = '', pre, build] = match;
  for (const [name, part] of [
    ['Major', major],
    ['Minor', minor],
    ['Patch', patch],
  ] as const) {
    if (!NUMERIC.test(part)) return `${name} number must not contain leading zeroes ${JSON.stringify(part)}`;
    if (BigInt(part) > 18446744073709551615n) return `${name} number is too large ${JSON.stringify(part)}`;
  }
  const preParts = pre === undefined ? [] : pre.split('.');
  for (const p of preParts) {
    if (p === '') return 'Prerelease is empty';
    if (/^\d+$/.test(p) && !NUMERIC.test(p)) return `Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(p)}`;
  }
  const buildParts = build === undefined ? [] : build.split('.');
  if (buildParts.some((b) => b === '')) return 'Build meta data is empty';
  return new Semver(BigInt(major), BigInt(minor), BigInt(patch), preParts, buildParts);
}

/** semverlib.go normalizeAndParse: no leading "v", zero-filled minor and patch, no leading zeros. */
function normalizeAndParse(s: string): Semver | string {
  const parts = (s.startsWith('v') ? s.slice(1) : s).split('.');
  const head = parts.length > 3 ? [...parts.slice(0, 2), parts.slice(2).join('.')] : parts;
  const trimmed = head.map((p) => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t.length === 0 || !/^\d/.test(t) ? `0${t}` : t;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed.at(-1)!)) return 'short version cannot contain PreRelease/Build meta data';
    while (trimmed.length < 3) trimmed.push('0');
  }
  return parseSemver(trimmed.join('.'));
}

function semverOrThrow(s: string, normalize = false): Semver {
  const v = normalize ? normalizeAndParse(s) : parseSemver(s);
  if (typeof v === 'string') throw celError(v);
  return v;
}

const isSemver = (s: string, normalize = false): boolean => typeof (normalize ? normalizeAndParse(s) : parseSemver(s)) !== 'string';

export const semverLibrary: CelLibrary = {
  name: 'semver',
  since: 33,
  register(env) {
    env.registerType('kubernetes.Semver', Semver);
    env.registerOperator('kubernetes.Semver == kubernetes.Semver', (a: Semver, b: Semver) => a.compare(b) === 0);
    env.registerFunction('semver(string): kubernetes.Semver', (s: string) => semverOrThrow(s));
    env.registerFunction('semver(string, bool): kubernetes.Semver', semverOrThrow);
    env.registerFunction('isSemver(string): bool', (s: string) => isSemver(s));
    env.registerFunction('isSemver(string, bool): bool', isSemver);
    env.registerFunction('kubernetes.Semver.major(): int', (v: Semver) => v.major);
    env.registerFunction('kubernetes.Semver.minor(): int', (v: Semver) => v.minor);
    env.registerFunction('kubernetes.Semver.patch(): int', (v: Semver) => v.patch);
    env.registerFunction('kubernetes.Semver.isGreaterThan(kubernetes.Semver): bool', (a: Semver, b: Semver) => a.compare(b) > 0);
    env.registerFunction('kubernetes.Semver.isLessThan(kubernetes.Semver): bool', (a: Semver, b: Semver) => a.compare(b) < 0);
    env.registerFunction('kubernetes.Semver.compareTo(kubernetes.Semver): int', (a: Semver, b: Semver) => BigInt(a.compare(b)));
  },
};
