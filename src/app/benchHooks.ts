/**
 * Hooks for `npm run bench` (bench/browser.bench.ts), installed on `window.__kubecanvasBench` only when
 * the page's URL has `?bench`: they load a generated cluster of a given size and time an import in the
 * page, so the browser figures measure the real app. A person never sees them.
 */
import { drawnTopologyVersion } from '../features/canvas';
import { keyOf } from '../engine';
import {
  documentStore,
  engineKind,
  engineSettled,
  getSimulation,
  getTopologyVersion,
  importText,
  loadDesign,
  play,
  scaleCluster,
  setSpeed,
} from '../store';

const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/** Resolves once the canvas has drawn the cluster as it is now (its layout is a deferred render). */
async function canvasDrawn(): Promise<void> {
  const version = getTopologyVersion();
  while (drawnTopologyVersion() < version) await nextFrame();
}

/** Resolves once every object of the design is in the simulation (its API server stored it). */
async function designInSimulation(): Promise<void> {
  const keys = documentStore.getState().objects.map(keyOf);
  const store = (): ReturnType<typeof getSimulation>['store'] => getSimulation().store;
  while (!keys.every((k) => store().getByKey(k))) await nextFrame();
}

/** Installs the hooks when the URL asks for them. */
export function installBenchHooks(search: string): void {
  if (!new URLSearchParams(search).has('bench')) return;
  const hooks = {
    async loadGenerated(nodes: number, pods: number): Promise<void> {
      loadDesign(scaleCluster(nodes, pods), { seed: 1 });
      setSpeed(10);
      play();
      // The engine (a Web Worker) holds the design once it has answered.
      await engineSettled();
    },
    /** Where the simulation runs: 'worker' or 'in-process'. */
    engine: (): string => engineKind(),
    /**
     * Imports `text` and resolves with the wall ms until its objects are in the design, the simulation
     * has stored them and the canvas has drawn them (as `kubectl apply` returns once the API server has
     * them). `lastImport` then has the phases, and `settled`: the ms until the cluster has also reacted
     * at that instant (controllers made the ReplicaSets, Pods, EndpointSlices and Events) and the canvas
     * drew that too.
     */
    async importText(text: string): Promise<number> {
      const started = performance.now();
      const outcome = await importText(text, 'bench.yaml');
      if (!outcome.ok) throw new Error(outcome.errors[0] ?? 'import failed');
      await designInSimulation();
      await canvasDrawn();
      const ms = performance.now() - started;
      await engineSettled();
      await canvasDrawn();
      const settled = performance.now() - started;
      const t = outcome.timings;
      // Where the time went (read by the bench after the figure): the worker's phases, the page's work,
      // then until the simulation held the objects and the canvas drew them, and until all had settled.
      hooks.lastImport = t && {
        parse: t.worker?.parse ?? 0,
        validate: t.worker?.validate ?? 0,
        serialize: t.worker?.serialize ?? 0,
        receive: t.receive,
        load: t.load,
        loaded: t.loaded,
        engineAndDraw: ms - t.loaded,
        workers: t.workers ?? 0,
        settled,
      };
      return ms;
    },
    /** The phases of the last importText, in ms. */
    lastImport: undefined as Record<string, number> | undefined,
  };
  (window as unknown as { __kubecanvasBench: unknown }).__kubecanvasBench = hooks;
}
