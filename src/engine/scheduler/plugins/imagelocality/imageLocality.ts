/** ImageLocality (pkg/scheduler/framework/plugins/imagelocality/image_locality.go). */
import type { CycleState, Plugin } from '../../framework/types';
import { normalizedImageName, type NodeInfo } from '../../framework/nodeInfo';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** The pod's normalized image names, once per cycle. */
function imageNames(state: CycleState): string[] {
  let names = state.data.get('ImageLocality') as string[] | undefined;
  if (!names) {
    const spec = state.pod.spec;
    names = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) =>
      normalizedImageName(c.image ?? ''),
    );
    state.data.set('ImageLocality', names);
  }
  return names;
}

/** Score: the sizes of the pod's images already on the node, scaled by how widely each is spread. */
export function imageLocality(): Plugin {
  return {
    name: 'ImageLocality',
    scoreNodes(state, nodes, out) {
      // No node has any of the pod's images: every sum is 0, below the threshold.
      const names = imageNames(state);
      if (!names.some((n) => state.snapshot.imageNodes.has(n))) out.fill(0, 0, nodes.length);
      else for (let i = 0; i < nodes.length; i++) out[i] = this.score?.(state, nodes[i] as NodeInfo) ?? 0;
    },
    score(state, node) {
      // Without images on the node the sum is below the minimum threshold: score 0.
      if (node.images.size === 0) return 0;
      const names = imageNames(state);
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
