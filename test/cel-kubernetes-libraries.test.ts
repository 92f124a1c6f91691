/**
 * Kubernetes' CEL libraries, checked against examples from Kubernetes' own tests:
 * staging/src/k8s.io/apiserver/pkg/cel/library/{ip,cidr,quantity,format,semver}_test.go and the
 * "stdlib list functions", "stdlib regex functions" and "URL parsing" cases of
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation_test.go.
 * A row expects a value (compared after toPlain), a run-time error or a compile error (message patterns).
 */
import { describe, expect, it } from 'vitest';
import { celEnvironment, toPlain } from '../src/cel/index.js';

// A value, or `{ error: RegExp }` or `{ compileError: RegExp }`.
type Expectation = unknown;
type Row = readonly [expression: string, expected: Expectation];

const env = celEnvironment({ variables: { self: 'dyn' } });

function check(rows: readonly Row[], self: unknown = {}): void {
  for (const [expression, expected] of rows) {
    const compiled = env.compile(expression);
    const outcome = compiled.ok ? compiled.program.evaluate({ self }) : undefined;
    const actual = !compiled.ok ? { compileError: compiled.error.message } : outcome!.ok ? { value: toPlain(outcome!.value) } : { error: outcome!.error.message };
    if (expected instanceof Object && 'compileError' in expected) {
      expect(actual, expression).toEqual({ compileError: expect.stringMatching((expected as { compileError: RegExp }).compileError) });
    } else if (expected instanceof Object && 'error' in expected && (expected as { error: unknown }).error instanceof RegExp) {
      expect(actual, expression).toEqual({ error: expect.stringMatching((expected as { error: RegExp }).error) });
    } else {
      expect(actual, expression).toEqual({ value: expected });
    }
  }
}

describe('Kubernetes CEL libraries (rows from Kubernetes tests)', () => {
  it('ip (ip_test.go)', () => {
    check([
      ['ip("192.168.0.1")', '192.168.0.1'],
      ['ip("192.168.0.1.0")', { error: /IP Address "192\.168\.0\.1\.0" parse error during conversion from string/ }],
      ['isIP("192.168.0.1")', true],
      ['isIP("192.168.0.1.0")', false],
      ['ip.isCanonical("127.0.0.1")', true],
      ['ip.isCanonical("127.0.0.1.0")', { error: /parse error during conversion from string/ }],
      ['ip("192.168.0.1").family()', 4],
      ['ip("0.0.0.0").isUnspecified()', true],
      ['ip("127.0.0.1").isUnspecified()', false],
      ['ip("127.0.0.1").isLoopback()', true],
      ['ip("1.2.3.4").isLoopback()', false],
      ['ip("224.0.0.1").isLinkLocalMulticast()', true],
      ['ip("224.0.1.1").isLinkLocalMulticast()', false],
      ['ip("169.254.169.254").isLinkLocalUnicast()', true],
      ['ip("192.168.0.1").isLinkLocalUnicast()', false],
      ['ip("192.168.0.1").isGlobalUnicast()', true],
      ['ip("255.255.255.255").isGlobalUnicast()', false],
      ['ip("2001:db8::68")', '2001:db8::68'],
      ['ip("2001:db8:::68")', { error: /parse error during conversion from string/ }],
      ['isIP("2001:db8::68")', true],
      ['isIP("2001:db8:::68")', false],
      ['ip.isCanonical("2001:db8::68")', true],
      ['ip.isCanonical("2001:DB8::68")', false],
      ['ip.isCanonical("2001:db8:::68")', { error: /parse error during conversion from string/ }],
      ['ip("2001:db8::68").family()', 6],
      ['ip("::").isUnspecified()', true],
      ['ip("::1").isUnspecified()', false],
      ['ip("::1").isLoopback()', true],
      ['ip("2001:db8::abcd").isLoopback()', false],
      ['ip("ff02::1").isLinkLocalMulticast()', true],
      ['ip("fd00::1").isLinkLocalMulticast()', false],
      ['ip("fe80::1").isLinkLocalUnicast()', true],
      ['ip("fd80::1").isLinkLocalUnicast()', false],
      ['ip("2001:db8::abcd").isGlobalUnicast()', true],
      ['ip("ff00::1").isGlobalUnicast()', false],
      ['isIP(cidr("192.168.0.0/24"))', { compileError: /found no matching overload for 'isIP\(net\.CIDR\)'/ }],
      ['string(ip("192.168.0.1"))', '192.168.0.1'],
      ['type(ip("192.168.0.1")) == net.IP', true],
      // ip.go's documented refusals
      ['ip("::ffff:1.2.3.4")', { error: /IPv4-mapped IPv6 address "::ffff:1\.2\.3\.4" is not allowed/ }],
      ['ip("fe80::1%eth0")', { error: /with zone value is not allowed/ }],
      ['isIP("127.0.0.01")', false],
    ]);
  });

  it('cidr (cidr_test.go)', () => {
    check([
      ['cidr(192168)', { compileError: /found no matching overload for 'cidr\(int\)'/ }],
      ['cidr(dyn("192.168.0.0/24"))', '192.168.0.0/24'],
      ['cidr("192.168.0.0/")', { error: /netip\.ParsePrefix\("192\.168\.0\.0\/"\): bad bits after slash: ""/ }],
      ['cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))', true],
      ['cidr("192.168.0.0/24").containsIP(ip("192.168.1.1"))', false],
      ['cidr("192.168.0.0/24").containsIP("192.168.0.1")', true],
      ['cidr("192.168.0.0/24").containsIP("192.168.1.1")', false],
      ['cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/25"))', true],
      ['cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))', false],
      ['cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")', true],
      ['cidr("192.168.0.0/24").containsCIDR("192.168.0.0/23")', false],
      ['cidr("192.168.0.0/24").ip()', '192.168.0.0'],
      ['cidr("192.168.0.0/24").masked()', '192.168.0.0/24'],
      ['cidr("192.168.0.1/24").masked()', '192.168.0.0/24'],
      ['cidr("192.168.0.0/24").prefixLength()', 24],
      ['cidr("2001:db8::/32")', '2001:db8::/32'],
      ['cidr("2001:db8::/")', { error: /bad bits after slash/ }],
      ['cidr("2001:db8::/32").containsIP(ip("2001:db8::1"))', true],
      ['cidr("2001:db8::/32").containsIP(ip("2001:dc8::1"))', false],
      ['cidr("2001:db8::/32").containsIP("2001:db8::1")', true],
      ['cidr("2001:db8::/32").containsIP("2001:dc8::1")', false],
      ['cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/33"))', true],
      ['cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/31"))', false],
      ['cidr("2001:db8::/32").containsCIDR("2001:db8::/33")', true],
      ['cidr("2001:db8::/32").containsCIDR("2001:db8::/31")', false],
      ['cidr("2001:db8::/32").ip()', '2001:db8::'],
      ['cidr("2001:db8::/32").masked()', '2001:db8::/32'],
      ['cidr("2001:db8:1::/32").masked()', '2001:db8::/32'],
      ['cidr("2001:db8::/32").prefixLength()', 32],
      ['string(cidr("192.168.0.0/24"))', '192.168.0.0/24'],
      ['type(cidr("192.168.0.0/24")) == net.CIDR', true],
      // cidr.go's documented examples
      ["cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()", true],
      ["cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()", false],
      ["cidr('::1/128').ip().family()", 6],
    ]);
  });

  it('quantity (quantity_test.go)', () => {
    check([
      ['quantity("12Mi") == quantity("12Mi")', true],
      ['quantity("10Mo")', { error: /quantities must match the regular expression/ }],
      ['quantity("10Mm")', { error: /unable to parse quantity's suffix/ }],
      ['isQuantity("20")', true],
      ['isQuantity("20M")', true],
      ['isQuantity("20Mi")', true],
      ['isQuantity("20Mo")', false],
      ['isQuantity("10Mm")', false],
      ['isQuantity([1, 2, 3])', { compileError: /found no matching overload for 'isQuantity/ }],
      ['quantity("200M") == quantity("200M")', true],
      ['quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', true],
      ['quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")', true],
      ['quantity("200M") == quantity("0.3G")', false],
      ['quantity("50M").isLessThan(quantity("50Mi"))', true],
      ['quantity("50M").isLessThan(quantity("100M"))', true],
      ['quantity("100M").isLessThan(quantity("50M"))', false],
      ['quantity("50Mi").isGreaterThan(quantity("50M"))', true],
      ['quantity("150Mi").isGreaterThan(quantity("100Mi"))', true],
      ['quantity("50M").isGreaterThan(quantity("100M"))', false],
      ['quantity("200M").compareTo(quantity("0.2G"))', 0],
      ['quantity("50M").compareTo(quantity("50Mi"))', -1],
      ['quantity("50Mi").compareTo(quantity("50M"))', 1],
      ['quantity("50k").add(quantity("20")) == quantity("50.02k")', true],
      ['quantity("50k").add(20).isLessThan(quantity("50020"))', false],
      ['quantity("50k").sub(quantity("20")) == quantity("49.98k")', true],
      ['quantity("50k").sub(20) == quantity("49980")', true],
      ['quantity("50k").add(20).sub(quantity("100k")).asInteger()', -49980],
      ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()', 20],
      ['quantity("50k").asInteger()', 50000],
      ['quantity("9999999999999999999999999999999999999G").asInteger()', { error: /cannot convert value to integer/ }],
      ['quantity("9999999999999999999999999999999999999G").isInteger()', false],
      ['quantity("50").isInteger()', true],
      ['quantity("50.703k").asApproximateFloat()', 50703],
      // quantity.go's documented examples
      ['quantity("200K")', { error: /unable to parse quantity's suffix/ }],
      ['quantity("Mi")', { error: /unable to parse/ }],
      ['isQuantity("1,3G")', false],
      ['quantity("50000000G").isInteger()', true],
      ['quantity("50k").sub(20000).asApproximateFloat() == 30000.0', true],
      ['quantity("50k").add(20) == quantity("50020")', true],
    ]);
  });

  it('format (format_test.go)', () => {
    const LABEL =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    const SUBDOMAIN =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    const DNS1035 =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    check([
      ['format.dns1123Label().validate("my-label-name")', undefined],
      ['format.dns1123Subdomain().validate("apiextensions.k8s.io")', undefined],
      ['format.dns1035Label().validate("my-label-name")', undefined],
      ['format.qualifiedName().validate("apiextensions.k8s.io/v1beta1")', undefined],
      ['format.dns1123LabelPrefix().validate("my-label-prefix-")', undefined],
      ['format.dns1123SubdomainPrefix().validate("mysubdomain.prefix.-")', undefined],
      ['format.dns1035LabelPrefix().validate("my-label-prefix-")', undefined],
      ['format.uri().validate("http://example.com")', undefined],
      ['format.uuid().validate("123e4567-e89b-12d3-a456-426614174000")', undefined],
      ['format.byte().validate("aGVsbG8=")', undefined],
      ['format.date().validate("2021-01-01")', undefined],
      ['format.datetime().validate("2021-01-01T00:00:00Z")', undefined],
      ['format.dns1123Label().validate("contains a space")', [LABEL]],
      ['format.dns1123Subdomain().validate("contains a space")', [SUBDOMAIN]],
      ['format.dns1035Label().validate("contains a space")', [DNS1035]],
      [
        'format.qualifiedName().validate("contains a space")',
        [
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ],
      ],
      ['format.dns1123LabelPrefix().validate("contains a space-")', [LABEL]],
      ['format.dns1123SubdomainPrefix().validate("contains a space-")', [SUBDOMAIN]],
      ['format.dns1035LabelPrefix().validate("contains a space-")', [DNS1035]],
      ['format.dns1123Label().validate("my-label-name")', undefined],
      ['format.dns1123Subdomain().validate("example.com")', undefined],
      ['format.qualifiedName().validate("my.name")', undefined],
      ['format.byte().validate("aGVsbG8")', ['invalid base64']],
      ['format.date().validate("2020-01-01")', undefined],
      ['format.date().validate("2020-01-32")', ['invalid date']],
      ['format.datetime().validate("2020-01-01T00:00:00Z")', undefined],
      ['format.datetime().validate("2020-01-32T00:00:00Z")', ['invalid datetime']],
      ['format.named("unknown").hasValue()', false],
      ['format.labelValue().validate("my-cool-label-Value")', undefined],
      [
        'format.labelValue().validate("my-cool-label-Value!!\\n\\n!!!")',
        [
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ],
      ],
    ]);
    const names = [
      'dns1123Label',
      'dns1123Subdomain',
      'dns1035Label',
      'qualifiedName',
      'dns1123LabelPrefix',
      'dns1123SubdomainPrefix',
      'dns1035LabelPrefix',
      'labelValue',
      'uri',
      'uuid',
      'byte',
      'date',
      'datetime',
    ];
    check(
      names.flatMap((lhs) => [
        [`format.named("${lhs}").hasValue()`, true] as const,
        [`format.named("${lhs}").value() == format.${lhs}()`, true] as const,
        ...names.filter((rhs) => rhs !== lhs).map((rhs) => [`format.${lhs}() == format.${rhs}()`, false] as const),
      ]),
    );
  });

  it('semver (semver_test.go)', () => {
    check([
      ['semver("1.2.3")', '1.2.3'],
      ['semver("v1.0")', { error: /No Major\.Minor\.Patch elements found/ }],
      ['isSemver("1.2.3-beta.1+build.1")', true],
      ['isSemver("")', false],
      ['isSemver("v1.0.0")', false],
      ['isSemver(" 1.0.0")', false],
      ['isSemver("1. 0.0")', false],
      ['isSemver("1.0.0 ")', false],
      ['isSemver("01.01.01")', false],
      ['isSemver("1")', false],
      ['isSemver("1.1")', false],
      ['isSemver("", true)', false],
      ['isSemver(" 1.0.0", true)', false],
      ['isSemver("1. 0.0", true)', false],
      ['isSemver("1.0.0 ", true)', false],
      ['isSemver("v1.0.0", true)', true],
      ['isSemver("01.01.01", true)', true],
      ['isSemver("1", true)', true],
      ['isSemver("1.1", true)', true],
      ['isSemver([1, 2, 3])', { compileError: /found no matching overload for 'isSemver/ }],
      ['semver("v01.01", true) == semver("1.1.0")', true],
      ['semver("1.2.3") == semver("1.2.3")', true],
      ['semver("1.2.3") == semver("1.0.0")', false],
      ['semver("1.0.0").isLessThan(semver("1.2.3"))', true],
      ['semver("1.0.0").isLessThan(semver("1.0.0"))', false],
      ['semver("1.2.3").isGreaterThan(semver("1.0.0"))', true],
      ['semver("1.0.0").isGreaterThan(semver("1.0.0"))', false],
      ['semver("1.2.3").compareTo(semver("1.2.3"))', 0],
      ['semver("1.0.0").compareTo(semver("1.2.3"))', -1],
      ['semver("1.2.3").compareTo(semver("1.0.0"))', 1],
      ['semver("1.2.3").major()', 1],
      ['semver("1.2.3").minor()', 2],
      ['semver("1.2.3").patch()', 3],
    ]);
  });

  it('lists (validation_test.go "stdlib list functions")', () => {
    const self = {
      ints: [1, 2, 2, 3],
      unsortedInts: [2, 1],
      emptyInts: [],
      doubles: [1.5, 2.5, 2.5, 3.5],
      unsortedDoubles: [2.5, 1.5],
      strings: ['a', 'b', 'b', 'c'],
      unsortedStrings: ['b', 'a'],
      emptyStrings: [],
      objs: [
        { f1: 'a', f2: 'a' },
        { f1: 'a', f2: 'b' },
        { f1: 'a', f2: 'b' },
        { f1: 'a', f2: 'c' },
      ],
    };
    check(
      [
        ['self.ints.sum() == 8', true],
        ['self.ints.min() == 1', true],
        ['self.ints.max() == 3', true],
        ['self.emptyInts.sum() == 0', true],
        ['self.ints.isSorted()', true],
        ['self.emptyInts.isSorted()', true],
        ['self.unsortedInts.isSorted() == false', true],
        ['self.ints.indexOf(2) == 1', true],
        ['self.ints.lastIndexOf(2) == 2', true],
        ['self.ints.indexOf(10) == -1', true],
        ['self.ints.lastIndexOf(10) == -1', true],
        ['self.doubles.sum() == 10.0', true],
        ['self.doubles.min() == 1.5', true],
        ['self.doubles.max() == 3.5', true],
        ['self.doubles.isSorted()', true],
        ['self.unsortedDoubles.isSorted() == false', true],
        ['self.doubles.indexOf(2.5) == 1', true],
        ['self.doubles.lastIndexOf(2.5) == 2', true],
        ["[duration('1s'), duration('1m'), duration('1m'), duration('1h')].sum() == duration('1h2m1s')", true],
        ["[duration('1s'), duration('1m'), duration('1h')].min() == duration('1s')", true],
        ["[duration('1s'), duration('1m'), duration('1h')].max() == duration('1h')", true],
        ["[duration('1s'), duration('1m'), duration('1h')].isSorted()", true],
        ["[duration('1m'), duration('1s')].isSorted() == false", true],
        ["[duration('1s'), duration('1m'), duration('1m')].lastIndexOf(duration('1m')) == 2", true],
        ["self.strings.min() == 'a'", true],
        ["self.strings.max() == 'c'", true],
        ['self.strings.isSorted()', true],
        ['self.emptyStrings.isSorted()', true],
        ['self.unsortedStrings.isSorted() == false', true],
        ["self.strings.indexOf('b') == 1", true],
        ["self.strings.lastIndexOf('b') == 2", true],
        ["self.strings.indexOf('x') == -1", true],
        ["[timestamp('2000-01-01T00:00:00.000Z'), timestamp('2010-01-01T00:00:00.000Z')].max() == timestamp('2010-01-01T00:00:00.000Z')", true],
        ["[timestamp('2000-02-01T00:00:00.000Z'), timestamp('2000-01-01T00:00:00.000Z')].isSorted() == false", true],
        ['[[1], [2]].indexOf([1]) == 0', true],
        ["[{'a': 1}, {'a': 2}].lastIndexOf({'a': 2}) == 1", true],
        ['self.objs.indexOf(self.objs[1]) == 1', true],
        ['self.objs.lastIndexOf(self.objs[1]) == 2', true],
        ['([0] + self.emptyInts).min() == 0', true],
        ['dyn([]).sum() == 0', true],
        ['dyn([1, 2]).sum() == 3', true],
        ['dyn([1.0, 2.0]).sum() == 3.0', true],
        ['self.emptyInts.min() == 1', { error: /min.*empty/ }],
        ['self.emptyInts.max() == 3', { error: /max.*empty/ }],
        ["self.emptyStrings.min() == 'a'", { error: /min.*empty/ }],
      ],
      self,
    );
  });

  it('regex (validation_test.go "stdlib regex functions")', () => {
    check(
      [
        ["self.str.find('[0-9]+') == '123'", true],
        ["self.str.find('[0-9]+') != '456'", true],
        ["self.str.find('xyz') == ''", true],
        ["self.str.findAll('[0-9]+') == ['123', '456']", true],
        ["self.str.findAll('[0-9]+', 0) == []", true],
        ["self.str.findAll('[0-9]+', 1) == ['123']", true],
        ["self.str.findAll('[0-9]+', 2) == ['123', '456']", true],
        ["self.str.findAll('[0-9]+', 3) == ['123', '456']", true],
        ["self.str.findAll('[0-9]+', -1) == ['123', '456']", true],
        ["self.str.findAll('xyz') == []", true],
        ["self.str.findAll('xyz', 1) == []", true],
        ["self.str.find(')') == ''", { compileError: /error parsing regexp: unexpected \)/ }],
        ["self.str.findAll(')') == []", { compileError: /error parsing regexp: unexpected \)/ }],
        ["self.str.findAll(')', 1) == []", { compileError: /error parsing regexp: unexpected \)/ }],
        // RE2, not JavaScript RegExp: (?i) works, lookahead does not, in matches() too.
        ["'ABC'.matches('(?i)^abc$')", true],
        ["self.str.matches('is(?= a)')", { compileError: /invalid or unsupported Perl syntax/ }],
        ['self.str.matches(self.pattern)', { error: /invalid or unsupported Perl syntax/ }],
        ["matches(self.str, '[0-9]{3}')", true],
      ],
      { str: 'this is a 123 string 456', pattern: 'a(?!b)' },
    );
  });

  it('url (validation_test.go "URL parsing")', () => {
    check(
      [
        ["url('/path').getScheme() == ''", true],
        ["url('https://example.com/').getScheme() == 'https'", true],
        ["url('https://example.com:80/').getHost() == 'example.com:80'", true],
        ["url('https://example.com/').getHost() == 'example.com'", true],
        ["url('https://[::1]:80/').getHost() == '[::1]:80'", true],
        ["url('https://[::1]/').getHost() == '[::1]'", true],
        ["url('/path').getHost() == ''", true],
        ["url('https://example.com:80/').getHostname() == 'example.com'", true],
        ["url('https://127.0.0.1/').getHostname() == '127.0.0.1'", true],
        ["url('https://[::1]/').getHostname() == '::1'", true],
        ["url('/path').getHostname() == ''", true],
        ["url('https://example.com:80/').getPort() == '80'", true],
        ["url('https://example.com/').getPort() == ''", true],
        ["url('/path').getPort() == ''", true],
        ["url('https://example.com/path').getEscapedPath() == '/path'", true],
        ["url('https://example.com/with space/').getEscapedPath() == '/with%20space/'", true],
        ["url('https://example.com').getEscapedPath() == ''", true],
        ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == { 'k1': ['a'], 'k2': ['b', 'c']}", true],
        ["url('https://example.com/path?key with spaces=value with spaces').getQuery() == { 'key with spaces': ['value with spaces']}", true],
        ["url('https://example.com/path?').getQuery() == {}", true],
        ["url('https://example.com/path').getQuery() == {}", true],
        ["url(self.url).getScheme() == 'https'", true],
        ["url(self.url).getHost() == 'kubernetes.io:80'", true],
        ["url(self.url).getHostname() == 'kubernetes.io'", true],
        ["url(self.url).getPort() == '80'", true],
        ["url(self.url).getEscapedPath() == '/docs/home'", true],
        ["url(self.url).getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}", true],
        ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
        ["isURL('/path') == true", true],
        ["isURL('https://a:b:c/') == false", true],
        ["isURL('../relative-path') == false", true],
        ["url('https://a:b:c/')", { error: /invalid port ":c" after host/ }],
      ],
      { url: 'https://user:pass@kubernetes.io:80/docs/home?k1=a&k2=b&k2=c#anchor' },
    );
  });
});
