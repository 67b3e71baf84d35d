import { beforeEach, describe, expect, it } from 'vitest';
import { stableStringify, type KubeObject, type Pod } from '../engine';
import {
  addObject,
  breakPodAction,
  failNodeAction,
  healPodAction,
  followDocument,
  loadDesign,
  play,
  resetSimulation,
  runCommand,
  seekTo,
  setSpeed,
  stepBack,
  stepBy,
  stepForward,
} from './commands';
import { documentStore } from './document';
import { getSimulation } from './runtime';
import { sessionStore } from './session';
import { exampleCluster } from './templates';
import { getMarkers, getTimelineEnd } from './timelineState';
import { inProcessHost } from './engineClient';

/** The engine host's own recording and simulation (the tests run it in-process). */
const host = () => {
  const h = inProcessHost();
  if (!h) throw new Error('the tests run the engine in-process');
  return h;
};

const sim = () => getSimulation();
const livePods = () =>
  sim()
    .store.list<Pod & KubeObject>('Pod')
    .filter((p) => !p.metadata.deletionTimestamp);
const placement = () => Object.fromEntries(livePods().map((p) => [p.metadata.name, p.spec?.nodeName ?? '']));
const KINDS = ['Node', 'Deployment', 'ReplicaSet', 'Pod', 'Event', 'Lease', 'EndpointSlice', 'Service'];
const dump = () =>
  stableStringify({
    now: sim().now,
    rv: sim().store.resourceVersion,
    objects: KINDS.map((k) => sim().store.list(k)),
    // The page's mirror holds what the engine holds.
    engine: KINDS.map((k) => host().simulation.store.list(k)),
    authored: host().simulation.authored(),
  });

/** Plays in uneven frames (the driver's way) up to `ms`. */
function playTo(ms: number): void {
  let frame = 0;
  while (sim().now < ms) stepBy(Math.min(ms - sim().now, 100 * (7 + ((frame++ * 37) % 29))));
}

beforeEach(() => {
  followDocument();
  loadDesign(exampleCluster(), { seed: 25 });
  play();
});

describe('timeline commands', () => {
  it('healing a broken probe is an input on the timeline: a seek back to before it replays the break, then the heal', () => {
    playTo(20_000);
    const pod = livePods().find((p) => p.metadata.name.startsWith('web-'))!;
    const { name } = pod.metadata;
    const fault = () =>
      sim().store.get('Pod', 'default', name)?.metadata.annotations?.['kubecanvas.dev/probe-fault'];
    breakPodAction('default', name, 'readiness');
    expect(fault()).toBe('readiness');
    playTo(40_000);
    healPodAction('default', name, 'readiness');
    expect(fault()).toBeUndefined();
    expect(host().timeline.inputs.map((e) => e.input.type)).toEqual(
      expect.arrayContaining(['breakPod', 'healPod']),
    );
    playTo(60_000);
    const at60 = dump();
    seekTo(30_000);
    expect(fault()).toBe('readiness');
    seekTo(60_000);
    expect(fault()).toBeUndefined();
    expect(dump()).toBe(at60);
  });

  it('seekTo rebuilds an earlier moment (the placement before a node failure) and plays the recording on', () => {
    playTo(10_000);
    const before = placement();
    expect(Object.values(before).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    playTo(20_000);
    failNodeAction('node-2');
    playTo(200_000);
    runCommand('kubectl scale deployment web --replicas=5');
    playTo(400_000);
    const at400 = dump();
    const design = documentStore.getState().objects;
    expect(Object.values(placement())).not.toContain('node-2');

    seekTo(10_000);
    expect(sessionStore.getState().playing).toBe(false);
    expect(sim().now).toBe(10_000);
    expect(placement()).toEqual(before);
    expect(sim().store.get('Node', undefined, 'node-2')?.metadata.annotations).toBeUndefined();
    expect(getTimelineEnd()).toBe(400_000);
    expect(documentStore.getState().objects).toBe(design);

    // Played on, the recorded failure and scale happen again at their times: the same cluster.
    playTo(400_000);
    expect(dump()).toBe(at400);
    expect(sim().store.get('Node', undefined, 'node-2')?.metadata.annotations?.['kubecanvas.dev/fault']).toBe(
      'down',
    );
    // Forward by seeking, too.
    seekTo(50_000);
    seekTo(400_000);
    expect(dump()).toBe(at400);
    expect(getMarkers().map((m) => m.kind)).toContain('node-failed');
    expect(getMarkers().map((m) => m.kind)).toContain('node-not-ready');
  });

  it('an edit made after seeking back starts a new branch: the future goes and the design is applied now', () => {
    playTo(20_000);
    failNodeAction('node-2');
    playTo(60_000);
    runCommand('kubectl scale deployment web --replicas=5');
    playTo(120_000);
    seekTo(40_000);
    expect(
      sim().store.get<KubeObject & { spec: { replicas: number } }>('Deployment', 'default', 'web')?.spec
        .replicas,
    ).toBe(3);
    addObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect(getTimelineEnd()).toBe(40_000);
    expect(host().timeline.inputs.every((e) => e.at <= 40_000)).toBe(true);
    // The document (scaled to 5 by the command at 60 s) is what the cluster runs from here.
    expect(
      sim().store.get<KubeObject & { spec: { replicas: number } }>('Deployment', 'default', 'web')?.spec
        .replicas,
    ).toBe(5);
    expect(sim().store.get('Namespace', undefined, 'team')).toBeDefined();
    expect(host().timeline.inPast).toBe(false);
    playTo(80_000);
    const at80 = dump();
    seekTo(30_000);
    seekTo(80_000);
    expect(dump()).toBe(at80);
  });

  it('reading commands after a seek back run unrecorded; a writing one starts a new branch', async () => {
    playTo(30_000);
    runCommand('kubectl scale deployment web --replicas=4');
    playTo(60_000);
    seekTo(20_000);
    expect((await runCommand('kubectl get deployment web')).output).toMatch(/web\s+3\/3/);
    runCommand('kubectl describe node node-1');
    runCommand('kubectl rollout status deployment/web');
    runCommand('kubectl get nonsense');
    expect(getTimelineEnd()).toBe(60_000);
    expect(host().timeline.inputs.map((e) => e.at)).toEqual([0, 30_000]);
    runCommand('kubectl label node node-1 tier=front');
    expect(getTimelineEnd()).toBe(20_000);
    expect(host().timeline.inputs.map((e) => e.at)).toEqual([0, 20_000, 20_000]);
  });

  it('reset and a new design forget the recording', () => {
    playTo(30_000);
    failNodeAction('node-1');
    resetSimulation();
    expect(getTimelineEnd()).toBe(0);
    expect(getMarkers()).toEqual([]);
    playTo(5_000);
    loadDesign(exampleCluster(), { seed: 26 });
    expect(sim().seed).toBe(26);
    expect(getTimelineEnd()).toBe(0);
    expect(host().timeline.inputs).toHaveLength(1);
  });

  it('steps forward and back by a second, paused; speeds stay within 0.25x to 100x', () => {
    playTo(5_000);
    stepForward();
    expect(sessionStore.getState().playing).toBe(false);
    expect(sim().now).toBe(6_000);
    const at6 = dump();
    stepForward();
    stepBack();
    expect(sim().now).toBe(6_000);
    expect(dump()).toBe(at6);
    setSpeed(1000);
    expect(sessionStore.getState().speed).toBe(100);
    setSpeed(0.01);
    expect(sessionStore.getState().speed).toBe(0.25);
    setSpeed(25);
    expect(sessionStore.getState().speed).toBe(25);
  });
});
