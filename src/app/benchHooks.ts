/**
 * Hooks for `npm run bench` (bench/browser.bench.ts), installed on `window.__kubecanvasBench` only when
 * the page's URL has `?bench`: they load a generated cluster of a given size and time an import in the
 * page, so the browser figures measure the real app. A person never sees them.
 */
import { engineKind, engineSettled, importText, loadDesign, play, scaleCluster, setSpeed } from '../store';

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
    async importText(text: string): Promise<number> {
      const started = performance.now();
      const outcome = await importText(text, 'bench.yaml');
      if (!outcome.ok) throw new Error(outcome.errors[0] ?? 'import failed');
      await engineSettled();
      const ms = performance.now() - started;
      const t = outcome.timings;
      // Where the time went (read by the bench after the figure): the worker's phases, the page's work,
      // and the rest, from the design holding the objects until the engine answered and the page drew.
      hooks.lastImport = t && {
        parse: t.worker?.parse ?? 0,
        validate: t.worker?.validate ?? 0,
        serialize: t.worker?.serialize ?? 0,
        receive: t.receive,
        load: t.load,
        loaded: t.loaded,
        engineAndDraw: ms - t.loaded,
      };
      return ms;
    },
    /** The phases of the last importText, in ms. */
    lastImport: undefined as Record<string, number> | undefined,
  };
  (window as unknown as { __kubecanvasBench: unknown }).__kubecanvasBench = hooks;
}
