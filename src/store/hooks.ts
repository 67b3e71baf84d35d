/**
 * React bindings over the runtime, document and session slices. Lists subscribe to keys (the array keeps
 * its identity while the set is unchanged) and items to one record, so a frame in which one pod changes
 * re-renders that pod only.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { Event, KubeObject } from '../engine';
import { documentStore, type DocumentState } from './document';
import {
  eventsFor,
  getSimulation,
  getSimVersion,
  getReadinessVersion,
  getTopologyVersion,
  objectKeys,
  subscribeFrame,
  subscribeKey,
  subscribeKind,
  subscribeTime,
} from './runtime';
import { sessionStore, type SessionState } from './session';
import type { TimelineMarker } from './timeline';
import { getMarkers, getTimelineEnd } from './timelineState';

const noop = (): void => undefined;
const noSubscribe = (): (() => void) => noop;

/** The number of committed frames; re-renders once per frame that carried changes. */
export function useSimVersion(): number {
  return useSyncExternalStore(subscribeFrame, getSimVersion);
}

/** Grows when the canvas layout must be recomputed (see getTopologyVersion). */
export function useTopologyVersion(): number {
  return useSyncExternalStore(subscribeFrame, getTopologyVersion);
}

/** Grows when a pod became ready or not ready, and with the topology (see getReadinessVersion). */
export function useReadinessVersion(): number {
  return useSyncExternalStore(subscribeFrame, getReadinessVersion);
}

const simTime = (): number => getSimulation().now;

/** Simulated milliseconds since the start. */
export function useSimTime(): number {
  return useSyncExternalStore(subscribeTime, simTime);
}

/** The furthest simulated time reached on the timeline's branch (the scrubber's end). */
export function useTimelineEnd(): number {
  return useSyncExternalStore(subscribeTime, getTimelineEnd);
}

/** The timeline's markers (node failed, rollout started, pod evicted...), oldest first. */
export function useTimelineMarkers(): TimelineMarker[] {
  return useSyncExternalStore(subscribeTime, getMarkers);
}

/** Keys of the live objects of a kind, in creation order (stable identity while unchanged). */
export function useObjectKeys(kind: string): string[] {
  const subscribe = useCallback((l: () => void) => subscribeKind(kind, l), [kind]);
  const get = useCallback(() => objectKeys(kind), [kind]);
  return useSyncExternalStore(subscribe, get);
}

/** One live object; re-renders only when it changes (a new resourceVersion is a new object). */
export function useObject<T extends KubeObject = KubeObject>(key: string | null): T | undefined {
  const subscribe = useCallback((l: () => void) => (key ? subscribeKey(key, l) : noop), [key]);
  const get = useCallback(() => (key ? getSimulation().store.getByKey<T>(key) : undefined), [key]);
  return useSyncExternalStore(key ? subscribe : noSubscribe, get);
}

/**
 * A text worked out from some objects (`read` gets each key's live object, or undefined), re-read only
 * when one of them changes: e.g. a Node card's strip of its pods' states, without a new layout.
 */
export function useObjectsText(
  keys: readonly string[],
  read: (objects: ReadonlyArray<KubeObject | undefined>) => string,
): string {
  const subscribe = useCallback(
    (l: () => void) => {
      const offs = keys.map((k) => subscribeKey(k, l));
      return () => offs.forEach((off) => off());
    },
    [keys],
  );
  // React asks for the text on every notification and render: it is worked out again only when one of
  // the objects is a new one (objects are replaced, never changed in place).
  const last = useRef<{ objects: Array<KubeObject | undefined>; text: string } | null>(null);
  const get = useCallback(() => {
    const store = getSimulation().store;
    const prev = last.current;
    if (prev && prev.objects.length === keys.length) {
      let same = true;
      for (let i = 0; i < keys.length && same; i++)
        same = store.getByKey(keys[i] as string) === prev.objects[i];
      if (same) return prev.text;
    }
    const objects = keys.map((k) => store.getByKey(k));
    const text = read(objects);
    last.current = { objects, text };
    return text;
  }, [keys, read]);
  return useSyncExternalStore(subscribe, get);
}

/** Events whose involvedObject is this object, newest last. */
export function useEventsFor(key: string | null): Array<Event & KubeObject> {
  const subscribe = useCallback((l: () => void) => (key ? subscribeKey(`events:${key}`, l) : noop), [key]);
  const get = useCallback(() => (key ? eventsFor(key) : EMPTY), [key]);
  return useSyncExternalStore(subscribe, get);
}
const EMPTY: Array<Event & KubeObject> = [];

/** The selected object's key, or null. */
export function useSelection(): string | null {
  return useStore(sessionStore, selectSelection);
}
const selectSelection = (s: SessionState): string | null => s.selection;

/** A slice of the session state (pass a selector defined at module scope). */
export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(sessionStore, selector);
}

/** A slice of the document (pass a selector defined at module scope). */
export function useDocument<T>(selector: (s: DocumentState) => T): T {
  return useStore(documentStore, selector);
}

const selectCanUndo = (s: { pastStates: unknown[] }): boolean => s.pastStates.length > 0;
const selectCanRedo = (s: { futureStates: unknown[] }): boolean => s.futureStates.length > 0;

/** Whether undo and redo have anything to do. */
export function useHistory(): { canUndo: boolean; canRedo: boolean } {
  const canUndo = useStore(documentStore.temporal, selectCanUndo);
  const canRedo = useStore(documentStore.temporal, selectCanRedo);
  return { canUndo, canRedo };
}
