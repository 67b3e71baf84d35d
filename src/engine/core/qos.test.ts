/**
 * QoS classes: cases ported from pkg/apis/core/helper/qos/qos_test.go TestComputePodQOS (container
 * resources; zero quantities and other resources ignored), and the class written at creation
 * (pkg/registry/core/pod/strategy.go PrepareForCreate) so `kubectl describe pod` shows it while Pending.
 */
import { describe, expect, it } from 'vitest';
import type { Container, KubeObject, Pod } from '../api/types';
import { KUBERNETES_VERSION } from '../api/version';
import { createCluster } from '../cluster';
import { runCommand } from '../commands';
import { aNode, aPod } from '../testing/builders';
import { computePodQOS } from './qos';

type R = Record<string, string>;

function c(name: string, requests: R = {}, limits: R = {}): Container {
  return { name, image: 'app:1', resources: { requests, limits } };
}

function pod(containers: Container[], init: Container[] = []): Pod {
  return { spec: { containers, ...(init.length ? { initContainers: init } : {}) } };
}

describe('ComputePodQOS (qos_test.go TestComputePodQOS)', () => {
  const cases: Array<{ name: string; pod: Pod; want: string }> = [
    { name: 'best-effort-best-effort', pod: pod([c('a'), c('b')]), want: 'BestEffort' },
    { name: 'best-effort', pod: pod([c('a')]), want: 'BestEffort' },
    {
      name: 'best-effort-burstable (other resources do not count)',
      pod: pod([c('a', {}, { 'nvidia.com/gpu': '1' }), c('b', { cpu: '1' })]),
      want: 'Burstable',
    },
    {
      name: 'best-effort (only other resources)',
      pod: pod([c('a', {}, { 'nvidia.com/gpu': '2' })]),
      want: 'BestEffort',
    },
    {
      name: 'guaranteed-guaranteed',
      pod: pod([
        c('a', { cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }),
        c('b', { cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }),
      ]),
      want: 'Guaranteed',
    },
    {
      name: 'guaranteed with requests written differently (0.1 and 100m are one quantity)',
      pod: pod([c('a', { cpu: '0.1', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' })]),
      want: 'Guaranteed',
    },
    {
      name: 'best-effort-guaranteed',
      pod: pod([c('a', { cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }), c('b')]),
      want: 'Burstable',
    },
    {
      name: 'burstable-cpu-guaranteed-memory',
      pod: pod([c('a', { cpu: '100m', memory: '100Mi' }, { memory: '100Mi' })]),
      want: 'Burstable',
    },
    {
      name: 'burstable-no-limits',
      pod: pod([c('a', { cpu: '100m', memory: '100Mi' })]),
      want: 'Burstable',
    },
    {
      name: 'burstable-guaranteed',
      pod: pod([
        c('a', { cpu: '1', memory: '100Mi' }, { cpu: '2', memory: '100Mi' }),
        c('b', { cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }),
      ]),
      want: 'Burstable',
    },
    {
      name: 'burstable-unbounded-but-requests-match-limits',
      pod: pod([
        c('a', { cpu: '100m', memory: '100Mi' }, { cpu: '200m', memory: '200Mi' }),
        c('b', { cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }),
      ]),
      want: 'Burstable',
    },
    {
      name: 'burstable-1 (zero requests are ignored)',
      pod: pod([c('a', { cpu: '0', memory: '100Mi' }, { memory: '100Mi' })]),
      want: 'Burstable',
    },
    {
      name: 'best-effort-zero (zero quantities are not set)',
      pod: pod([c('a', { cpu: '0', memory: '0' })]),
      want: 'BestEffort',
    },
    {
      name: 'init containers count: a burstable init container makes the pod Burstable',
      pod: pod(
        [c('a', { cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' })],
        [c('init', { cpu: '100m' })],
      ),
      want: 'Burstable',
    },
  ];
  for (const t of cases) it(t.name, () => expect(computePodQOS(t.pod)).toBe(t.want));
});

describe('status.qosClass at creation (strategy.go PrepareForCreate)', () => {
  it('a Pending pod has its QoS class, and describe pod shows it', () => {
    const sim = createCluster({ seed: 1 });
    // No node: the pod stays Pending, untouched by any kubelet.
    sim.apply(aPod({ name: 'web', cpu: '100m', memory: '64Mi' }));
    sim.step(1000);
    const p = sim.store.get<Pod & KubeObject>('Pod', 'default', 'web')!;
    expect(p.spec?.nodeName).toBeUndefined();
    expect(p.status?.qosClass).toBe('Burstable');
    const out = runCommand(sim, 'kubectl describe pod web').output;
    expect(out).toMatch(/^QoS Class: +Burstable$/m);
  });
});

describe('the cluster has one version', () => {
  it('kubelets, kubectl version and describe node all say KUBERNETES_VERSION (1.36, the schema io validates with)', () => {
    expect(KUBERNETES_VERSION).toMatch(/^v1\.36\.\d+$/);
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n1' }));
    sim.step(2000);
    const n = sim.store.get('Node', undefined, 'n1') as KubeObject & {
      status?: { nodeInfo?: { kubeletVersion?: string } };
    };
    expect(n.status?.nodeInfo?.kubeletVersion).toBe(KUBERNETES_VERSION);
    expect(runCommand(sim, 'kubectl version').output).toBe(
      `Client Version: ${KUBERNETES_VERSION}\nServer Version: ${KUBERNETES_VERSION}`,
    );
    expect(runCommand(sim, 'kubectl version --client').output).toBe(`Client Version: ${KUBERNETES_VERSION}`);
    expect(runCommand(sim, 'kubectl describe node n1').output).toMatch(
      new RegExp(`^  Kubelet Version: +${KUBERNETES_VERSION.replace(/\./g, '\\.')}$`, 'm'),
    );
    expect(runCommand(sim, 'kubectl get nodes').output).toContain(KUBERNETES_VERSION);
  });
});
