import { describe, expect, it } from 'vitest';
import * as engine from '../../../engine';
import { createCluster, type KubeObject, type Pod, type Simulation } from '../../../engine';
import {
  fencedBlocks,
  parseDeck,
  parseDiagram,
  SceneRunner,
  slideScene,
  slideTitle,
  type Scene,
  type SceneHost,
} from '../model';
import { BUILT_IN_DECK_MARKDOWN } from './builtInDeck';

type Runner = (sim: Simulation, line: string) => { ok: boolean; output: string } | string;
/** The engine's command grammar, when this build has it (src/engine/commands). */
const runCommand = (engine as unknown as Record<string, unknown>)['runCommand'] as Runner | undefined;

/** A scene host over a bare simulation: what the app's store does, without the browser. */
function simHost(): SceneHost & { sim(): Simulation } {
  let sim = createCluster({ seed: 1 });
  return {
    sim: () => sim,
    load: (scene) => {
      sim = createCluster({ seed: scene.seed, debug: true });
      for (const o of scene.objects) sim.apply(structuredClone(o));
      sim.step(0);
    },
    advanceTo: (ms) => sim.step(ms),
    now: () => sim.now,
    run: (line) => {
      if (!runCommand) return 'skipped: no command grammar in this build';
      const r = runCommand(sim, line);
      const out = typeof r === 'string' ? { ok: true, output: r } : r;
      if (!out.ok) throw new Error(out.output);
      return out.output;
    },
  };
}

/**
 * Plays a scene as a presenter would: a click every 10 simulated seconds until the click steps are done,
 * then the scene's duration after the last click.
 */
function play(scene: Scene) {
  const host = simHost();
  const runner = new SceneRunner(host, scene);
  runner.start();
  let t = 0;
  while (runner.clicksLeft > 0) {
    t += 10_000;
    runner.advanceTo(t);
    runner.click();
  }
  runner.advanceTo(t + scene.durationMs);
  return { sim: host.sim(), log: runner.log };
}

const pods = (sim: Simulation, app: string) =>
  sim.store
    .list<Pod & KubeObject>('Pod')
    .filter((p) => p.metadata.labels?.['app'] === app && !p.metadata.deletionTimestamp);
const ready = (p: Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const schedulingMessages = (sim: Simulation) =>
  sim.store
    .list<KubeObject & { reason?: string; message?: string }>('Event')
    .filter((e) => e.reason === 'FailedScheduling')
    .map((e) => e.message ?? '');

/**
 * What the audience must see at the end of each scene, played as the presenter would (every click). These
 * pin the deck to the engine: when a scene stops showing its point, this says which one.
 */
const OUTCOMES: { title: string; shows: string; check: (sim: Simulation) => void }[] = [
  {
    title: 'A Deployment: three replicas',
    shows: 'five web pods, all placed, after scaling',
    check: (sim) => expect(pods(sim, 'web').filter((p) => p.spec?.nodeName)).toHaveLength(5),
  },
  {
    title: 'CPU and memory',
    shows: 'six of nine pods fit, three wait for lack of CPU',
    check: (sim) => {
      expect(pods(sim, 'web').filter((p) => !p.spec?.nodeName)).toHaveLength(3);
      expect(schedulingMessages(sim).join('\n')).toContain('0/3 nodes are available: 3 Insufficient cpu.');
    },
  },
  {
    title: 'Near the redis pod',
    shows: 'web pods share the redis node',
    check: (sim) => {
      const node = pods(sim, 'redis')[0]?.spec?.nodeName;
      expect(node).toBeTruthy();
      expect(pods(sim, 'web').some((p) => p.spec?.nodeName === node)).toBe(true);
    },
  },
  {
    title: 'Not all on one server',
    shows: 'three web pods on three nodes, the fourth Pending by anti-affinity',
    check: (sim) => {
      const placed = pods(sim, 'web').filter((p) => p.spec?.nodeName);
      expect(new Set(placed.map((p) => p.spec?.nodeName)).size).toBe(3);
      expect(pods(sim, 'web').filter((p) => !p.spec?.nodeName)).toHaveLength(1);
      expect(schedulingMessages(sim).join('\n')).toContain("didn't match pod anti-affinity rules");
    },
  },
  {
    title: 'Give it a moment',
    shows: 'every pod ready in the end',
    check: (sim) => expect(pods(sim, 'web').filter(ready)).toHaveLength(3),
  },
  {
    title: 'Not well? Restart it',
    shows: 'restarted containers',
    check: (sim) => {
      const restarts = [...pods(sim, 'web'), ...pods(sim, 'worker')].flatMap(
        (p) => p.status?.containerStatuses ?? [],
      );
      expect(restarts.some((c) => (c.restartCount ?? 0) > 0)).toBe(true);
    },
  },
  {
    title: 'One at a time',
    shows: 'the update rolled back to 1.0, three pods ready',
    check: (sim) => {
      const web = pods(sim, 'web');
      expect(web.filter(ready)).toHaveLength(3);
      expect(new Set(web.map((p) => p.spec?.containers[0]?.image))).toEqual(new Set(['shop/web:1.0']));
      expect(sim.store.list('ReplicaSet')).toHaveLength(2);
    },
  },
  {
    title: 'Labels and Services',
    shows: 'a Service with a ClusterIP and a new redis pod behind it',
    check: (sim) => {
      const svc = sim.store.get<KubeObject & { spec?: { clusterIP?: string } }>(
        'Service',
        'default',
        'redis',
      );
      expect(svc?.spec?.clusterIP).toMatch(/^10\.(9[6-9]|1[01][0-9])\./);
      expect(pods(sim, 'redis').filter(ready)).toHaveLength(1);
    },
  },
  {
    title: 'From the outside',
    shows: 'an external IP on the LoadBalancer Service',
    check: (sim) => {
      const svc = sim.store.get<KubeObject & { status?: { loadBalancer?: { ingress?: { ip?: string }[] } } }>(
        'Service',
        'default',
        'web-public',
      );
      expect(svc?.status?.loadBalancer?.ingress?.[0]?.ip).toBeTruthy();
    },
  },
  {
    title: 'StatefulSets',
    shows: 'db-0, db-1, db-2, each with its own bound volume',
    check: (sim) => {
      expect(
        pods(sim, 'db')
          .map((p) => p.metadata.name)
          .sort(),
      ).toEqual(['db-0', 'db-1', 'db-2']);
      const claims = sim.store.list<KubeObject & { status?: { phase?: string } }>('PersistentVolumeClaim');
      expect(claims.map((c) => `${c.metadata.name}:${c.status?.phase}`).sort()).toEqual([
        'data-db-0:Bound',
        'data-db-1:Bound',
        'data-db-2:Bound',
      ]);
    },
  },
  {
    title: 'DaemonSets',
    shows: 'one node-exporter on each of four nodes',
    check: (sim) => {
      const exporters = pods(sim, 'node-exporter');
      expect(new Set(exporters.map((p) => p.spec?.nodeName))).toEqual(
        new Set(['node-1', 'node-2', 'node-3', 'node-4']),
      );
      expect(exporters).toHaveLength(4);
    },
  },
  {
    title: 'A node dies',
    shows: 'six ready web pods, none of them on the dead node',
    check: (sim) => {
      const live = pods(sim, 'web').filter(ready);
      expect(live).toHaveLength(6);
      expect(live.some((p) => p.spec?.nodeName === 'node-2')).toBe(false);
    },
  },
  {
    title: 'More nodes, please',
    shows: 'the autoscaler adds a node from the group and all six pods are placed',
    check: (sim) => {
      const nodes = sim.store.list('Node');
      expect(nodes).toHaveLength(3);
      expect(
        nodes.filter((n) => n.metadata.labels?.['kubecanvas.dev/node-group'] === 'workers'),
      ).toHaveLength(1);
      expect(pods(sim, 'web').filter((p) => p.spec?.nodeName)).toHaveLength(6);
    },
  },
  {
    title: 'No nodes at all',
    shows: 'eight pods, each on a VM of its own from the serverless group',
    check: (sim) => {
      const web = pods(sim, 'web');
      expect(web).toHaveLength(8);
      expect(new Set(web.map((p) => p.spec?.nodeName ?? '')).size).toBe(8);
      expect(web.every((p) => p.spec?.nodeName?.startsWith('serverless-'))).toBe(true);
    },
  },
];

const deck = parseDeck(BUILT_IN_DECK_MARKDOWN);
const scenes = deck.slides
  .map((slide, i) => ({ i: i + 1, title: slideTitle(slide), result: slideScene(slide) }))
  .filter((s) => s.result !== null);

describe('the built-in deck (the talk)', () => {
  it('Follows the talk: from one VM by hand to serverless nodes, with notes for the presenter.', () => {
    const titles = deck.slides.map(slideTitle);
    expect(titles[0]).toBe('Kubernetes');
    expect(titles.length).toBeGreaterThanOrEqual(25);
    for (const words of [
      'by hand',
      'Recipes',
      'Containers',
      'registries',
      'Pods',
      'three replicas',
      'NFS',
      'redis',
      'one server',
      'moment',
      'health',
      'Restart',
      'One at a time',
      'Services',
      'Ingress',
      'StatefulSets',
      'DaemonSets',
      'node dies',
      'More nodes',
      'one file',
      'No nodes',
    ])
      expect(
        titles.some((t) => t.toLowerCase().includes(words.toLowerCase())),
        words,
      ).toBe(true);
    expect(deck.slides.filter((s) => s.notes).length).toBeGreaterThan(10);
  });

  it('Draws every diagram block without an error.', () => {
    const diagrams = deck.slides.flatMap((s) => fencedBlocks(s.body).filter((b) => b.lang === 'diagram'));
    expect(diagrams.length).toBeGreaterThanOrEqual(6);
    for (const d of diagrams) expect(parseDiagram(d.text).error).toBeNull();
  });

  it('Gives every Kubernetes slide a scene that parses.', () => {
    expect(scenes.length).toBeGreaterThanOrEqual(18);
    for (const s of scenes) expect(s.result?.errors, `slide ${s.i} ${s.title}`).toEqual([]);
  });

  it.each(scenes.map((s) => [s.i, s.title, s.result?.scene] as const))(
    'Slide %i (%s) loads its objects and runs its steps for the scene duration without an error.',
    (_i, _title, scene) => {
      if (!scene) throw new Error('no scene');
      const { sim, log } = play(scene);
      for (const entry of log) expect(entry, entry.run).toMatchObject({ ok: true });
      for (const o of scene.objects)
        expect(sim.store.getByKey(engine.keyOf(o as KubeObject)), o.metadata.name).toBeDefined();
      sim.assertInvariants();
    },
  );

  it.each(OUTCOMES)('Slide "$title" shows what it says: $shows', ({ title, check }) => {
    const scene = scenes.find((s) => s.title.startsWith(title))?.result?.scene;
    if (!scene) throw new Error(`no scene titled ${title}`);
    check(play(scene).sim);
  });

  it('Shows, in "Not well? Restart it", the log of a web container before its restart (kubectl logs --previous).', () => {
    const scene = scenes.find((s) => s.title.startsWith('Not well?'))?.result?.scene;
    if (!scene) throw new Error('no restart scene');
    const entry = play(scene).log.find((e) => e.run.startsWith('kubectl logs'));
    expect(entry).toMatchObject({ ok: true });
    const lines = (entry?.output ?? '').split('\n');
    expect(lines[0]).toMatch(/^Found 2 pods, using pod\/web-/);
    expect(lines.slice(1, -1).every((l) => /"GET \/_health HTTP\/1\.1" 500 /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/INFO received SIGTERM, shutting down$/);
  });

  it('Runs the same whatever the frame rate: steps land on their exact millisecond, so the cluster ends the same.', () => {
    const scene = scenes.find((s) => s.title.startsWith('A node dies'))?.result?.scene;
    if (!scene) throw new Error('no node failure scene');
    const run = (frameMs: number) => {
      const host = simHost();
      const runner = new SceneRunner(host, scene);
      runner.start();
      const end = 10_000 + scene.durationMs;
      while (host.now() + frameMs * scene.speed <= 10_000) runner.tick(frameMs);
      runner.advanceTo(10_000);
      runner.click();
      while (host.now() + frameMs * scene.speed <= end) runner.tick(frameMs);
      runner.advanceTo(end);
      const sim = host.sim();
      return {
        pods: sim.store
          .list<Pod & KubeObject>('Pod')
          .map((p) => `${p.metadata.name}@${p.spec?.nodeName ?? ''}`)
          .sort(),
        events: sim.store
          .list<KubeObject & { reason?: string; count?: number; lastTimestamp?: string }>('Event')
          .map((e) => `${e.metadata.name}:${e.reason ?? ''}x${e.count ?? 1}@${e.lastTimestamp ?? ''}`)
          .sort(),
      };
    };
    const at60fps = run(16.7);
    expect(at60fps.events.length).toBeGreaterThan(10);
    expect(run(100)).toEqual(at60fps);
  });

  it('Runs the same way twice: the same scene and seed give the same pods on the same nodes.', () => {
    const scene = scenes.find((s) => s.title.includes('three replicas'))?.result?.scene;
    if (!scene) throw new Error('no three replicas scene');
    const placement = () =>
      play(scene)
        .sim.store.list<Pod & KubeObject>('Pod')
        .map((p) => `${p.metadata.name}@${p.spec?.nodeName ?? ''}`)
        .sort();
    const first = placement();
    expect(first).toHaveLength(runCommand ? 5 : 3);
    expect(placement()).toEqual(first);
  });
});
