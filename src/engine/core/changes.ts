/**
 * Changes are data. Controllers, the scheduler, kubelets and user commands describe what they want as a
 * Change; ObjectStore.apply is the one function that carries changes out, logs them as watch events,
 * keeps the indexes and (in debug mode) checks invariants.
 */
import type { KubeObject } from '../api/types';

export type Change =
  /** Create a new object; fails if the key exists. */
  | { readonly type: 'create'; readonly object: KubeObject }
  /** Replace an existing object (matched by key); spec changes bump metadata.generation. */
  | { readonly type: 'update'; readonly object: KubeObject }
  /** Remove an object from the store now (finalizers and grace periods are handled before this). */
  | { readonly type: 'remove'; readonly key: string };

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One entry of the watch stream, as the Kubernetes API streams them, plus the previous object. */
export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
  /** The object before a MODIFIED change. */
  readonly old?: KubeObject;
  /** Simulated milliseconds at which the change happened. */
  readonly time: number;
}

export type WatchHandler = (event: WatchEvent) => void;
