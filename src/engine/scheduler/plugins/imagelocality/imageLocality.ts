/** ImageLocality (pkg/scheduler/framework/plugins/imagelocality/image_locality.go). */
import type { Plugin } from '../../framework/types';
import { normalizedImageName } from '../../framework/nodeInfo';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** Score: the sizes of the pod's images already on the node, scaled by how widely each is spread. */
export function imageLocality(): Plugin {
  return {
    name: 'ImageLocality',
    score(state, node) {
      // Without images on the node the sum is below the minimum threshold: score 0.
      if (node.images.size === 0) return 0;
      let names = state.data.get('ImageLocality') as string[] | undefined;
      if (!names) {
        const spec = state.pod.spec;
        names = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) =>
          normalizedImageName(c.image ?? ''),
        );
        state.data.set('ImageLocality', names);
      }
      const total = state.snapshot.nodes.length;
      let sum = 0;
      if (node.images.size > 0) {
        for (const name of names) {
          const size = node.images.get(name);
          if (size === undefined) continue;
          const spread = (state.snapshot.imageNodes.get(name) ?? 0) / total;
          sum += Math.trunc(size * spread);
        }
      }
      const max = MAX_CONTAINER_THRESHOLD * names.length;
      const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
      return Math.trunc((100 * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
    },
  };
}
