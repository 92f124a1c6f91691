import { definePackRule } from '../src/policy/pack.js';

/** The policies are data: policies/pack/ingress-nginx-annotations.yaml. */
export default definePackRule({
  id: 'ingress-nginx-annotations',
  description:
    'ingress-nginx annotations that inject controller configuration: `*-snippet` annotations and `allow-snippet-annotations: "true"` (CVE-2021-25742, CVE-2023-5043), directives in annotation values (CVE-2021-25746), and URL annotations that break out of their value (`permanent-redirect` CVE-2023-5044, `auth-url` CVE-2025-24514, `mirror-*` CVE-2025-1098).',
  remediation: 'Remove the snippet annotation (use a dedicated annotation or the controller ConfigMap), and keep annotation values plain values and URLs.',
  category: 'policy',
  defaultSeverity: 'warn',
  kinds: ['Ingress', 'ConfigMap'],
  schema: null,
  defaultOptions: {},
});
