/**
 * Which pod `kubectl logs deploy/web` reads: the first of the workload's pods in the order of
 * podutils.ByLogging (staging/src/k8s.io/kubectl/pkg/util/podutils/podutils.go), as GetFirstPod does.
 */
import { parseTimestamp } from '../api/time';
import type { KubeObject, Pod } from '../api/types';

type P = Pod & KubeObject;

function isReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function readyTime(p: Pod): number | undefined {
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? parseTimestamp(c.lastTransitionTime) : undefined;
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

const PHASE: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const phaseOrder = (p: Pod) => PHASE[p.status?.phase ?? ''] ?? 0;

/** afterOrZero(t1, t2): t1 is zero, or t1 is after t2. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** ByLogging.Less: negative when `a` is the better pod to read logs from. */
export function byLogging(a: P, b: P): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  // 1. assigned < unassigned
  if (an !== bn && (an === '' || bn === '')) return an !== '' ? -1 : 1;
  // 2. Running < Unknown < Pending
  if (phaseOrder(a) !== phaseOrder(b)) return phaseOrder(a) - phaseOrder(b);
  // 3. ready < not ready
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  // 4. been ready for more time < less time < empty time
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b))
    return afterOrZero(readyTime(b), readyTime(a)) ? -1 : 1;
  // 5. higher restart counts < lower restart counts
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  // 6. older < newer
  const ac = a.metadata.creationTimestamp ? parseTimestamp(a.metadata.creationTimestamp) : undefined;
  const bc = b.metadata.creationTimestamp ? parseTimestamp(b.metadata.creationTimestamp) : undefined;
  if (ac !== bc) return afterOrZero(bc, ac) ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** The pod GetFirstPod returns, and how many matched. */
export function firstPodForLogs(pods: readonly P[]): { pod: P | undefined; count: number } {
  const sorted = [...pods].sort(byLogging);
  return { pod: sorted[0], count: sorted.length };
}
