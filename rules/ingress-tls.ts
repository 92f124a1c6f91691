import { defineRule } from '../src/api/types.js';
import { isDns1123Subdomain } from '../src/k8s/dns.js';
import { hasAnnotation } from '../src/k8s/metadata.js';
import { isObject, objectsIn, valueAt } from '../src/k8s/objects.js';
import { canJudgeReferences } from '../src/k8s/references.js';
import type { ResourceIndex } from '../src/model/types.js';
import { closestTypo } from '../src/util/suggest.js';
import { view } from '../src/api/views.js';

/** Annotations that make cert-manager create the TLS Secret of an Ingress. */
const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer', 'cert-manager.io/issuer-name'];

export default defineRule({
  meta: {
    id: 'ingress-tls',
    description:
      'Each TLS host of an Ingress should be a host one of its rules serves, and its secretName should name a Secret of the namespace (or one that cert-manager, a SealedSecret or an ExternalSecret of the input creates).',
    remediation: 'Use the same host names in `tls.hosts` and `rules[].host`, and create the TLS Secret (or have cert-manager issue it).',
    category: 'ingress',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      hostNotServed:
        'TLS host {{host}} is served by no rule of this Ingress (rule hosts: {{hosts}}), so this certificate entry covers no route here. {{#suggestion}}Did you mean {{suggestion}}?{{/suggestion}}{{^suggestion}}{{#deeper}}A wildcard covers exactly one label: {{host}} does not cover {{deeper}}{{/deeper}}{{^deeper}}Fix the host, or add a rule for it{{/deeper}}{{/suggestion}}',
      secretMissing:
        'secretName {{secret}} names no Secret in namespace {{namespace}}, so the controller serves its default (untrusted) certificate for {{hosts}}. {{#suggestion}}Did you mean {{suggestion}}?{{/suggestion}}{{^suggestion}}Create the kubernetes.io/tls Secret, or let cert-manager issue it (cert-manager.io/cluster-issuer annotation){{/suggestion}}',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, settings, unjudged, report }) {
    const spec = ingress.object['spec'];
    if (!isObject(spec)) return;
    const rules = objectsIn(ingress.object, ['spec', 'rules']);
    const ruleHosts = rules.flatMap(({ value }) => (typeof value['host'] === 'string' && value['host'] !== '' ? [value['host']] : []));
    // A default backend or a rule without a host serves every host.
    const servesEveryHost = isObject(spec['defaultBackend']) || isObject(spec['backend']) || rules.some(({ value }) => typeof value['host'] !== 'string' || value['host'] === '');
    const certManager = CERT_MANAGER_ANNOTATIONS.some((key) => hasAnnotation(ingress.object, key));

    for (const { value: tls, path } of objectsIn(ingress.object, ['spec', 'tls'])) {
      const hosts = Array.isArray(tls['hosts']) ? tls['hosts'] : [];
      if (!servesEveryHost) {
        hosts.forEach((host: unknown, i) => {
          if (typeof host !== 'string' || host === '' || ruleHosts.some((ruleHost) => covers(host, ruleHost) || covers(ruleHost, host))) return;
          const deeper = host.startsWith('*.') ? ruleHosts.find((h) => h.endsWith(host.slice(1))) : undefined;
          report({
            messageId: 'hostNotServed',
            at: [...path, 'hosts', i],
            data: { host, hosts: ruleHosts.join(', ') || 'none', suggestion: closestTypo(host, ruleHosts), deeper },
          });
        });
      }
      const secret = tls['secretName'];
      // No secretName (the controller's default certificate) is allowed; an invalid one is ingress-fields' finding.
      if (typeof secret !== 'string' || secret === '' || !isDns1123Subdomain(secret) || certManager) continue;
      if (!canJudgeReferences({ index, settings, unjudged }, ['Secret'], ingress.namespace)) continue;
      if (index.find('Secret', ingress.namespace, secret) || producedSecrets(index).has(`${ingress.namespace}/${secret}`)) continue;
      const names = index.ofKindIn('Secret', ingress.namespace).map((r) => r.name);
      const shown = hosts.filter((h): h is string => typeof h === 'string');
      report({
        messageId: 'secretMissing',
        at: [...path, 'secretName'],
        data: {
          secret,
          namespace: ingress.namespace,
          hosts: shown.length > 0 ? shown.join(', ') : 'its hosts',
          suggestion: closestTypo(secret, names),
        },
        reference: { to: 'object', at: [...path, 'secretName'], target: { kind: 'Secret', namespace: ingress.namespace, name: secret }, problem: 'missing' },
      });
    }
  },
});

/** Whether host `a` covers host `b`: the same name, or `a` a `*.` wildcard one label above `b`. */
function covers(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.startsWith('*.')) return false;
  const dot = b.indexOf('.');
  return dot > 0 && b.slice(dot) === a.slice(1);
}

/**
 * The Secrets (`namespace/name`) that other objects of the input create: cert-manager Certificates
 * (`spec.secretName`), Bitnami SealedSecrets (their name), External Secrets ExternalSecrets
 * (`spec.target.name`, else their name). Built once per run.
 */
function producedSecrets(index: ResourceIndex): ReadonlySet<string> {
  return index.view(PRODUCED_SECRETS);
}

const PRODUCED_SECRETS = view('produced secrets', (idx) => {
  const produced = new Set<string>();
  for (const certificate of idx.ofKind('Certificate.cert-manager.io')) {
    const name = valueAt(certificate.object, ['spec', 'secretName']);
    if (typeof name === 'string') produced.add(`${certificate.namespace}/${name}`);
  }
  for (const sealed of idx.ofKind('SealedSecret.bitnami.com')) produced.add(`${sealed.namespace}/${sealed.name}`);
  for (const external of idx.ofKind('ExternalSecret.external-secrets.io')) {
    const target = valueAt(external.object, ['spec', 'target', 'name']);
    produced.add(`${external.namespace}/${typeof target === 'string' && target !== '' ? target : external.name}`);
  }
  return produced;
});
