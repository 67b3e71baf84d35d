/** VolumeZone (pkg/scheduler/framework/plugins/volumezone/volume_zone.go). */
import type { Plugin } from '../../framework/types';
import { SKIP, unresolvable } from '../../framework/types';
import { podClaims } from '../helper/volumes';

export const ERR_REASON_CONFLICT = 'node(s) had no available volume zone';

const TOPOLOGY_LABELS = [
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
];

/** Filter: a bound volume's zone and region labels must equal the node's (values may be `__`-joined sets). */
export function volumeZone(): Plugin {
  const KEY = 'VolumeZone';
  return {
    name: KEY,
    preFilter(state) {
      const wanted: Array<[string, Set<string>]> = [];
      for (const c of podClaims(state.pod, state.snapshot.store)) {
        const labels = c.volume?.metadata.labels ?? {};
        for (const k of TOPOLOGY_LABELS)
          if (labels[k] !== undefined) wanted.push([k, new Set((labels[k] as string).split('__'))]);
      }
      if (wanted.length === 0) return SKIP;
      state.data.set(KEY, wanted);
      return undefined;
    },
    filter(state, node) {
      // A node without any topology label satisfies every volume (upstream: hasAnyNodeConstraint).
      if (!TOPOLOGY_LABELS.some((k) => k in node.labels)) return undefined;
      for (const [k, values] of state.data.get(KEY) as Array<[string, Set<string>]>) {
        const v = node.labels[k];
        if (v === undefined || !values.has(v)) return unresolvable(ERR_REASON_CONFLICT);
      }
      return undefined;
    },
  };
}
