/**
 * What people do to the canvas's objects through keys and menus: copy, paste and duplicate (Ctrl+C,
 * Ctrl+V, Ctrl+D), tidy up (dagre), and connecting a Service or an Ingress by dragging an edge. Each change
 * is one command, so one undo entry.
 */
import { keyOf, objectKey, type KubeObject } from '../../engine';
import {
  addObjects,
  documentStore,
  exportYaml,
  getSimulation,
  objectKeys,
  moveObjects,
  notify,
  requestFit,
  selectMany,
  sessionStore,
  type XY,
} from '../../store';
import { clientsAfterTidy } from './clients';
import { CARD_W } from './layout';
import { canConnect } from './links';
import { readModel } from './model';

/** How far each paste moves the copies (flow units). */
export const PASTE_OFFSET = 32;

let clipboard: KubeObject[] = [];
let pastes = 0;
/** The YAML we last put on the system clipboard (a paste of exactly that text pastes copies). */
let copiedText: string | null = null;
/** Where the canvas draws an object now (set by the canvas; positions of unplaced objects). */
let drawnPosition: (key: string) => XY | undefined = () => undefined;

/** The canvas tells where it draws objects (for copies of objects laid out automatically). */
export function setDrawnPositions(fn: (key: string) => XY | undefined): void {
  drawnPosition = fn;
}

function selectedKeys(): string[] {
  const { selection, selectedKeys } = sessionStore.getState();
  return selectedKeys.length > 0 ? selectedKeys : selection ? [selection] : [];
}

/** The authored objects among the selection, in document order. */
function selectedAuthored(): KubeObject[] {
  const keys = new Set(selectedKeys());
  return documentStore.getState().objects.filter((o) => keys.has(keyOf(o)));
}

function taken(key: string): boolean {
  return (
    documentStore.getState().objects.some((o) => keyOf(o) === key) ||
    getSimulation().store.getByKey(key) !== undefined
  );
}

function positionOf(key: string): XY | undefined {
  return documentStore.getState().positions[key] ?? drawnPosition(key);
}

// Copying and connecting load on first use (kept out of the initial bundle).
async function addCopies(objects: readonly KubeObject[], offset: number): Promise<string[]> {
  const { makeCopies } = await import('./copies');
  const copies = makeCopies(objects, positionOf, taken, { x: offset, y: offset });
  addObjects(copies.objects, copies.positions);
  selectMany(copies.keys);
  return copies.keys;
}

/** Whether anything was copied in this tab. */
export function hasClipboard(): boolean {
  return clipboard.length > 0;
}

/**
 * Copies the selected authored objects (Ctrl+C); their YAML goes on the system clipboard when the
 * browser allows it. Returns how many were copied.
 */
export function copySelection(): number {
  const objects = selectedAuthored();
  if (objects.length === 0) return 0;
  clipboard = objects.map((o) => structuredClone(o));
  pastes = 0;
  copiedText = null;
  void exportYaml(false, objects.map(keyOf)).then(async (text) => {
    copiedText = text;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Not allowed (no permission, page not focused): copies still paste within this tab.
    }
  });
  return objects.length;
}

/** Pastes the copied objects under new names, each paste a little further down and right (Ctrl+V). */
export async function pasteClipboard(): Promise<string[]> {
  if (clipboard.length === 0) return [];
  pastes += 1;
  return addCopies(clipboard, PASTE_OFFSET * pastes);
}

const MANIFEST = /(^|\n)\s*(kind|apiVersion)\s*:|"kind"\s*:/;

/**
 * A paste event's text: pastes our copies when it is what we copied, or anything but manifests (those
 * are imported) when something was copied here. Returns whether it was handled.
 */
export function pasteText(text: string): boolean {
  if (clipboard.length === 0) return false;
  const ours = copiedText !== null && text.trim() === copiedText.trim();
  if (!ours && MANIFEST.test(text)) return false;
  void pasteClipboard();
  return true;
}

/** Duplicates the selected authored objects next to them (Ctrl+D). */
export async function duplicateSelection(): Promise<string[]> {
  const objects = selectedAuthored();
  if (objects.length === 0) return [];
  return addCopies(objects, PASTE_OFFSET);
}

/** Lays the whole canvas out again without overlaps (one undo entry), then fits it into view. */
export async function tidyCanvas(): Promise<void> {
  // The layout code and dagre load on first use (their own chunk).
  const { tidyUp } = await import('./tidy');
  const store = getSimulation().store;
  const positions = await tidyUp(readModel(store, objectKeys));
  // The Clients follow their Service or Ingress (they are not part of dagre's graph).
  moveObjects({ ...positions, ...clientsAfterTidy(store, positions, CARD_W) });
  requestFit();
}

const kindOf = (key: string): string => key.split('/')[0] ?? '';
const namespaceOf = (key: string): string => key.split('/')[1] ?? '';

/**
 * Whether an edge dragged from `source` to `target` (object keys) can connect them: a Service selects
 * pods of its own namespace only, and an Ingress routes to Services of its own.
 */
export function isValidLink(source: string, target: string): boolean {
  return (
    source !== target &&
    namespaceOf(source) === namespaceOf(target) &&
    canConnect(kindOf(source), kindOf(target))
  );
}

function authored(key: string): KubeObject | undefined {
  return documentStore.getState().objects.find((o) => keyOf(o) === key);
}

/**
 * Connects two objects: a Service to a workload (the Service selects the workload's pods), or an Ingress
 * to a Service (a rule routes to it). One undo entry; nothing changes when the link means nothing.
 */
export async function linkObjects(source: string, target: string): Promise<boolean> {
  if (!isValidLink(source, target)) return false;
  const from = authored(source);
  const to = authored(target);
  if (!from || !to) {
    notify('error', 'Cannot connect these objects', [
      `${!from ? source : target} was made by the cluster, not by you: connect the object that owns it.`,
    ]);
    return false;
  }
  const { connectIngressToService, connectServiceToWorkload } = await import('./connect');
  if (from.kind === 'Service') {
    const { service, workload } = connectServiceToWorkload(from, to);
    addObjects(workload === to ? [service] : [service, workload]);
  } else {
    const ns = from.metadata.namespace;
    const ingress = connectIngressToService(from, to, (name) => taken(objectKey('Service', ns, name)));
    if (ingress === from) return false;
    addObjects([ingress]);
  }
  return true;
}
