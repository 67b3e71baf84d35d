import { useCallback, useEffect, useRef, useState } from 'react';
import {
  enginePending,
  loadDesign,
  pause,
  requestFit,
  resetSimulation,
  runCommand,
  stepTo,
} from '../../store';
import { SceneRunner, type Scene, type SceneHost } from './model';

/** The simulated time the runner asked for last (the engine gets there in order, maybe in a worker). */
let sceneClock = 0;

/**
 * The app's store as a scene host: a scene replaces the design (loadDesign with the scene's seed, then
 * resetSimulation), and the runner, not the store's frame loop, moves simulated time (stepTo), so steps
 * land on their exact simulated millisecond. Inputs reach the engine in the order they are sent, so a
 * command runs at its moment even when the engine (a Web Worker) answers later.
 */
export const storeHost: SceneHost = {
  load: (scene) => {
    pause();
    loadDesign(scene.objects, { seed: scene.seed });
    resetSimulation();
    sceneClock = 0;
  },
  advanceTo: (ms) => {
    if (ms <= sceneClock) return;
    sceneClock = ms;
    void stepTo(ms);
  },
  now: () => sceneClock,
  run: (line) =>
    runCommand(line).then((r) => {
      if (!r.ok) throw new Error(r.output);
      return r.output;
    }),
};

/** Requests in flight above which a frame does not advance the scene (the engine is behind). */
const MAX_PENDING = 2;

/** Wall ms after a step before the canvas is refitted (its layout settles first: a new node, new pods). */
const REFIT_DELAY_MS = 400;

/** Wall time one frame may advance at most (a background tab does not come back to minutes of work). */
const MAX_FRAME_MS = 100;

/** A scene running for the slide on screen: clicks, reset, and how many clicks are left. */
export interface RunningScene {
  click: () => boolean;
  reset: () => void;
  clicksLeft: number;
  /** The command the next click runs (for the presenter), or null. */
  nextClick: string | null;
  /** Grows each time the scene starts over (reset). */
  generation: number;
  /** The last step's result, for the presenter (an error shows in kubectl's words). */
  lastLog: { run: string; ok: boolean; output: string } | null;
}

/**
 * Runs `scene` (by its text `sceneKey`) while the component is mounted and `active`: loads it, then plays
 * it frame by frame at the scene's speed. A new key starts the new scene from its initial state.
 */
export function useSceneRunner(scene: Scene | null, sceneKey: string, active: boolean): RunningScene {
  const runner = useRef<SceneRunner | null>(null);
  const [clicksLeft, setClicksLeft] = useState(0);
  const [nextClick, setNextClick] = useState<string | null>(null);
  const [lastLog, setLastLog] = useState<RunningScene['lastLog']>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(scene);
  latest.current = scene;

  useEffect(() => {
    const scene = latest.current;
    if (!scene || !active) {
      runner.current = null;
      setClicksLeft(0);
      setNextClick(null);
      return;
    }
    const r = new SceneRunner(storeHost, scene);
    runner.current = r;
    r.start();
    setClicksLeft(r.clicksLeft);
    setNextClick(r.nextClick);
    setLastLog(null);
    let handle = 0;
    let last = 0;
    let logged = 0;
    let refit: ReturnType<typeof setTimeout> | undefined;
    const frame = (now: number) => {
      const wall = last === 0 ? 0 : Math.min(now - last, MAX_FRAME_MS);
      last = now;
      if (enginePending() <= MAX_PENDING) r.tick(wall);
      if (r.logVersion !== logged) {
        logged = r.logVersion;
        setLastLog(r.log[r.log.length - 1] ?? null);
        clearTimeout(refit);
        refit = setTimeout(requestFit, REFIT_DELAY_MS);
      }
      handle = requestAnimationFrame(frame);
    };
    handle = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(handle);
      clearTimeout(refit);
    };
  }, [sceneKey, active, generation]);

  const click = useCallback(() => {
    const r = runner.current;
    if (!r || !r.click()) return false;
    setClicksLeft(r.clicksLeft);
    setNextClick(r.nextClick);
    const log = r.log[r.log.length - 1];
    if (log) setLastLog(log);
    return true;
  }, []);
  const reset = useCallback(() => setGeneration((g) => g + 1), []);
  return { click, reset, clicksLeft, nextClick, lastLog, generation };
}
