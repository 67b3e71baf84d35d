import { describe, expect, it } from 'vitest';
import type { DaemonSet, KubeObject, Pod } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { aNode } from '../../testing/builders';
import { TestKubelet } from '../testing/testKubelet';
import { DaemonSetController, podNode } from './daemonSetController';

type DS = DaemonSet & KubeObject;

function ds(image: string, extra: Partial<NonNullable<DS['spec']>['template']['spec']> = {}): DS {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image }], ...extra },
      },
    },
  };
}

function setup(): Simulation {
  const s = new Simulation({
    controllers: [new DaemonSetController(), new TestKubelet({ readyAfterMs: 1000, terminateAfterMs: 500 })],
  });
  s.apply(aNode({ name: 'n0', labels: { disk: 'ssd' } }));
  s.apply(aNode({ name: 'n1' }));
  s.apply(
    aNode({ name: 'cp', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
  );
  return s;
}

const live = (s: Simulation): Array<Pod & KubeObject> =>
  s.store.list<Pod & KubeObject>('Pod', 'kube-system').filter((p) => !p.metadata.deletionTimestamp);
const nodesOf = (s: Simulation): string[] =>
  live(s)
    .map((p) => podNode(p) ?? '')
    .sort();

describe('DaemonSetController', () => {
  it('runs one pod on each node whose taints it tolerates, pinned by node affinity', () => {
    const s = setup();
    s.apply(ds('agent:1'));
    s.advance(5000);
    expect(nodesOf(s)).toEqual(['n0', 'n1']);
    expect(s.store.get<DS>('DaemonSet', 'kube-system', 'agent')?.status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 2,
    });
  });

  it('honours the nodeSelector and the tolerations of the template', () => {
    const s = setup();
    s.apply(ds('agent:1', { nodeSelector: { disk: 'ssd' } }));
    s.advance(5000);
    expect(nodesOf(s)).toEqual(['n0']);
    const s2 = setup();
    s2.apply(
      ds('agent:1', {
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        ],
      }),
    );
    s2.advance(5000);
    expect(nodesOf(s2)).toEqual(['cp', 'n0', 'n1']);
  });

  it('adds a pod to a node that joins later', () => {
    const s = setup();
    s.apply(ds('agent:1'));
    s.advance(5000);
    s.apply(aNode({ name: 'n2' }));
    s.advance(5000);
    expect(nodesOf(s)).toEqual(['n0', 'n1', 'n2']);
  });

  it('gives every daemon pod the tolerations upstream adds', () => {
    const s = setup();
    s.apply(ds('agent:1'));
    s.advance(1000);
    const keys = live(s)[0]?.spec?.tolerations?.map((t) => `${t.key}:${t.effect}`);
    expect(keys).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
  });

  it('a RollingUpdate with the default maxUnavailable 1 never leaves more than one node without an available pod', () => {
    const s = setup();
    s.apply(ds('agent:1'));
    s.advance(5000);
    s.apply(ds('agent:2'));
    let worst = 0;
    for (let i = 0; i < 40; i++) {
      s.advance(250);
      const ready = live(s).filter((p) =>
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      worst = Math.max(worst, 2 - new Set(ready.map((p) => p.spec?.nodeName)).size);
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(live(s).map((p) => p.spec?.containers[0]?.image)).toEqual(['agent:2', 'agent:2']);
  });
});
