/**
 * What the executors share: finding objects the way the API server lists them (sorted by namespace and
 * name, filtered by label selector), writing a change the way kubectl's patch does (through the authored
 * copy when the user authored the object, else to the live object), and errors in kubectl's words.
 */
import { parseSelector } from '../api/labels';
import { keyOf } from '../api/meta';
import type { KubeObject } from '../api/types';
import { ApiError, type Simulation } from '../core/simulation';
import { isClusterScoped, notFound } from './resources';
import type { Scope } from './types';

/** The result every command returns: the text kubectl would print, and whether it succeeded. */
export interface CommandResult {
  ok: boolean;
  output: string;
  /**
   * The command would keep waiting in kubectl (`rollout status` until the rollout is done, `logs -f`
   * while the container runs): a console runs the same line again as simulated time passes.
   */
  pending?: boolean;
  /**
   * With `pending`: kubectl is waiting for something to appear (logs' first pod), for at most this long in
   * simulated ms; `output` is what it prints if nothing does. A console shows nothing until then and runs
   * the line again as time passes; a result without `waitMs` ends the wait.
   */
  waitMs?: number;
}

export const ok = (output: string): CommandResult => ({ ok: true, output });
export const failed = (output: string): CommandResult => ({ ok: false, output });

/** The namespace a name of `kind` lives in under `scope` (undefined for cluster-scoped kinds). */
export function nsOf(kind: string, scope: Scope): string | undefined {
  return isClusterScoped(kind) ? undefined : scope.namespace;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Objects of a kind in scope (all namespaces with -A), in the API server's list order. */
export function listObjects(sim: Simulation, kind: string, scope: Scope, selector?: string): KubeObject[] {
  const namespace = isClusterScoped(kind) || scope.allNamespaces ? undefined : scope.namespace;
  let items = sim.store.list(kind, namespace);
  if (selector !== undefined) {
    const sel = parseSelector(selector);
    items = items.filter((o) => sel.matches(o.metadata.labels));
  }
  return items.sort(byNamespaceAndName);
}

/** One object by name, or kubectl's NotFound error. */
export function getObject(sim: Simulation, kind: string, scope: Scope, name: string): KubeObject | string {
  return sim.store.get(kind, nsOf(kind, scope), name) ?? notFound(kind, name);
}

/**
 * Applies a change to an object as `kubectl patch` would: an authored object changes through its
 * authored copy (so export keeps the change); an object the cluster made changes live.
 */
export function patchObject(
  sim: Simulation,
  obj: KubeObject,
  patch: (o: KubeObject) => KubeObject,
): KubeObject {
  const key = keyOf(obj);
  if (sim.authoredOf(key)) return sim.patchAuthored(key, patch);
  const live = sim.store.getByKey(key) ?? obj;
  return sim.store.apply({ type: 'update', object: patch(structuredClone(live)) });
}

/** An engine error in kubectl's words (`Error from server (NotFound): ...`, `error: ...`). */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return `Error from server (${e.reason}): ${e.message}`;
  const message = e instanceof Error ? e.message : String(e);
  return message.startsWith('error') || message.startsWith('Error') ? message : `error: ${message}`;
}
