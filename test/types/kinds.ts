// Type-level tests, compiled by test/kinds.test.ts (`tsc -p test/types`): each `@ts-expect-error` line
// must fail to compile, so tsc reports an unused directive when a misspelt kind starts to compile.
import { defineRule } from '../../src/api/types.js';
import { kindEntry, type KindName } from '../../src/model/kinds.js';

const meta = { id: 'example', description: '', remediation: '', category: 'service', defaultSeverity: 'warn', messages: { m: 'm' }, schema: null, defaultOptions: {} } as const;

export const known = defineRule({ meta: { ...meta, kinds: ['Service', 'HTTPRoute', '*'] }, check() {} });

// @ts-expect-error a misspelt kind is not a KindName
export const misspelt = defineRule({ meta: { ...meta, kinds: ['Servise'] }, check() {} });

// @ts-expect-error kind names are case-sensitive, as the API server's are
export const lowerCase: KindName = 'service';

// A kind from the input is a string: looked up, never assumed to be a KindName.
export const lookedUp = kindEntry(String(process.argv[2]))?.clusterScoped;
