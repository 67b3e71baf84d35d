import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster, type KubeObject } from '../engine';
import { applyOrder } from './applyOrder';
import { exportManifests, NODE_STATUS_ANNOTATION, restoreSimulated } from './export';
import { importManifests, withoutServerFields } from './import';
import { format } from './issues';

const obj = (kind: string, name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name },
  ...extra,
});

const docs = (yaml: string): unknown[] => parseAllDocuments(yaml).map((d) => d.toJS() as unknown);

describe('exporting', () => {
  it('writes objects in apply order, keeping the given order within a rank', () => {
    const kinds = [
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'Ingress',
      'Deployment',
      'Service',
      'Secret',
      'ConfigMap',
      'PersistentVolumeClaim',
      'PriorityClass',
      'StorageClass',
      'Namespace',
    ];
    expect(applyOrder(kinds.map((k) => ({ kind: k }))).map((o) => o.kind)).toEqual(
      [...kinds].reverse().map((k) => (k === 'ConfigMap' ? 'Secret' : k === 'Secret' ? 'ConfigMap' : k)),
    );
  });

  it('leaves out simulation annotations unless asked, and drops an emptied annotations map', () => {
    const cm = obj('ConfigMap', 'c', {
      metadata: { name: 'c', annotations: { 'kubecanvas.dev/behaviour': 'x' } },
    });
    expect(exportManifests([cm])).not.toContain('annotations');
    expect(exportManifests([cm], { includeSimulation: true })).toContain('kubecanvas.dev/behaviour: x');
  });

  it('leaves out simulator-only kinds (a NodeGroup) unless asked, since no API server knows them', () => {
    const group = { ...obj('NodeGroup', 'pool'), apiVersion: 'kubecanvas.dev/v1alpha1' };
    const cm = obj('ConfigMap', 'c');
    expect(exportManifests([group, cm])).not.toContain('NodeGroup');
    expect(exportManifests([group, cm], { includeSimulation: true })).toContain('kind: NodeGroup');
  });

  it('orders keys as kubectl writes them: apiVersion, kind, metadata, spec', () => {
    const svc = {
      spec: { ports: [{ port: 80 }] },
      metadata: { name: 's' },
      kind: 'Service',
      apiVersion: 'v1',
    } as KubeObject;
    expect(
      exportManifests([svc])
        .split('\n')
        .filter((l) => /^\S/.test(l)),
    ).toEqual(['apiVersion: v1', 'kind: Service', 'metadata:', 'spec:']);
  });

  it('exports one namespace, or the selection', () => {
    const a = obj('ConfigMap', 'a', { metadata: { name: 'a', namespace: 'x' } });
    const b = obj('ConfigMap', 'b', { metadata: { name: 'b', namespace: 'y' } });
    expect(docs(exportManifests([a, b], { namespace: 'y' }))).toEqual([b]);
    expect(docs(exportManifests([a, b], { selection: new Set(['ConfigMap/x/a']) }))).toEqual([a]);
  });

  it('quotes strings that would read back as other types', () => {
    const cm = obj('ConfigMap', 'q', { data: { a: 'true', b: '080', c: '1e3', d: 'null', e: '<b>&' } });
    expect(docs(exportManifests([cm]))).toEqual([cm]);
  });
});

describe('round trip of real manifests', () => {
  it.each(['nginx-deployment.yaml', 'ingress-nginx-deploy.yaml', 'microservices-demo.yaml'])(
    'importing %s and exporting keeps every field and value, and importing the export gives the same design',
    async (f) => {
      const text = readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8');
      const first = await importManifests(text, f);
      if (!first.ok) throw new Error(first.issues.map((i) => i.message).join('\n'));
      const sim = createCluster({ seed: 1 });
      for (const o of first.objects) sim.apply(o);
      const exported = exportManifests(sim.authored());
      const byKey = (os: unknown[]): Map<string, unknown> =>
        new Map((os as KubeObject[]).map((o) => [`${o.kind}/${o.metadata.name}`, o]));
      const original = byKey(first.objects.map((o) => withoutServerFields(o as Record<string, unknown>)));
      const back = byKey(docs(exported));
      expect(back.size).toBe(original.size);
      for (const [k, o] of original) {
        const b = back.get(k) as KubeObject;
        // Exactly as written: no `namespace: default` or any other default the file did not have.
        expect(b).toEqual(o);
      }
      const second = await importManifests(exported, 'export.yaml');
      expect(second.ok).toBe(true);
      const sim2 = createCluster({ seed: 1 });
      if (second.ok) for (const o of second.objects) sim2.apply(o);
      expect(exportManifests(sim2.authored())).toBe(exported);
    },
  );
});

/** A small design with simulated infrastructure: two machines of different sizes, a node group, traffic. */
function designWithInfrastructure(): KubeObject[] {
  const node = (name: string, cpu: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: {
      capacity: { cpu, memory: '4Gi', pods: '110' },
      allocatable: { cpu, memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
  });
  const labels = { app: 'web' };
  return [
    node('node-1', '8'),
    node('node-2', '2'),
    {
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'NodeGroup',
      metadata: { name: 'pool' },
      spec: { minSize: 1, maxSize: 3, template: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } },
    },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels, annotations: { 'kubecanvas.dev/behavior': '{"startupSeconds":3}' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '1' } } }] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: labels, ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'TrafficSource',
      metadata: { name: 'users' },
      spec: { target: { kind: 'Service', name: 'web' }, rps: 20 },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'shop' },
      data: { a: '1' },
    },
  ];
}

const byKey = (os: readonly KubeObject[]): Map<string, KubeObject> =>
  new Map(os.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));

describe('the simulated infrastructure in exports', () => {
  it('with include-simulation, importing the export gives back the same design, node sizes included', async () => {
    const sim = createCluster({ seed: 1 });
    for (const o of designWithInfrastructure()) sim.apply(o);
    const exported = exportManifests(sim.authored(), { includeSimulation: true });
    expect(exported).toContain(`${NODE_STATUS_ANNOTATION}: '{"allocatable":{"cpu":"8"`);
    const back = await importManifests(exported, 'design.yaml');
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
    expect(byKey(back.objects)).toEqual(byKey(sim.authored()));
    // And the simulation runs the same machines: node-1 is an 8-CPU Node again.
    const sim2 = createCluster({ seed: 1 });
    for (const o of back.objects) sim2.apply(o);
    const live = sim2.store.get('Node', undefined, 'node-1') as KubeObject & {
      status: { capacity: Record<string, string>; allocatable: Record<string, string> };
    };
    expect(live.status.capacity['cpu']).toBe('8');
    expect(live.status.allocatable['cpu']).toBe('8');
    expect(exportManifests(sim2.authored(), { includeSimulation: true })).toBe(exported);
  });

  it('by default writes what a real cluster should get: no Nodes, node groups, traffic or simulation annotations', () => {
    const exported = exportManifests(designWithInfrastructure());
    const kinds = (docs(exported) as KubeObject[]).map((o) => o.kind);
    expect(kinds).toEqual(['Namespace', 'ConfigMap', 'Service', 'Deployment']);
    expect(exported).not.toContain('kubecanvas.dev');
    expect(exported).not.toContain('status');
  });

  it('a Node with its node-status annotation imports with that status, the annotation gone; other objects are untouched', () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'n',
        annotations: { [NODE_STATUS_ANNOTATION]: '{"capacity":{"cpu":"16"}}', team: 'infra' },
      },
    };
    expect(restoreSimulated(node)).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', annotations: { team: 'infra' } },
      status: { capacity: { cpu: '16' } },
    });
    const cm = obj('ConfigMap', 'c', {
      metadata: { name: 'c', annotations: { [NODE_STATUS_ANNOTATION]: '{}' } },
    });
    expect(restoreSimulated(cm)).toBe(cm);
  });

  it('refuses a node-status annotation that is not a JSON object, naming where it is', async () => {
    const text = `apiVersion: v1
kind: Node
metadata:
  name: n
  annotations:
    kubecanvas.dev/node-status: '{"capacity": '
`;
    const r = await importManifests(text, 'node.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map(format)).toEqual([
        'node.yaml:6:5 Node n: invalid value at "metadata.annotations.kubecanvas.dev/node-status": must be the Node\'s status (capacity, allocatable) as a JSON object',
      ]);
  });
});

describe('namespaces as written', () => {
  it('exports a namespaced object written without a namespace without one (kubectl apply -n other places it)', () => {
    const sim = createCluster({ seed: 1 });
    const cm = obj('ConfigMap', 'plain', { data: { a: '1' } });
    const pinned = obj('ConfigMap', 'pinned', { metadata: { name: 'pinned', namespace: 'default' } });
    sim.apply(cm);
    sim.apply(pinned);
    // The live object is in default, as the API server would put it; the authored copy stays as written.
    expect(sim.store.get('ConfigMap', 'default', 'plain')?.metadata.namespace).toBe('default');
    expect(docs(exportManifests(sim.authored()))).toEqual([cm, pinned]);
  });

  it('exports the default namespace of a design, objects written without a namespace included', () => {
    const a = obj('ConfigMap', 'a');
    const b = obj('ConfigMap', 'b', { metadata: { name: 'b', namespace: 'other' } });
    const storage = { ...obj('StorageClass', 'fast'), apiVersion: 'storage.k8s.io/v1', provisioner: 'x' };
    expect(docs(exportManifests([a, b, storage], { namespace: 'default' }))).toEqual([a]);
  });
});
