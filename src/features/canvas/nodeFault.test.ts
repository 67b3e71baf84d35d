import { describe, expect, it } from 'vitest';
import {
  createCluster,
  failNode,
  NODE_MONITOR_GRACE_PERIOD_MS,
  type KubeObject,
  type Node,
} from '../../engine';
import { TEMPLATES } from '../../store';
import { apiSaysReady, faultText, machineDown, NODE_LEASE_NAMESPACE, noticeAt } from './nodeFault';

type N = Node & KubeObject;

describe("a failed node's badge", () => {
  it.each([61_000, 64_300, 68_900])(
    'counts down to the moment the node lifecycle controller marks the node (failed at %i ms)',
    (failAt) => {
      const sim = createCluster({ seed: 3 });
      for (const o of TEMPLATES['talk-app']?.objects() ?? []) sim.apply(o);
      sim.advance(failAt);
      failNode(sim, 'node-2');
      const node = () => sim.store.get<N>('Node', undefined, 'node-2') as N;
      const lease = () => sim.store.get('Lease', NODE_LEASE_NAMESPACE, 'node-2');
      expect(machineDown(node())).toBe(true);
      const predicted = noticeAt(lease()) as number;
      // The grace period is the engine's (50 s in current releases), counted from the last heartbeat.
      expect(predicted - failAt).toBeGreaterThan(NODE_MONITOR_GRACE_PERIOD_MS - 10_000);
      expect(predicted - failAt).toBeLessThanOrEqual(NODE_MONITOR_GRACE_PERIOD_MS + 5_000);
      expect(faultText(node(), lease(), sim.now).detail).toBe(
        `Kubernetes notices in ${Math.ceil((predicted - sim.now) / 1000)} s (grace period 50 s)`,
      );
      // Kubernetes still says Ready until then, and not after.
      sim.advance(predicted - 1 - sim.now);
      expect(apiSaysReady(node())).toBe(true);
      expect(faultText(node(), lease(), sim.now).detail).toBe(
        'Kubernetes notices in 1 s (grace period 50 s)',
      );
      sim.advance(1);
      expect(apiSaysReady(node())).toBe(false);
      expect(faultText(node(), lease(), sim.now)).toEqual({
        title: 'VM down',
        detail: 'Kubernetes marked the node NotReady',
      });
    },
  );
});
