/**
 * Start-up: restore the saved document (or open a template on the first visit, or the one `?demo=` names),
 * honour `?seed=N`, start the engine (in a Web Worker unless the browser has none or the URL says
 * `?engine=main`), make the simulation follow the document, save the document as it changes, and start
 * the clock. Call once, before the first render.
 */
import { followDocument, loadDesign, resetSimulation } from './commands';
import { backUpSavedDesign, designFromHash, openSharedDecks, SHARE_PREFIX } from './share';
import { documentStore, withObjects, type DocumentState } from './document';
import { ensureDriver, frameStats, resetFrameStats } from './driver';
import { commitStats, engineKind, runEngineInWorker, workerWanted } from './engineClient';
import { loadSavedDocument, saveDocument } from './persist';
import { notify } from './session';
import { TEMPLATES } from './templates';

const SAVE_DELAY_MS = 300;
let started = false;

function fromTemplate(name: string, seed: number): DocumentState | undefined {
  const t = TEMPLATES[name];
  return t ? { objects: withObjects([], t.objects()), positions: {}, seed } : undefined;
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
  const params = new URLSearchParams(options.search ?? '');
  const seedParam = Number(params.get('seed'));
  const demo = params.get('demo');
  const saved = loadSavedDocument((why) =>
    notify('error', 'The saved design could not be read', [
      why,
      'It was kept aside; a template opened instead.',
    ]),
  );
  let doc = (demo ? fromTemplate(demo, 1) : undefined) ?? saved ?? (fromTemplate('web', 1) as DocumentState);
  if (demo && !TEMPLATES[demo]) notify('error', `No template named "${demo}"`);
  if (params.has('seed') && Number.isInteger(seedParam)) doc = { ...doc, seed: seedParam };
  documentStore.setState(doc, true);
  documentStore.temporal.getState().clear();
  runEngineInWorker(workerWanted(options.search ?? ''));
  resetSimulation();
  followDocument();
  keepSaving();
  if (!saved || demo) saveDocument(documentStore.getState());
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
