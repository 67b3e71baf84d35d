import { beforeEach, describe, expect, it } from 'vitest';
import { keyOf, type KubeObject, type Pod } from '../engine';
import {
  addObject,
  followDocument,
  loadDesign,
  moveObjects,
  redo,
  removeObject,
  resetSimulation,
  runCommand,
  sendTraffic,
  stepBy,
  undo,
  updateObject,
} from './commands';
import { documentStore } from './document';
import { exportYamlOf, objectsToExport } from './io';
import { getSimulation, getTrafficMetrics, objectKeys } from './runtime';
import { exampleCluster } from './templates';

const node = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: {
    allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
    capacity: { cpu: '2', memory: '4Gi', pods: '110' },
  },
});
const deployment = (name: string, replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1.0` }] } },
  },
});
const pods = (): Array<Pod & KubeObject> => getSimulation().store.list<Pod & KubeObject>('Pod');
const history = () => documentStore.temporal.getState();

beforeEach(() => {
  followDocument();
  loadDesign([], { seed: 1 });
  history().clear();
});

describe('document commands', () => {
  it('adds an object to the design and to the simulation, where its controller makes pods', () => {
    addObject(node('node-1'));
    addObject(deployment('web', 3));
    expect(documentStore.getState().objects.map(keyOf)).toEqual(['Node//node-1', 'Deployment/default/web']);
    expect(pods()).toHaveLength(3);
    expect(pods().every((p) => p.spec?.nodeName === 'node-1')).toBe(true);
  });

  it('undoes an addition, removing the object and what its controller made, and redoes it', () => {
    addObject(deployment('web', 2));
    expect(pods()).toHaveLength(2);
    undo();
    expect(documentStore.getState().objects).toEqual([]);
    expect(getSimulation().store.get('Deployment', 'default', 'web')).toBeUndefined();
    redo();
    expect(getSimulation().store.get('Deployment', 'default', 'web')).toBeDefined();
  });

  it("resizes a Node's live capacity with an edit of its authored status, and back with undo", () => {
    addObject(node('node-1'));
    stepBy(5000);
    const cpu = () =>
      (getSimulation().store.get('Node', undefined, 'node-1')?.status as { allocatable: { cpu: string } })
        .allocatable.cpu;
    updateObject('Node//node-1', (n) => ({
      ...n,
      status: { capacity: { cpu: '8', memory: '16Gi', pods: '110' } },
    }));
    stepBy(15_000);
    expect(cpu()).toBe('8');
    undo();
    stepBy(15_000);
    expect(cpu()).toBe('2');
  });

  it('makes an edit one undo entry and reconciles the cluster to it', () => {
    addObject(deployment('web', 1));
    updateObject('Deployment/default/web', (d) => ({ ...d, spec: { ...(d.spec as object), replicas: 4 } }));
    expect(pods()).toHaveLength(4);
    expect(history().pastStates).toHaveLength(2);
    undo();
    const live = getSimulation().store.get('Deployment', 'default', 'web');
    expect((live?.spec as { replicas: number }).replicas).toBe(1);
  });

  it('counts a drag (one move of several objects) as one undo entry', () => {
    addObject(node('node-1'), { x: 0, y: 0 });
    moveObjects({ 'Node//node-1': { x: 100, y: 50 } });
    expect(documentStore.getState().positions['Node//node-1']).toEqual({ x: 100, y: 50 });
    undo();
    expect(documentStore.getState().positions['Node//node-1']).toEqual({ x: 0, y: 0 });
    expect(documentStore.getState().objects).toHaveLength(1);
  });

  it('removes an authored object and its position, and undo brings both back', () => {
    addObject(node('node-1'), { x: 10, y: 20 });
    removeObject('Node//node-1');
    expect(getSimulation().store.get('Node', undefined, 'node-1')).toBeUndefined();
    expect(documentStore.getState().positions['Node//node-1']).toBeUndefined();
    undo();
    expect(getSimulation().store.get('Node', undefined, 'node-1')).toBeDefined();
    expect(documentStore.getState().positions['Node//node-1']).toEqual({ x: 10, y: 20 });
  });

  it('deletes a pod the cluster made without touching the design, and its ReplicaSet replaces it', () => {
    addObject(node('node-1'));
    addObject(deployment('web', 1));
    const [first] = pods();
    removeObject(keyOf(first as KubeObject));
    stepBy(1_000);
    const names = pods()
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name);
    expect(names).toHaveLength(1);
    expect(names).not.toContain(first?.metadata.name);
    expect(documentStore.getState().objects).toHaveLength(2);
  });

  it('keeps a namespaced object written without a namespace as written; the cluster puts it in default', async () => {
    addObject(deployment('api', 1));
    expect(documentStore.getState().objects[0]?.metadata.namespace).toBeUndefined();
    expect(getSimulation().store.get('Deployment', 'default', 'api')?.metadata.namespace).toBe('default');
    // So its export goes wherever `kubectl apply -n` sends it.
    expect(await exportYamlOf()).not.toContain('namespace:');
    expect(objectsToExport({ namespace: 'default' }).map(keyOf)).toEqual(['Deployment/default/api']);
  });

  it('loads a whole design at time 0, and reset replays the same design from time 0', () => {
    loadDesign(exampleCluster(), { seed: 7 });
    expect(getSimulation().seed).toBe(7);
    stepBy(5_000);
    expect(getSimulation().now).toBe(5_000);
    resetSimulation();
    expect(getSimulation().now).toBe(0);
    expect(objectKeys('Node')).toHaveLength(3);
    expect(pods()).toHaveLength(3);
  });
});

describe('list subscriptions', () => {
  it('keeps the keys array of a kind while only its objects change, and renews it when one is added', () => {
    addObject(node('node-1'));
    const before = objectKeys('Node');
    updateObject('Node//node-1', (n) => ({ ...n, metadata: { ...n.metadata, labels: { zone: 'a' } } }));
    expect(objectKeys('Node')).toBe(before);
    addObject(node('node-2'));
    expect(objectKeys('Node')).not.toBe(before);
    expect(objectKeys('Node')).toEqual(['Node//node-1', 'Node//node-2']);
  });
});

describe('commands typed in the console', () => {
  it('takes a kubectl scale into the design, where undo takes it back', async () => {
    addObject(node('node-1'));
    addObject(deployment('web', 1));
    const r = await runCommand('kubectl scale deployment web --replicas=4');
    expect(r.ok).toBe(true);
    const doc = documentStore.getState().objects.find((o) => o.kind === 'Deployment');
    expect((doc?.spec as { replicas: number }).replicas).toBe(4);
    expect(pods()).toHaveLength(4);
    undo();
    const live = getSimulation().store.get('Deployment', 'default', 'web');
    expect((live?.spec as { replicas: number }).replicas).toBe(1);
  });

  it('reports a bad command in kubectl words and changes nothing', async () => {
    addObject(deployment('web', 1));
    const before = documentStore.getState().objects;
    const r = await runCommand('kubectl scale deployment nope --replicas=2');
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/not found/);
    expect(documentStore.getState().objects).toBe(before);
  });
});

describe('sending traffic (the inspector and the canvas menus)', () => {
  const service: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  };
  const target = { kind: 'Service', namespace: 'default', name: 'web' } as const;
  const sources = () => documentStore.getState().objects.filter((o) => o.kind === 'TrafficSource');

  it('makes the TrafficSource the console makes, one undo entry per change; 0 stops it', () => {
    addObject(node('node-1'));
    addObject(deployment('web', 2));
    addObject(service);
    expect(sendTraffic(target, 40)).toBeNull();
    expect(sources()).toEqual([
      {
        apiVersion: 'kubecanvas.dev/v1alpha1',
        kind: 'TrafficSource',
        metadata: { name: 'service-web', namespace: 'default' },
        spec: { target: { kind: 'Service', name: 'web', namespace: 'default' }, rps: 40 },
      },
    ]);
    expect(getSimulation().store.get('TrafficSource', 'default', 'service-web')).toBeDefined();
    stepBy(30_000);
    expect(getTrafficMetrics().last('Service/default/web')?.rps).toBe(40);
    expect(sendTraffic(target, 250)).toBeNull();
    expect((sources()[0]?.spec as { rps: number }).rps).toBe(250);
    undo();
    expect((sources()[0]?.spec as { rps: number }).rps).toBe(40);
    expect(sendTraffic(target, 0)).toBeNull();
    expect(sources()).toEqual([]);
    expect(getSimulation().store.get('TrafficSource', 'default', 'service-web')).toBeUndefined();
    undo();
    expect(getSimulation().store.get('TrafficSource', 'default', 'service-web')).toBeDefined();
  });

  it('refuses a rate that is not one, and changes nothing', () => {
    addObject(service);
    const before = documentStore.getState().objects;
    for (const bad of [-1, Number.NaN, Infinity, 1e9])
      expect(sendTraffic(target, bad)).toBe('Requests per second must be a number from 0 to 100,000.');
    expect(documentStore.getState().objects).toBe(before);
  });
});
