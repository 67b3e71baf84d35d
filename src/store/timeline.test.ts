import { describe, expect, it } from 'vitest';
import {
  createCluster,
  failNode,
  runCommand,
  stableStringify,
  type KubeObject,
  type Pod,
  type Simulation,
} from '../engine';
import { changesCluster, Timeline, timelineMarkers, type TimelineInput } from './timeline';
import { exampleCluster } from './templates';

/** Every kind a simulation stored, seen on its watch stream (the store has no list of all objects). */
function tracked(seed: number, kinds: Set<string>): Simulation {
  const sim = createCluster({ seed });
  sim.watch((e) => kinds.add(e.object.kind));
  for (const k of ['Namespace']) kinds.add(k);
  return sim;
}

/** The whole state: every object of every kind in store order, the authored copies, the clock. */
function dump(sim: Simulation, kinds: Set<string>): string {
  const objects: Record<string, KubeObject[]> = {};
  for (const k of [...kinds].sort()) objects[k] = sim.store.list(k);
  return stableStringify({
    now: sim.now,
    resourceVersion: sim.store.resourceVersion,
    next: sim.nextWakeup() ?? null,
    authored: sim.authored(),
    objects,
  });
}

const SEED = 25;
/** The inputs, at their simulated times, applied with the engine's own functions (not the timeline's). */
const SCRIPT: Array<{ at: number; input: TimelineInput; run: (sim: Simulation) => void }> = [
  {
    at: 0,
    input: { type: 'sync', apply: exampleCluster(), remove: [] },
    run: (sim) => exampleCluster().forEach((o) => sim.apply(o)),
  },
  { at: 30_000, input: { type: 'failNode', name: 'node-2' }, run: (sim) => failNode(sim, 'node-2') },
  {
    at: 45_500,
    input: { type: 'command', line: 'kubectl scale deployment web --replicas=5' },
    run: (sim) => runCommand(sim, 'kubectl scale deployment web --replicas=5'),
  },
  {
    at: 450_250,
    input: { type: 'command', line: 'kubectl set image deployment/web web=web:2.0' },
    run: (sim) => runCommand(sim, 'kubectl set image deployment/web web=web:2.0'),
  },
];

/** A straight run: a fresh simulation, each input at its time, then time to `ms`. */
function straight(ms: number, kinds: Set<string>): string {
  const sim = tracked(SEED, kinds);
  for (const s of SCRIPT) {
    if (s.at > ms) break;
    sim.step(s.at);
    s.run(sim);
    sim.step(s.at);
  }
  sim.step(ms);
  return dump(sim, kinds);
}

/** Plays the script live on a timeline in uneven frames (as the browser's driver does) up to `end`. */
function recorded(end: number, kinds: Set<string>): Timeline {
  const t = new Timeline((seed) => tracked(seed, kinds), SEED);
  let i = 0;
  let frame = 0;
  while (t.sim.now < end) {
    const next = SCRIPT[i];
    if (next && next.at <= t.sim.now) {
      t.input(next.input);
      t.sim.step(t.sim.now);
      i++;
      continue;
    }
    const wall = 7 + ((frame++ * 37) % 29);
    t.advance(Math.min(next ? next.at : end, t.sim.now + wall * 100, end));
  }
  return t;
}

const pods = (sim: Simulation) => sim.store.list<Pod & KubeObject>('Pod');

describe('Timeline: deterministic replay', () => {
  it('seeking back and forth gives exactly the state of a straight run to the same time', () => {
    const kinds = new Set<string>();
    const t = recorded(600_000, kinds);
    expect(t.end).toBe(600_000);
    expect(t.inputs.map((e) => e.at)).toEqual(SCRIPT.map((s) => s.at));
    expect(dump(t.sim, kinds)).toBe(straight(600_000, kinds));
    // Back (replay from the seed), further back, forward (play the recording on), back again, to the end.
    for (const ms of [29_999, 30_000, 10_000, 45_500, 90_000, 450_250, 400_000, 455_000, 120_000, 600_000]) {
      t.seek(ms);
      expect(t.sim.now).toBe(ms);
      expect(dump(t.sim, kinds), `at ${ms} ms`).toBe(straight(ms, kinds));
      expect(t.end).toBe(600_000);
    }
  });

  it('shows the earlier placement before the node failure, and the failure again when played on', () => {
    const kinds = new Set<string>();
    const t = recorded(600_000, kinds);
    const placement = (sim: Simulation) =>
      new Map(
        pods(sim)
          .filter((p) => !p.metadata.deletionTimestamp)
          .map((p) => [p.metadata.name, p.spec?.nodeName]),
      );
    const now = placement(t.sim);
    expect(now.size).toBe(5);
    expect([...now.values()]).not.toContain('node-2');
    t.seek(29_000);
    const before = pods(t.sim);
    expect(before.map((p) => p.spec?.nodeName)).toContain('node-2');
    const node2 = t.sim.store.get('Node', undefined, 'node-2');
    expect(node2?.metadata.annotations?.['kubecanvas.dev/fault']).toBeUndefined();
    t.advance(600_000);
    expect(t.sim.store.get('Node', undefined, 'node-2')?.metadata.annotations?.['kubecanvas.dev/fault']).toBe(
      'down',
    );
    expect(placement(t.sim)).toEqual(now);
  });

  it('replays 10 simulated minutes of the three-node example in well under a second', () => {
    const kinds = new Set<string>();
    const t = recorded(600_000, kinds);
    t.seek(0);
    const t0 = performance.now();
    t.seek(600_000 - 1);
    const t1 = performance.now();
    t.seek(600_000 - 2);
    const ms = Math.min(t1 - t0, performance.now() - t1);
    expect(ms).toBeLessThan(1000);
  });
});

describe('Timeline: branches', () => {
  it('a new input at an earlier moment drops the recorded future, and the new branch replays the same', () => {
    const kinds = new Set<string>();
    const t = recorded(300_000, kinds);
    t.seek(40_000);
    expect(t.inPast).toBe(true);
    t.input({ type: 'failNode', name: 'node-3' });
    expect(t.inPast).toBe(false);
    expect(t.end).toBe(40_000);
    expect(t.inputs.map((e) => e.at)).toEqual([0, 30_000, 40_000]);
    expect(t.events.every((e) => e.at <= 40_000)).toBe(true);
    t.advance(200_000);
    const live = dump(t.sim, kinds);
    // The straight run of the new branch.
    const sim = tracked(SEED, kinds);
    exampleCluster().forEach((o) => sim.apply(o));
    sim.step(30_000);
    failNode(sim, 'node-2');
    sim.step(40_000);
    failNode(sim, 'node-3');
    sim.step(200_000);
    expect(live).toBe(dump(sim, kinds));
    t.seek(100_000);
    t.seek(200_000);
    expect(dump(t.sim, kinds)).toBe(live);
  });

  it('reset forgets the recording and starts a fresh simulation with the seed', () => {
    const kinds = new Set<string>();
    const t = recorded(60_000, kinds);
    const sim = t.reset(7);
    expect(sim.seed).toBe(7);
    expect(sim.now).toBe(0);
    expect(t.inputs).toEqual([]);
    expect(t.events).toEqual([]);
    expect(t.end).toBe(0);
  });
});

describe('Timeline: events and markers', () => {
  it('keeps the Events first seen up to the end across seeks, and marks the notable ones', () => {
    const kinds = new Set<string>();
    const t = recorded(600_000, kinds);
    const events = [...t.events];
    expect(events.length).toBeGreaterThan(20);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => a - b));
    t.seek(50_000);
    expect(t.events).toEqual(events);
    t.seek(600_000);
    expect(t.events).toEqual(events);

    const markers = timelineMarkers(t.inputs, t.events);
    const kindsAt = markers.map((m) => [m.kind, m.at] as const);
    expect(kindsAt[0]).toEqual(['node-failed', 30_000]);
    expect(markers[0]?.label).toBe('Node node-2 failed');
    // node-lifecycle-controller: NotReady 40 s (the grace period) after the last Lease renewal (every
    // 10 s), checked every 5 s.
    const notReady = markers.find((m) => m.kind === 'node-not-ready');
    expect(notReady?.label).toBe('Node node-2 NotReady');
    expect(notReady!.at - 30_000).toBeGreaterThanOrEqual(30_000);
    expect(notReady!.at - 30_000).toBeLessThanOrEqual(55_000);
    // The set image at 450.25 s starts a rollout (a new ReplicaSet scaled up from 0).
    const rollout = markers.filter((m) => m.kind === 'rollout');
    expect(rollout).toHaveLength(1);
    expect(rollout[0]?.at).toBe(450_250);
    expect(rollout[0]?.label).toMatch(/^Rollout of Deployment web started \(web-[a-z0-9]+\)$/);
    // taint-eviction-controller: the pods left on node-2 go 300 s after the NoExecute taint.
    const evicted = markers.filter((m) => m.kind === 'evicted');
    expect(evicted.length).toBeGreaterThan(0);
    expect(evicted[0]!.at - notReady!.at).toBeGreaterThanOrEqual(295_000);
    expect(evicted[0]!.at - notReady!.at).toBeLessThanOrEqual(305_000);
    expect(evicted[0]?.label).toMatch(/^(Pod web-\S+ evicted from its unreachable node|\d+ pods evicted)$/);
    // The first scale-up of web from 0 is the Deployment's creation, not a rollout.
    expect(markers.filter((m) => m.at < 30_000)).toEqual([]);
  });

  it('merges markers of one kind in the same second and names how many', () => {
    const ev = (at: number, name: string) => ({
      at,
      key: `${name}@${at}`,
      type: 'Normal',
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod default/${name}`,
      component: 'taint-eviction-controller',
      involved: { kind: 'Pod', namespace: 'default', name },
    });
    const m = timelineMarkers([], [ev(1000, 'a'), ev(1500, 'b'), ev(2100, 'c')]);
    expect(m.map((x) => [x.at, x.label])).toEqual([
      [1000, '2 pods evicted'],
      [2100, 'Pod c evicted from its unreachable node'],
    ]);
    expect(m[0]?.details).toEqual([
      'Pod a evicted from its unreachable node',
      'Pod b evicted from its unreachable node',
    ]);
  });
});

describe('changesCluster', () => {
  it.each([
    ['kubectl get pods -o wide', false],
    ['kubectl describe deployment web', false],
    ['kubectl logs deploy/web', false],
    ['kubectl top nodes', false],
    ['kubectl rollout status deployment/web', false],
    ['kubectl rollout history deployment/web', false],
    ['kubectl frobnicate', false],
    ['kubectl scale deployment web --replicas=2', true],
    ['kubectl set image deployment/web web=web:2.0', true],
    ['kubectl rollout undo deployment/web', true],
    ['kubectl delete pod x', true],
    ['kubecanvas node fail node-1', true],
  ])('%s: %s', (line, writes) => {
    expect(changesCluster(line)).toBe(writes);
  });
});
