/**
 * A test-only stand-in for the scheduler and kubelet, so controller tests need neither: binds pending
 * pods round-robin to the nodes in the store (a daemon pod to the node its affinity names), marks them Running and Ready after `readyAfterMs`, and
 * removes pods with a deletionTimestamp after `terminateAfterMs`. Not a model of either component.
 */
import type { KubeObject, Pod } from '../../api/types';
import { keyOf } from '../../api/meta';
import { timestamp } from '../../api/time';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { podNode } from '../daemonset/daemonSetController';

type P = Pod & KubeObject;

/** Options of the TestKubelet. */
export interface TestKubeletOptions {
  readyAfterMs?: number;
  terminateAfterMs?: number;
}

/** The test kubelet (name `test-kubelet`). */
export class TestKubelet implements Controller {
  readonly name = 'test-kubelet';
  private next = 0;
  private nodes: string[] = [];
  constructor(private readonly options: TestKubeletOptions = {}) {}

  setup(s: ControllerSetup): void {
    s.watch('Node', (e) => {
      if (e.type === 'ADDED') this.nodes.push(e.object.metadata.name);
    });
    s.watch('Pod', (e) => {
      if (e.type !== 'DELETED') s.enqueue(keyOf(e.object));
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const pod = ctx.store.getByKey<P>(key);
    if (!pod) return;
    if (pod.metadata.deletionTimestamp) {
      const at = this.options.terminateAfterMs ?? 0;
      const since =
        ctx.now -
        (pod.metadata.annotations?.['test/terminating-since']
          ? Number(pod.metadata.annotations['test/terminating-since'])
          : ctx.now);
      if (!pod.metadata.annotations?.['test/terminating-since'] && at > 0) {
        const annotations = { ...pod.metadata.annotations, 'test/terminating-since': String(ctx.now) };
        ctx.update({ ...pod, metadata: { ...pod.metadata, annotations } });
        ctx.enqueueAfter(at, key);
      } else if (since >= at) ctx.delete(pod, { gracePeriodSeconds: 0 });
      return;
    }
    if (!pod.spec?.nodeName) {
      const pinned = podNode(pod);
      const node = pinned ?? (this.nodes.length ? this.nodes[this.next++ % this.nodes.length] : 'test-node');
      ctx.update({ ...pod, spec: { ...pod.spec!, nodeName: node } });
      ctx.enqueueAfter(this.options.readyAfterMs ?? 1000, key);
      return;
    }
    if (pod.status?.phase === 'Pending' && pod.metadata.creationTimestamp) {
      const t = timestamp(ctx.now);
      const status = {
        ...pod.status,
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }],
      };
      ctx.update({ ...pod, status });
    }
  }
}
