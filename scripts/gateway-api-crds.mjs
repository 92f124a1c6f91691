// Writes schemas/gateway-api/<release>/crds.json from a Gateway API git checkout:
//   node scripts/gateway-api-crds.mjs <gateway-api git dir> <release tag>
// Keeps what validation reads (group, kind, scope, served versions and their schemas) and drops the
// descriptions, which are most of the bytes. Standard channel, except TCPRoute, TLSRoute and UDPRoute,
// taken from the experimental channel so that their v1alpha2 API (still widely written) is served too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [gitDir, release] = process.argv.slice(2);
if (!gitDir || !release) throw new Error('usage: node scripts/gateway-api-crds.mjs <git dir> <release tag>');
const STANDARD = ['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants', 'backendtlspolicies', 'listenersets'];
const EXPERIMENTAL = ['tcproutes', 'tlsroutes', 'udproutes'];
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const commit = git('rev-parse', `${release}^{commit}`).trim();

function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'description')
      .map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)])) : strip(value)]),
  );
}

const crds = [];
for (const [channel, plurals] of [
  ['standard', STANDARD],
  ['experimental', EXPERIMENTAL],
]) {
  for (const plural of plurals) {
    const path = `config/crd/${channel}/gateway.networking.k8s.io_${plural}.yaml`;
    const crd = parse(git('show', `${commit}:${path}`));
    crds.push({
      apiVersion: crd.apiVersion,
      kind: crd.kind,
      metadata: { name: crd.metadata.name, annotations: crd.metadata.annotations },
      spec: {
        group: crd.spec.group,
        names: { kind: crd.spec.names.kind, plural: crd.spec.names.plural },
        scope: crd.spec.scope,
        versions: crd.spec.versions
          .filter((v) => v.served)
          .map((v) => ({ name: v.name, served: true, storage: v.storage, schema: strip(v.schema), ...(v.subresources ? { subresources: v.subresources } : {}) })),
      },
    });
  }
}
const out = join('schemas', 'gateway-api', release);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'crds.json'), JSON.stringify({ release, commit, source: 'https://github.com/kubernetes-sigs/gateway-api/tree/' + release + '/config/crd', crds }) + '\n');
