/**
 * Start-up: restore the saved document (or open a template on the first visit, or the one `?demo=` names),
 * honour `?seed=N`, start the engine (in a Web Worker unless the browser has none or the URL says
 * `?engine=main`), make the simulation follow the document, save the document as it changes, and start
 * the clock. Call once, before the first render.
 */
import { stableStringify } from '../engine';
import { followDocument, loadDesign, resetSimulation } from './commands';
import { backUpSavedDesign, designFromHash, openSharedDecks, SHARE_PREFIX } from './share';
import { documentStore, withObjects, type DocumentState } from './document';
import { ensureDriver, frameStats, resetFrameStats } from './driver';
import { commitStats, engineKind, runEngineInWorker, workerWanted } from './engineClient';
import { loadSavedDocument, saveDocument } from './persist';
import { dismissNotice, notify, updateNotice } from './session';
import { TEMPLATES } from './templates';

const SAVE_DELAY_MS = 300;
let started = false;

function fromTemplate(name: string, seed: number): DocumentState | undefined {
  const t = TEMPLATES[name];
  return t ? { objects: withObjects([], t.objects()), positions: t.positions?.() ?? {}, seed } : undefined;
}

/** URL parameters that ask for something once, at load; dropped from the address once done. */
export const ONCE_PARAMS = ['demo', 'seed'] as const;

/** The query string without the one-time parameters (`?demo=`, `?seed=`), '' when nothing is left. */
export function withoutOnceParams(search: string): string {
  const params = new URLSearchParams(search);
  for (const p of ONCE_PARAMS) params.delete(p);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/**
 * Whether a design holds nothing the person made: a template exactly as it opens, never moved (placed as
 * the template places it, or by the automatic layout).
 */
export function isPristineTemplate(doc: DocumentState): boolean {
  const text = stableStringify(doc.objects);
  const placed = Object.keys(doc.positions).length === 0 ? '' : stableStringify(doc.positions);
  return Object.values(TEMPLATES).some(
    (t) =>
      !t.hidden &&
      stableStringify(withObjects([], t.objects())) === text &&
      (placed === '' || (t.positions !== undefined && stableStringify(t.positions()) === placed)),
  );
}

function sameDesign(a: DocumentState, b: DocumentState): boolean {
  return (
    stableStringify(a.objects) === stableStringify(b.objects) &&
    stableStringify(a.positions) === stableStringify(b.positions)
  );
}

/**
 * A template opened by `?demo=` over a design the person had made: that design is kept under a backup
 * key, one undo step away, and a notice offers to restore it (as one undoable step).
 */
function offerRestore(previous: DocumentState, template: string): void {
  backUpSavedDesign('before-demo');
  documentStore.temporal.setState({ pastStates: [previous], futureStates: [] });
  const n = previous.objects.length;
  const id = notify('info', `Opened the template "${template}"; your previous design was kept`, [
    `It has ${n} object${n === 1 ? '' : 's'}. Restore brings it back (Ctrl+Z does too).`,
  ]);
  updateNotice(id, {
    action: {
      label: 'Restore',
      run: () => {
        dismissNotice(id);
        loadDesign(previous.objects, { seed: previous.seed, positions: previous.positions });
        notify('info', 'Your previous design is back', ['Undo (Ctrl+Z) opens the template again.']);
      },
    },
  });
}

/** Drops the one-time parameters from the address, so a reload opens the saved design. */
function consumeOnceParams(search: string): void {
  if (typeof history === 'undefined' || typeof window === 'undefined') return;
  const params = new URLSearchParams(search);
  if (!ONCE_PARAMS.some((p) => params.has(p))) return;
  history.replaceState(
    history.state,
    '',
    window.location.pathname + withoutOnceParams(search) + window.location.hash,
  );
}

function keepSaving(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    if (!saveDocument(documentStore.getState()))
      notify('error', 'Could not save the design in this browser', ['Export it to keep a copy.']);
  };
  documentStore.subscribe(() => {
    if (timer === undefined) timer = setTimeout(flush, SAVE_DELAY_MS);
  });
  if (typeof window !== 'undefined')
    window.addEventListener('pagehide', () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        flush();
      }
    });
}

/** Options of start-up (defaults come from the URL). */
export interface StartOptions {
  /** The URL's query string, e.g. `?demo=web&seed=7`. */
  search?: string;
  /** The URL's hash: a share link's `#design=...` opens that design. */
  hash?: string;
}

function openSharedDesign(hash: string | undefined): void {
  if (!hash?.startsWith(SHARE_PREFIX)) return;
  try {
    const shared = designFromHash(hash);
    backUpSavedDesign();
    loadDesign(shared.objects, { seed: shared.seed, positions: shared.positions });
    const decks = openSharedDecks(hash);
    notify('info', 'Opened a shared design', [
      'Undo (Ctrl+Z) brings back the design you had.',
      ...(decks > 0
        ? [`${decks} shared deck${decks > 1 ? 's were' : ' was'} added to your decks as copies.`]
        : []),
    ]);
  } catch (e) {
    notify('error', 'Could not open the shared link', [(e as Error).message]);
  }
  if (typeof history !== 'undefined')
    history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** Starts the store (idempotent). */
export function startStore(options: StartOptions = {}): void {
  if (started) return;
  started = true;
  const search = options.search ?? '';
  const params = new URLSearchParams(search);
  const seedParam = Number(params.get('seed'));
  // A share link carries its own design: a `?demo=` beside it is not opened first.
  const demo = options.hash?.startsWith(SHARE_PREFIX) ? null : params.get('demo');
  const saved = loadSavedDocument((why) =>
    notify('error', 'The saved design could not be read', [
      why,
      'It was kept aside; a template opened instead.',
    ]),
  );
  const template = demo ? fromTemplate(demo, 1) : undefined;
  if (demo && !template) notify('error', `No template named "${demo}"`);
  let doc = template ?? saved ?? (fromTemplate('web', 1) as DocumentState);
  if (params.has('seed') && Number.isInteger(seedParam)) doc = { ...doc, seed: seedParam };
  // The person's own work is never overwritten silently by a template the URL asks for.
  const previous =
    template && saved && !sameDesign(saved, template) && !isPristineTemplate(saved) ? saved : undefined;
  documentStore.setState(doc, true);
  documentStore.temporal.getState().clear();
  runEngineInWorker(workerWanted(search));
  resetSimulation();
  followDocument();
  keepSaving();
  if (previous && demo) offerRestore(previous, demo);
  if (!saved || doc !== saved) saveDocument(documentStore.getState());
  // `?demo=` and `?seed=` are done: a reload (or a share link made from here) opens the saved design.
  consumeOnceParams(search);
  openSharedDesign(options.hash);
  ensureDriver();
  if (params.has('stats') && typeof window !== 'undefined')
    Object.assign(window, {
      kubecanvasStats: {
        frameStats,
        resetFrameStats,
        commitStats,
        get engine() {
          return engineKind();
        },
      },
    });
}
