/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): claims must exist,
 * immediate claims must be bound, a bound volume's nodeAffinity must admit the node, and a
 * WaitForFirstConsumer claim's StorageClass allowedTopologies must admit it.
 */
import { nodeSelectorMatches, nodeSelectorTermMatches } from '../../../api/labels';
import type { Plugin } from '../../framework/types';
import { SKIP, unresolvable } from '../../framework/types';
import { podClaims, type ClaimInfo } from '../helper/volumes';

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

/** PreFilter and Filter over the pod's claims. */
export function volumeBinding(): Plugin {
  const KEY = 'VolumeBinding';
  return {
    name: KEY,
    preFilter(state) {
      const claims = podClaims(state.pod, state.snapshot.store);
      if (claims.length === 0) return SKIP;
      for (const c of claims) {
        if (!c.claim) return { status: unresolvable(`persistentvolumeclaim "${c.name}" not found`) };
        if (c.claim.metadata.deletionTimestamp)
          return { status: unresolvable(`persistentvolumeclaim "${c.name}" is being deleted`) };
      }
      const immediate = claims.some(
        (c) => !c.claim?.spec?.volumeName && c.storageClass?.volumeBindingMode !== 'WaitForFirstConsumer',
      );
      if (immediate) return { status: unresolvable(ERR_REASON_UNBOUND_IMMEDIATE) };
      state.data.set(KEY, claims);
      return undefined;
    },
    filter(state, node) {
      for (const c of state.data.get(KEY) as ClaimInfo[]) {
        const required = c.volume?.spec?.nodeAffinity?.required;
        if (c.volume) {
          if (required && !nodeSelectorMatches(required, node.node))
            return unresolvable(ERR_REASON_NODE_CONFLICT);
          continue;
        }
        const topologies = c.storageClass?.allowedTopologies ?? [];
        const ok =
          topologies.length === 0 ||
          topologies.some((t) =>
            nodeSelectorTermMatches(
              {
                matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({
                  key: e.key,
                  operator: 'In',
                  values: e.values,
                })),
              },
              node.node,
            ),
          );
        if (!ok) return unresolvable(ERR_REASON_BIND_CONFLICT);
      }
      return undefined;
    },
  };
}
