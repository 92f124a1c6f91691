import { defineRule } from '../src/api/types.js';
import { topLevelSetting } from '../src/k8s/kube-proxy.js';
import { objectAt } from '../src/k8s/objects.js';
import { closestMatch } from '../src/util/suggest.js';

/** kube-proxy's modes: iptables, ipvs and nftables on Linux, kernelspace on Windows; empty means the platform default. */
const MODES = ['iptables', 'ipvs', 'nftables', 'kernelspace'];

export default defineRule({
  meta: {
    id: 'kube-proxy-mode',
    description: 'The kube-proxy ConfigMap should not select the IPVS mode, which upstream is deprecating, nor a mode kube-proxy does not know.',
    remediation:
      'Set `mode: nftables` (stable since Kubernetes 1.33) or `mode: iptables` (or leave mode empty for the default) in the `config.conf` of the kube-system/kube-proxy ConfigMap.',
    category: 'service',
    defaultSeverity: 'warn',
    messages: {
      ipvs: 'kube-proxy mode {{value}} is being deprecated upstream: the IPVS mode gets no new features and is planned for removal. Use `mode: nftables` (stable since Kubernetes 1.33, needs kernel 5.13 or later) or `mode: iptables` (the default)',
      unknown:
        'kube-proxy mode {{value}} is not a mode kube-proxy knows{{#removed}} (the userspace mode was removed in Kubernetes 1.26){{/removed}}{{#suggestion}} (did you mean {{suggestion}}?){{/suggestion}}; kube-proxy rejects the configuration and does not start, so Services stop working on the nodes. Use nftables or iptables (Linux), kernelspace (Windows), or leave mode empty for the default',
    },
    kinds: ['ConfigMap'],
    schema: null,
    defaultOptions: {},
  },
  check(configMap, { report }) {
    if (configMap.name !== 'kube-proxy' || configMap.namespace !== 'kube-system') return;
    const data = objectAt(configMap.object, ['data']);
    const text = data?.['config.conf'];
    if (typeof text !== 'string') return;
    const mode = topLevelSetting(text, 'mode');
    // No mode, or `mode: ""`: the platform default (iptables on Linux).
    if (mode === undefined || mode.value === '') return;
    const at = ['data', 'config.conf'];
    const inValue = { line: mode.line, column: mode.column, length: mode.length };
    const value = JSON.stringify(mode.value);
    if (mode.value === 'ipvs') return report({ messageId: 'ipvs', at, inValue, data: { value } });
    if (MODES.includes(mode.value)) return;
    const removed = mode.value === 'userspace';
    report({ messageId: 'unknown', at, inValue, data: { value, removed, suggestion: removed ? undefined : closestMatch(mode.value, MODES) } });
  },
});
