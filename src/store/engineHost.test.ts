import { describe, expect, it } from 'vitest';
import { keyOf, ObjectStore, stableStringify, type KubeObject } from '../engine';
import { EngineHost, splitDelta, type EngineDelta } from './engineHost';
import { exampleCluster } from './templates';

/** A page-side mirror fed by the host's deltas, as runtime.ts keeps it. */
function mirrorOf(host: EngineHost) {
  let store = new ObjectStore(() => 0);
  const take = (d: EngineDelta): void => {
    if (d.reset) store = new ObjectStore(() => 0);
    for (const k of d.deleted) store.mirrorRemove(k);
    for (const o of d.upserts) store.mirror(o);
    store.mirrorVersion(d.resourceVersion);
  };
  return {
    pull: (): EngineDelta => {
      const d = host.flush();
      // What crosses postMessage: plain data.
      const copy = structuredClone(d);
      take(copy);
      return copy;
    },
    take,
    get store() {
      return store;
    },
  };
}

const KINDS = [
  'Namespace',
  'Node',
  'Deployment',
  'ReplicaSet',
  'Pod',
  'Event',
  'Lease',
  'EndpointSlice',
  'Service',
];
const dump = (store: { list(kind: string): KubeObject[]; resourceVersion: number }) =>
  stableStringify({ rv: store.resourceVersion, objects: KINDS.map((k) => store.list(k)) });

describe('EngineHost', () => {
  it('sends deltas that keep a mirror equal to the simulation, object by object and in order', () => {
    const host = new EngineHost(3);
    const mirror = mirrorOf(host);
    const sync = host.handle({ op: 'sync', apply: exampleCluster(), remove: [] });
    expect(sync.errors).toEqual([]);
    expect(sync.entry).toBe(0);
    mirror.pull();
    for (let t = 0; t < 30; t++) {
      host.handle({ op: 'advance', ms: 1000 + ((t * 37) % 900) });
      mirror.pull();
    }
    host.handle({ op: 'failNode', name: 'node-2' });
    host.handle({ op: 'advance', ms: 120_000 });
    const pod = host.simulation.store.list('Pod')[0] as KubeObject;
    host.handle({ op: 'deleteLive', keys: [keyOf(pod)] });
    host.handle({ op: 'advance', ms: 5000 });
    const d = mirror.pull();
    expect(d.now).toBe(host.simulation.now);
    expect(d.deleted.length).toBeGreaterThan(0);
    expect(dump(mirror.store)).toBe(dump(host.simulation.store));
  });

  it('answers a command with kubectl output and sends the authored copies it changed', () => {
    const host = new EngineHost(1);
    const mirror = mirrorOf(host);
    host.handle({ op: 'sync', apply: exampleCluster(), remove: [] });
    mirror.pull();
    const r = host.handle({ op: 'command', line: 'kubectl scale deployment web --replicas=5' });
    expect(r).toMatchObject({ ok: true, output: 'deployment.apps/web scaled', entry: 1 });
    const d = mirror.pull();
    expect(d.authored?.changed.map(keyOf)).toEqual(['Deployment/default/web']);
    expect((d.authored?.changed[0]?.spec as { replicas: number }).replicas).toBe(5);
    const bad = host.handle({ op: 'command', line: 'kubectl scale deployment nope --replicas=2' });
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/not found/);
    expect(host.flush().authored).toBeUndefined();
  });

  it('reports refused objects and faults in the API server words, without throwing', () => {
    const host = new EngineHost(1);
    const orphan: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'nowhere' },
    };
    expect(host.handle({ op: 'sync', apply: [orphan], remove: [] }).errors).toEqual([
      'ConfigMap c: namespaces "nowhere" not found',
    ]);
    const r = host.handle({ op: 'failNode', name: 'ghost' });
    expect(r.ok).toBe(false);
    expect(r.output).toBe('Error from server (NotFound): nodes "ghost" not found');
  });

  it('plays in slices: a small budget stops early, and the slices add up to one straight run', () => {
    let wall = 0;
    const sliced = new EngineHost(5, () => wall);
    const straight = new EngineHost(5);
    for (const h of [sliced, straight]) {
      h.handle({ op: 'sync', apply: exampleCluster(), remove: [] });
      h.handle({ op: 'play', speed: 100 });
    }
    // Each instant of work "takes" 1 ms of wall time; a 3 ms budget covers three instants.
    const realNext = sliced.simulation.nextWakeup.bind(sliced.simulation);
    sliced.simulation.nextWakeup = () => {
      wall += 1;
      return realNext();
    };
    expect(sliced.run(600, 3)).toBe(false);
    expect(sliced.simulation.now).toBeLessThan(60_000);
    while (sliced.simulation.now < 60_000) sliced.run((60_000 - sliced.simulation.now) / 100, 3);
    straight.run(600);
    expect(sliced.simulation.now).toBe(60_000);
    expect(dump(sliced.simulation.store)).toBe(dump(straight.simulation.store));
  });

  it('seeks back by replay: a reset delta with the state of that moment and the entry to restore', () => {
    const host = new EngineHost(25);
    const mirror = mirrorOf(host);
    host.handle({ op: 'sync', apply: exampleCluster(), remove: [] });
    host.handle({ op: 'advance', ms: 19_999 });
    mirror.pull();
    const before = dump(host.simulation.store);
    host.handle({ op: 'advance', ms: 1 });
    host.handle({ op: 'failNode', name: 'node-2' });
    host.handle({ op: 'advance', ms: 100_000 });
    const played = mirror.pull().timeline;
    expect(played).toMatchObject({ end: 120_000, inPast: false });
    expect(played.markers?.map((m) => m.kind)).toContain('node-failed');
    host.handle({ op: 'seek', ms: 19_999 });
    const d = mirror.pull();
    expect(d.reset).toBe(true);
    expect(d.restore).toBe(0);
    expect(d.timeline).toMatchObject({ end: 120_000, inPast: true });
    // The recording did not change: its markers are not sent again.
    expect(d.timeline.markers).toBeUndefined();
    expect(dump(mirror.store)).toBe(before);
  });

  it('splits a big delta into pieces that give the same mirror', () => {
    const host = new EngineHost(2);
    host.handle({ op: 'sync', apply: exampleCluster(), remove: [] });
    host.handle({ op: 'advance', ms: 30_000 });
    const whole = host.flush();
    const pieces = splitDelta(whole, 7);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.slice(0, -1).every((p) => p.partial && p.upserts.length + p.deleted.length <= 7)).toBe(
      true,
    );
    expect(pieces.at(-1)?.partial).toBeUndefined();
    const a = mirrorOf(host);
    const b = mirrorOf(host);
    a.take(whole);
    for (const p of pieces) b.take(p);
    expect(dump(b.store)).toBe(dump(a.store));
    expect(dump(a.store)).toBe(dump(host.simulation.store));
  });
});
