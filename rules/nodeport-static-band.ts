import { defineRule } from '../src/api/types.js';
import { inNodePortRange, nodePortClaims, staticNodePortBand } from '../src/k8s/nodeports.js';

export default defineRule({
  meta: {
    id: 'nodeport-static-band',
    description: 'A hand-picked node port should come from the static band at the bottom of the range, which the allocator uses for automatic ports only as a last resort.',
    remediation: 'Move fixed node ports into the static band (30000-30085 for the default range), or leave nodePort out.',
    category: 'nodeport',
    defaultSeverity: 'warn',
    messages: {
      dynamicBand:
        '{{field}} {{port}} is in the band {{dynamicMin}}-{{dynamicMax}} that Kubernetes allocates automatic node ports from, so another Service may take it first and this apply then fails. Pick a port in the static band {{staticMin}}-{{staticMax}}, or leave it out',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { settings, report }) {
    const range = settings.nodePortRange;
    const band = staticNodePortBand(range);
    if (!band) return;
    for (const claim of nodePortClaims(service)) {
      if (!inNodePortRange(claim.nodePort, range) || claim.nodePort <= band.max) continue;
      const field = claim.path.at(-1) === 'healthCheckNodePort' ? 'healthCheckNodePort' : 'nodePort';
      report({
        messageId: 'dynamicBand',
        at: claim.path,
        data: { field, port: claim.nodePort, dynamicMin: band.max + 1, dynamicMax: range.max, staticMin: band.min, staticMax: band.max },
      });
    }
  },
});
