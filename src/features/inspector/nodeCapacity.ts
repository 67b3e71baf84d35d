/**
 * Resizing a Node (a VM) from the inspector. The authored Node carries its capacity in status, but the
 * API server keeps a live object's status on apply and the kubelet reposts the live capacity, so an edit
 * of the authored copy alone would not reach the cluster. This gives the live Node the authored capacity
 * and allocatable, as a kubelet restarted on a resized VM would report them.
 */
import type { KubeObject, Node } from '../../engine';

type Resources = Record<string, string>;

function same(a: Resources | undefined, b: Resources | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => a?.[k] === b?.[k]);
}

/** The live Node with the authored capacity and allocatable, or undefined when they already agree. */
export function resizedNode(live: Node & KubeObject, authored: KubeObject): (Node & KubeObject) | undefined {
  const want = (authored.status ?? {}) as { capacity?: Resources; allocatable?: Resources };
  if (!want.capacity) return undefined;
  const capacity = { ...live.status?.capacity, ...want.capacity };
  const allocatable = { ...live.status?.allocatable, ...(want.allocatable ?? want.capacity) };
  if (same(capacity, live.status?.capacity) && same(allocatable, live.status?.allocatable)) return undefined;
  return { ...live, status: { ...live.status, capacity, allocatable } };
}
