import { defineRule } from '../src/api/types.js';
import { albGroupOf, hasCertificateSource, ingressClassParams, isAlbIngress, groupListeners, LISTEN_PORTS, listenPorts, SSL_REDIRECT } from '../src/k8s/aws/alb.js';
import { parseGoInt } from '../src/k8s/aws/parse.js';
import { annotationValue } from '../src/k8s/metadata.js';

const AT_LISTEN_PORTS = ['metadata', 'annotations', LISTEN_PORTS] as const;

export default defineRule({
  meta: {
    id: 'aws-alb-listeners',
    description:
      'ALB listeners must be consistent: listen-ports entries are {"HTTP"|"HTTPS": <number>}, ssl-redirect names an HTTPS listener, and every HTTPS listener has a certificate source.',
    remediation:
      'Write listen-ports as `[{"HTTP": 80}, {"HTTPS": 443}]`, point ssl-redirect at an HTTPS entry, and give HTTPS a certificate (certificate-arn, or hosts for ACM discovery).',
    category: 'aws',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      protocolCase: 'listen-ports protocol "{{protocol}}" must be upper case; the controller fails with "listen protocol must be within [HTTP, HTTPS]". Write "{{upper}}"',
      badProtocol: 'listen-ports protocol "{{protocol}}" is not HTTP or HTTPS, the only listener protocols of an ALB; the controller rejects it',
      stringPort: 'listen-ports port {{port}} of "{{protocol}}" is a JSON string; the controller needs a number and fails to parse it. Write {"{{protocol}}": {{bare}}}',
      badPort: 'listen-ports port {{port}} of "{{protocol}}" is not a port number within 1-65535; the controller rejects it',
      sslRedirectNoListener:
        'ssl-redirect {{port}} names no listener: the listeners are {{listeners}}; the controller fails with "listener does not exist for SSLRedirect port". Add {"HTTPS": {{port}}} to `alb.ingress.kubernetes.io/listen-ports`',
      sslRedirectNotHttps:
        'ssl-redirect {{port}} names an HTTP listener; the controller fails with "listener protocol non-SSL for SSLRedirect port". Point it at an HTTPS port of listen-ports{{#https}}, such as {{https}}{{/https}}',
      httpsWithoutCertificate:
        'listen-ports opens HTTPS {{port}}, but this Ingress has no certificate source: no certificate-arn, no create-acm-cert and no host in spec.rules or spec.tls for certificate discovery, so the HTTPS listener cannot be built. Set `alb.ingress.kubernetes.io/certificate-arn`',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, report }) {
    if (!isAlbIngress(ingress, index)) return;
    const params = ingressClassParams(ingress, index);
    const ports = listenPorts(ingress, params);
    if (ports.source === 'annotation') {
      for (const { protocol, port } of ports.entries) {
        const upper = protocol.toUpperCase();
        if (protocol !== 'HTTP' && protocol !== 'HTTPS') {
          report({ messageId: upper === 'HTTP' || upper === 'HTTPS' ? 'protocolCase' : 'badProtocol', at: AT_LISTEN_PORTS, data: { protocol, upper } });
        }
        const shown = upper === 'HTTP' || upper === 'HTTPS' ? upper : protocol;
        if (typeof port === 'string') {
          const bare = /^[0-9]+$/.test(port.trim()) ? port.trim() : '443';
          report({ messageId: 'stringPort', at: AT_LISTEN_PORTS, data: { port: JSON.stringify(port), protocol: shown, bare } });
        } else if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
          report({ messageId: 'badPort', at: AT_LISTEN_PORTS, data: { port: JSON.stringify(port) ?? String(port), protocol: shown } });
        }
      }
    }

    const group = albGroupOf(ingress, index);
    const redirect = annotationValue(ingress.object, SSL_REDIRECT);
    const redirectPort = redirect === undefined ? undefined : parseGoInt(redirect);
    const paramsRedirect = typeof params === 'object' && params['sslRedirectPort'] !== undefined;
    if (redirectPort?.ok && params !== 'unknown' && !paramsRedirect) {
      // The redirect port must be an HTTPS listener of the whole group.
      const listeners = groupListeners(ingress, index);
      const protocols = listeners.ports.get(redirectPort.value);
      const at = ['metadata', 'annotations', SSL_REDIRECT];
      const https = [...listeners.ports].filter(([, p]) => p.has('HTTPS')).map(([port]) => port);
      if (protocols === undefined) {
        // In a named group, an Ingress outside the input may hold the listener.
        if (listeners.complete && group.name === undefined) {
          const all = [...listeners.ports].flatMap(([port, set]) => [...set].map((p) => `${p} ${port}`));
          report({ messageId: 'sslRedirectNoListener', at, data: { port: redirectPort.value, listeners: all.join(', ') || 'none' } });
        }
      } else if (!protocols.has('HTTPS')) {
        report({ messageId: 'sslRedirectNotHttps', at, data: { port: redirectPort.value, https: https.length > 0 ? https.join(' or ') : undefined } });
      }
    }

    // An HTTPS listener needs a certificate; in a named group another Ingress may bring it.
    if (ports.source === 'annotation' && group.name === undefined && !hasCertificateSource(ingress, params)) {
      for (const [port, protocol] of ports.ports) {
        if (protocol === 'HTTPS') report({ messageId: 'httpsWithoutCertificate', at: AT_LISTEN_PORTS, data: { port } });
      }
    }
  },
});
