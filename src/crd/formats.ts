/**
 * The string formats the API server checks in CRD schemas (apiextensions-apiserver
 * `validation/formats.go`, implemented by kube-openapi `strfmt`). A format not listed here is not
 * checked, as upstream: `int32`, `int64`, `double` and unknown names are accepted.
 */
import { isIPv4, isIPv6, parseCidr } from '../k8s/dns.js';

const HOSTNAME_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID_VERSION = (version: number) => new RegExp(`^[0-9a-f]{8}-?[0-9a-f]{4}-?${version}[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$`, 'i');
const MAC = /^(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^(?:[0-9A-Fa-f]{2}[:-]){7}[0-9A-Fa-f]{2}$|^(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const URI = /^(?:[A-Za-z][A-Za-z0-9+.-]*:[^\s]*|\/[^\s]*)$/;
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;
const DURATION = /^(?:\d+(?:\.\d+)?\s*(?:ns|us|µs|ms|s|m|h|d|w)\s*)+$/;

const CHECKS: Readonly<Record<string, (value: string) => boolean>> = {
  hostname: (v) => v.length <= 255 && v.split('.').every((label) => HOSTNAME_LABEL.test(label)),
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: (v) => parseCidr(v) !== undefined,
  uri: (v) => URI.test(v),
  email: (v) => EMAIL.test(v),
  uuid: (v) => UUID.test(v),
  uuid3: (v) => UUID_VERSION(3).test(v),
  uuid4: (v) => UUID_VERSION(4).test(v),
  uuid5: (v) => UUID_VERSION(5).test(v),
  mac: (v) => MAC.test(v),
  byte: (v) => BASE64.test(v),
  date: (v) => DATE.test(v),
  datetime: (v) => DATE_TIME.test(v),
  'date-time': (v) => DATE_TIME.test(v),
  duration: (v) => DURATION.test(v),
  hexcolor: (v) => HEX_COLOR.test(v),
};

/** False when `format` is one the API server checks and `value` is not of it. */
export function matchesFormat(format: string, value: string): boolean {
  const check = CHECKS[format];
  return check === undefined || check(value);
}
