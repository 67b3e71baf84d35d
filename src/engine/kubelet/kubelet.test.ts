import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Event, KubeObject, Pod } from '../api/types';
import { aDeployment, aNode, aPod } from '../testing/builders';
import type { Simulation } from '../core/simulation';

type P = Pod & KubeObject;

function pods(sim: Simulation): P[] {
  return sim.store.list<P>('Pod', 'default');
}

function reasons(sim: Simulation, name: string): string[] {
  return sim.store
    .list<Event & KubeObject>('Event', 'default')
    .filter((e) => e.involvedObject.name === name)
    .map((e) => e.reason ?? '');
}

function stateOf(p: P | undefined): string {
  const s = p?.status?.containerStatuses?.[0]?.state;
  return s?.running
    ? 'Running'
    : s?.terminated
      ? `Terminated:${s.terminated.reason}`
      : `Waiting:${s?.waiting?.reason}`;
}

describe('the kubelet runs pods (story 4)', () => {
  it('three replicas go ContainerCreating, then Running and Ready, each with an IP from its node podCIDR', () => {
    const sim = createCluster({ seed: 1, debug: true });
    for (let i = 1; i <= 3; i++) sim.apply(aNode({ name: `node-${i}` }));
    sim.apply(aDeployment({ replicas: 3, cpu: '250m', memory: '256Mi' }));
    sim.step(0);
    expect(pods(sim).map((p) => stateOf(p))).toEqual(Array(3).fill('Waiting:ContainerCreating'));
    expect(pods(sim).map((p) => p.status?.phase)).toEqual(['Pending', 'Pending', 'Pending']);
    sim.step(5000);
    for (const p of pods(sim)) {
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      const node = sim.store.get('Node', undefined, p.spec!.nodeName!)!;
      const cidr = (node.spec as { podCIDR: string }).podCIDR;
      expect(p.status?.podIP?.startsWith(cidr.replace('0/24', ''))).toBe(true);
      expect(reasons(sim, p.metadata.name)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    }
    const d = sim.store.get('Deployment', 'default', 'web')!;
    expect((d.status as { readyReplicas: number }).readyReplicas).toBe(3);
  });

  it('conditions appear in upstream order with PodScheduled kept from the scheduler', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(aPod({ name: 'a' }));
    sim.step(10_000);
    const p = sim.store.get<P>('Pod', 'default', 'a')!;
    expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(p.status?.qosClass).toBe('BestEffort');
  });

  const pullCases: Array<{ name: string; image: string; policy?: string; cached?: boolean; want: string[] }> =
    [
      {
        name: 'an image on no node is pulled, then the container is created and started',
        image: 'web:1.0',
        want: ['Pulling', 'Pulled', 'Created', 'Started'],
      },
      {
        name: 'an IfNotPresent image already on the node is not pulled again',
        image: 'web:1.0',
        cached: true,
        want: ['Pulled', 'Created', 'Started'],
      },
      {
        name: 'an Always image is pulled again even when on the node',
        image: 'web:1.0',
        policy: 'Always',
        cached: true,
        want: ['Pulling', 'Pulled', 'Created', 'Started'],
      },
      {
        name: 'a Never image missing from the node fails with ErrImageNeverPull',
        image: 'web:1.0',
        policy: 'Never',
        want: ['ErrImageNeverPull', 'Failed'],
      },
      {
        name: 'an image with a missing tag fails to pull and backs off (ErrImagePull, ImagePullBackOff)',
        image: 'web:doesnotexist',
        want: ['Pulling', 'Failed', 'Failed', 'BackOff', 'Failed'],
      },
    ];
  for (const c of pullCases)
    it(c.name, () => {
      const sim = createCluster({ seed: 1 });
      sim.apply(aNode());
      if (c.cached) {
        sim.apply(aPod({ name: 'warm', image: c.image }));
        sim.step(20_000);
      }
      const spec = {
        containers: [{ name: 'app', image: c.image, ...(c.policy ? { imagePullPolicy: c.policy } : {}) }],
      };
      sim.apply(aPod({ name: 'p', spec }));
      sim.step(sim.now + 5000);
      expect(new Set(reasons(sim, 'p').filter((r) => r !== 'Scheduled'))).toEqual(new Set(c.want));
    });

  it('an unpullable image alternates ErrImagePull and ImagePullBackOff with a growing back-off', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(aPod({ name: 'p', image: 'registry.invalid/web:1.0' }));
    const seen: string[] = [];
    for (let t = 0; t <= 40; t++) {
      sim.step(t * 1000);
      const s = stateOf(sim.store.get<P>('Pod', 'default', 'p'));
      if (seen[seen.length - 1] !== s) seen.push(s);
    }
    expect(seen.slice(0, 5)).toEqual([
      'Waiting:ContainerCreating',
      'Waiting:ErrImagePull',
      'Waiting:ImagePullBackOff',
      'Waiting:ErrImagePull',
      'Waiting:ImagePullBackOff',
    ]);
    const backoffs = sim.store
      .list<Event & KubeObject>('Event', 'default')
      .filter((e) => e.reason === 'Pulling')
      .map((e) => e.count);
    // Pulls at 0 s, 10.5 s and 31 s: the image back-off doubles from 10 s.
    expect(backoffs).toEqual([3]);
  });

  it('init containers run one after the other before the app container (PodInitializing)', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const spec = {
      initContainers: [
        { name: 'migrate', image: 'busybox:1.36' },
        { name: 'warm', image: 'busybox:1.36' },
      ],
      containers: [{ name: 'app', image: 'web:1.0' }],
    };
    sim.apply({
      ...aPod({ name: 'p', spec }),
      metadata: {
        name: 'p',
        namespace: 'default',
        annotations: { 'kubecanvas.dev/behavior': '{"startupSeconds": 3}' },
      },
    });
    sim.step(2000);
    let p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).toEqual([
      'running',
      'waiting',
    ]);
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(p.status?.conditions?.find((c) => c.type === 'Initialized')?.message).toBe(
      'containers with incomplete status: [migrate warm]',
    );
    sim.step(20_000);
    p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual([
      'Completed',
      'Completed',
    ]);
    expect(p.status?.phase).toBe('Running');
  });

  it('a deleted pod shows Terminating for its preStop hook and shutdown, then disappears', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const spec = {
      containers: [{ name: 'app', image: 'web:1.0', lifecycle: { preStop: { sleep: { seconds: 5 } } } }],
    };
    sim.apply(aPod({ name: 'p', spec }));
    sim.step(10_000);
    sim.delete('Pod', 'default', 'p');
    sim.step(15_000);
    expect(sim.store.get<P>('Pod', 'default', 'p')?.metadata.deletionTimestamp).toBeDefined();
    sim.step(16_000);
    expect(sim.store.get('Pod', 'default', 'p')).toBeUndefined();
    expect(reasons(sim, 'p')).toContain('Killing');
  });

  it('a container that completes under restartPolicy Never leaves the pod Succeeded', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply({
      ...aPod({ name: 'job', spec: { restartPolicy: 'Never' } }),
      metadata: {
        name: 'job',
        namespace: 'default',
        annotations: { 'kubecanvas.dev/behavior': '{"completeAfterSeconds": 5}' },
      },
    });
    sim.step(30_000);
    const p = sim.store.get<P>('Pod', 'default', 'job')!;
    expect(p.status?.phase).toBe('Succeeded');
    expect(p.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.reason).toBe('PodCompleted');
  });

  const admissionCases: Array<{ name: string; pod: P; reason: string; message: string }> = [
    {
      name: 'a pod written onto a full node is refused with OutOfcpu',
      pod: aPod({ name: 'p', nodeName: 'node-1', cpu: '3' }),
      reason: 'OutOfcpu',
      message:
        "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 2000, capacity: 4000",
    },
    {
      name: 'a pod whose nodeSelector the node does not match is refused with NodeAffinity',
      pod: aPod({ name: 'p', nodeName: 'node-1', nodeSelector: { disk: 'ssd' } }),
      reason: 'NodeAffinity',
      message:
        "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    },
  ];
  for (const c of admissionCases)
    it(c.name, () => {
      const sim = createCluster({ seed: 1, debug: true });
      sim.apply(aNode({ name: 'node-1', cpu: '4' }));
      sim.apply(aPod({ name: 'first', cpu: '2' }));
      sim.step(5000);
      sim.apply(c.pod);
      sim.step(6000);
      const p = sim.store.get<P>('Pod', 'default', 'p')!;
      expect(p.status).toMatchObject({ phase: 'Failed', reason: c.reason, message: c.message });
      expect(reasons(sim, 'p')).toContain(c.reason);
    });

  it('a container whose image changes in place is killed and started again with the new image', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(aPod({ name: 'p', image: 'web:1.0' }));
    sim.step(10_000);
    sim.apply(aPod({ name: 'p', image: 'web:2.0' }));
    sim.step(20_000);
    const s = sim.store.get<P>('Pod', 'default', 'p')?.status?.containerStatuses?.[0];
    expect(s?.image).toBe('docker.io/library/web:2.0');
    expect(s?.restartCount).toBe(1);
    expect(s?.state?.running).toBeDefined();
  });

  it("a Job's pod runs to completion without any behaviour annotation, and the Job completes", () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'default' },
      spec: {
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'migrate:1.0' }] },
        },
      },
    });
    sim.step(60_000);
    const job = sim.store.get('Job', 'default', 'migrate')!;
    expect((job.status as { succeeded?: number }).succeeded).toBe(1);
  });

  it('the kubelet adds the registration labels a node lacks', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' } });
    sim.step(1000);
    expect(sim.store.get('Node', undefined, 'bare')?.metadata.labels).toEqual({
      'kubernetes.io/hostname': 'bare',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
    });
  });

  it('a sidecar (an init container with restartPolicy Always) starts first and keeps running beside the app', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const spec = {
      initContainers: [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }],
      containers: [{ name: 'app', image: 'web:1.0' }],
    };
    sim.apply(aPod({ name: 'p', spec }));
    sim.step(30_000);
    const p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    expect(p.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    expect(p.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    expect(p.status?.phase).toBe('Running');
  });

  it('a preStop hook longer than the grace period is cut at the grace period', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const spec = {
      terminationGracePeriodSeconds: 10,
      containers: [
        {
          name: 'app',
          image: 'web:1.0',
          lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 60'] } } },
        },
      ],
    };
    sim.apply(aPod({ name: 'p', spec }));
    sim.step(10_000);
    sim.delete('Pod', 'default', 'p');
    sim.step(20_000);
    expect(sim.store.get('Pod', 'default', 'p')).toBeDefined();
    sim.step(22_000);
    expect(sim.store.get('Pod', 'default', 'p')).toBeUndefined();
  });

  const policyCases: Array<{
    name: string;
    policy: string;
    behavior: string;
    phase: string;
    restarts: number;
  }> = [
    {
      name: 'a crash under Never fails the pod',
      policy: 'Never',
      behavior: '{"crashAfterSeconds": 3}',
      phase: 'Failed',
      restarts: 0,
    },
    {
      name: 'a crash under OnFailure restarts the container',
      policy: 'OnFailure',
      behavior: '{"crashAfterSeconds": 3}',
      phase: 'Running',
      restarts: 2,
    },
    {
      name: 'a clean exit under OnFailure completes the pod',
      policy: 'OnFailure',
      behavior: '{"completeAfterSeconds": 3}',
      phase: 'Succeeded',
      restarts: 0,
    },
    {
      name: 'a clean exit under Always restarts the container',
      policy: 'Always',
      behavior: '{"completeAfterSeconds": 3}',
      phase: 'Running',
      restarts: 2,
    },
    {
      name: 'an exit code 0 crash under Never succeeds',
      policy: 'Never',
      behavior: '{"crashAfterSeconds": 3, "exitCode": 0}',
      phase: 'Succeeded',
      restarts: 0,
    },
  ];
  for (const c of policyCases)
    it(`restartPolicy: ${c.name}`, () => {
      const sim = createCluster({ seed: 1 });
      sim.apply(aNode());
      const p = aPod({ name: 'p', spec: { restartPolicy: c.policy } });
      sim.apply({
        ...p,
        metadata: { ...p.metadata, annotations: { 'kubecanvas.dev/behavior': c.behavior } },
      });
      sim.step(30_000);
      const s = sim.store.get<P>('Pod', 'default', 'p')!.status!;
      expect(s.phase).toBe(c.phase);
      expect(s.containerStatuses?.[0]?.restartCount).toBe(c.restarts);
    });

  it('a readiness gate holds Ready until its condition is True', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(aPod({ name: 'p', spec: { readinessGates: [{ conditionType: 'example.com/lb-ready' }] } }));
    sim.step(10_000);
    let p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/lb-ready" does not exist.',
    });
    expect(p.status?.conditions?.find((c) => c.type === 'ContainersReady')?.status).toBe('True');
    const conditions = [...(p.status?.conditions ?? []), { type: 'example.com/lb-ready', status: 'True' }];
    sim.store.apply({ type: 'update', object: { ...p, status: { ...p.status, conditions } } });
    sim.step(20_000);
    p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});

describe('activeDeadlineSeconds', () => {
  it('a pod past its deadline is Failed with DeadlineExceeded and its containers stopped', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(aPod({ name: 'p', spec: { activeDeadlineSeconds: 20 } }));
    sim.step(19_000);
    expect(sim.store.get<P>('Pod', 'default', 'p')?.status?.phase).toBe('Running');
    sim.step(21_000);
    const s = sim.store.get<P>('Pod', 'default', 'p')!.status!;
    expect(s).toMatchObject({
      phase: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline',
    });
    expect(s.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(137);
  });
});

describe('node heartbeats', () => {
  it('the Lease is renewed every 10 s, once, however often the node is synced', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n' }));
    let renewals = 0;
    sim.watch((e) => {
      if (e.object.kind === 'Lease' && e.object.metadata.name === 'n') renewals++;
    });
    for (let i = 0; i < 5; i++) {
      sim.step(i * 7000);
      // Re-applying the node without its registration labels makes the kubelet sync it again.
      sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } });
    }
    const before = renewals;
    sim.step(100_000);
    // The extra sync of the last re-apply (at 28 s), then one chain: 30, 40, ..., 100 s. Every re-apply
    // starting a chain of its own would give five renewals every 10 s.
    expect(renewals - before).toBe(9);
  });
});
