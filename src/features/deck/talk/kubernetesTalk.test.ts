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

/** Plays a scene as a presenter would: click steps spread over its duration, then to its end. */
function play(scene: Scene) {
  const host = simHost();
  const runner = new SceneRunner(host, scene);
  runner.start();
  const clicks = runner.clicksLeft;
  const gap = scene.durationMs / (clicks + 1);
  for (let i = 1; i <= clicks; i++) {
    runner.advanceTo(gap * i);
    runner.click();
  }
  runner.advanceTo(scene.durationMs + scene.steps.reduce((n, s) => n + (s.click ? s.atMs : 0), 0));
  return { sim: host.sim(), log: runner.log };
}

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
