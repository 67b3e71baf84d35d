/**
 * The document slice: the design the person authored (objects as written, canvas positions, the seed).
 * It is the only undoable state: every change is one history entry (zundo), and a drag is committed once,
 * when it ends. The simulation follows the document (see syncSimulation in commands.ts), never the reverse.
 */
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import { keyOf, type KubeObject } from '../engine';

/** A canvas position in flow coordinates. */
export interface XY {
  x: number;
  y: number;
}

/** The authored design. Arrays and records are replaced, never mutated, so history entries share data. */
export interface DocumentState {
  /** Authored objects in the order they were first added (import puts them in apply order). */
  objects: KubeObject[];
  /** Canvas position by object key; objects without one are laid out automatically. */
  positions: Record<string, XY>;
  /** Seed of the simulation's randomness. */
  seed: number;
}

/** How many steps undo remembers. */
export const HISTORY_LIMIT = 200;

/** The document store (vanilla zustand with zundo's `temporal` history). */
export const documentStore = createStore<DocumentState>()(
  temporal<DocumentState>(() => ({ objects: [], positions: {}, seed: 1 }), {
    limit: HISTORY_LIMIT,
    equality: (a, b) => a.objects === b.objects && a.positions === b.positions && a.seed === b.seed,
  }),
);

/**
 * The object as the document keeps it: as the person wrote it. A namespaced object without a namespace is
 * in `default` (keyOf says so) but keeps no `namespace: default` it was not given, so its export still
 * goes wherever `kubectl apply -n` sends it.
 */
export function normalizeObject(obj: KubeObject): KubeObject {
  return obj;
}

/** Objects with these additions or replacements (same key replaces, in place), in one new array. */
export function withObjects(current: readonly KubeObject[], added: readonly KubeObject[]): KubeObject[] {
  const index = new Map(current.map((o, i) => [keyOf(o), i]));
  const out = [...current];
  for (const raw of added) {
    const obj = normalizeObject(raw);
    const i = index.get(keyOf(obj));
    if (i === undefined) {
      index.set(keyOf(obj), out.length);
      out.push(obj);
    } else out[i] = obj;
  }
  return out;
}

/** The authored object with this key, if any. */
export function authoredObject(key: string): KubeObject | undefined {
  return documentStore.getState().objects.find((o) => keyOf(o) === key);
}
