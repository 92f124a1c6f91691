/**
 * Kubernetes' format library (k8s.io/apiserver/pkg/cel/library/format.go; base.go: 1.31):
 * `format.<name>()` and `format.named(name)` give a format whose `validate(s)` is optional.none() for a
 * valid string, or the list of apimachinery's validation messages.
 */
import { Optional } from '@marcbachmann/cel-js';
import { registerNamespace, type CelLibrary } from '../library.js';
import { parseURL } from './url.js';

class NamedFormat {
  constructor(
    readonly name: string,
    readonly validate: (value: string) => string[],
  ) {}
}

// k8s.io/apimachinery/pkg/util/validation: the regular expressions and messages.
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const whole = (fmt: string): RegExp => new RegExp(`^(?:${fmt})$`);

/** validation.RegexError. */
function regexError(message: string, fmt: string, ...examples: string[]): string {
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}
const maxLenError = (n: number): string => `must be no more than ${n} characters`;

const DNS1123_LABEL_MESSAGE = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  DNS1123_LABEL_FMT,
  'my-name',
  '123-abc',
);
const DNS1123_SUBDOMAIN_MESSAGE = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  DNS1123_SUBDOMAIN_FMT,
  'example.com',
);
const DNS1035_LABEL_MESSAGE = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  DNS1035_LABEL_FMT,
  'my-name',
  'abc-123',
);
const QUALIFIED_NAME_MESSAGE = regexError(
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  QUALIFIED_NAME_FMT,
  'MyName',
  'my.name',
  '123-abc',
);
const LABEL_VALUE_MESSAGE = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  LABEL_VALUE_FMT,
  'MyValue',
  'my_value',
  '12345',
);

/** validation.IsDNS1123Label. */
function dns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!whole(DNS1123_LABEL_FMT).test(value)) errs.push(whole(DNS1123_SUBDOMAIN_FMT).test(value) ? 'must not contain dots' : DNS1123_LABEL_MESSAGE);
  return errs;
}

/** validation.IsDNS1123Subdomain. */
function dns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!whole(DNS1123_SUBDOMAIN_FMT).test(value)) errs.push(DNS1123_SUBDOMAIN_MESSAGE);
  return errs;
}

/** validation.IsDNS1035Label. */
function dns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!whole(DNS1035_LABEL_FMT).test(value)) errs.push(DNS1035_LABEL_MESSAGE);
  return errs;
}

/** validation.IsQualifiedName. */
function qualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) return [`a qualified name ${QUALIFIED_NAME_MESSAGE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const name = parts.at(-1)!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!whole(QUALIFIED_NAME_FMT).test(name)) errs.push(`name part ${QUALIFIED_NAME_MESSAGE}`);
  return errs;
}

/** validation.IsValidLabelValue. */
function labelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!whole(LABEL_VALUE_FMT).test(value)) errs.push(LABEL_VALUE_MESSAGE);
  return errs;
}

/** apimachinery's maskTrailingDash: a generateName prefix may end in '-'. */
const asPrefix = (check: (s: string) => string[]) => (value: string) => check(value.length > 1 && value.endsWith('-') ? `${value.slice(0, -1)}a` : value);

function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** strfmt's date-time: a full date, 'T', a time with optional fraction, and a zone. */
function isDateTime(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(value);
  return match !== null && isDate(match[1]!) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

const FORMATS: ReadonlyMap<string, NamedFormat> = new Map(
  (
    [
      ['dns1123Label', 'DNS1123Label', dns1123Label],
      ['dns1123Subdomain', 'DNS1123Subdomain', dns1123Subdomain],
      ['dns1035Label', 'DNS1035Label', dns1035Label],
      ['qualifiedName', 'QualifiedName', qualifiedName],
      ['dns1123LabelPrefix', 'DNS1123LabelPrefix', asPrefix(dns1123Label)],
      ['dns1123SubdomainPrefix', 'DNS1123SubdomainPrefix', asPrefix(dns1123Subdomain)],
      ['dns1035LabelPrefix', 'DNS1035LabelPrefix', asPrefix(dns1035Label)],
      ['labelValue', 'LabelValue', labelValue],
      [
        'uri',
        'URI',
        (s: string) => {
          const url = parseURL(s);
          return typeof url === 'string' ? [url.replace(/^URL parse error during conversion from string: /, '')] : [];
        },
      ],
      ['uuid', 'uuid', (s: string) => (/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i.test(s) ? [] : ['does not match the UUID format'])],
      ['byte', 'byte', (s: string) => (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) ? [] : ['invalid base64'])],
      ['date', 'date', (s: string) => (isDate(s) ? [] : ['invalid date'])],
      ['datetime', 'datetime', (s: string) => (isDateTime(s) ? [] : ['invalid datetime'])],
    ] as const
  ).map(([key, name, validate]) => [key, new NamedFormat(name, validate)]),
);

export const formatLibrary: CelLibrary = {
  name: 'format',
  since: 31,
  register(env) {
    env.registerType('kubernetes.NamedFormat', NamedFormat);
    env.registerOperator('kubernetes.NamedFormat == kubernetes.NamedFormat', (a: NamedFormat, b: NamedFormat) => a === b);
    registerNamespace(env, 'format', 'k8s.FormatNamespace');
    for (const [key, format] of FORMATS) env.registerFunction(`k8s.FormatNamespace.${key}(): kubernetes.NamedFormat`, () => format);
    env.registerFunction('k8s.FormatNamespace.named(string): optional<kubernetes.NamedFormat>', (_: unknown, name: string) => {
      const format = FORMATS.get(name);
      return format ? Optional.of(format) : Optional.none();
    });
    env.registerFunction('kubernetes.NamedFormat.validate(string): optional<list<string>>', (format: NamedFormat, value: string) => {
      const errors = format.validate(value);
      return errors.length === 0 ? Optional.none() : Optional.of(errors);
    });
  },
};
