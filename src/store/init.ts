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
import {
  backupPrefix,
  documentRecord,
  loadSaved,
  loadSavedNow,
  localStorageStore,
  openIndexedDbStore,
  Saver,
  saveFailure,
  setTextSink,
  TEXT_PREFIX,
  type LoadOutcome,
  type SaveStore,
} from './persist';
import { DESIGN_DRAFT, DRAFT_KEY, restoreDrafts } from './edit';
import { IMPORT_KEY, restoreRejectedImports } from './session';
import { dismissNotice, notify, updateNotice } from './session';
import { TEMPLATES } from './templates';

const SAVE_DELAY_MS = 300;

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
  backUp(previous, 'before-demo');
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

/** Where this page saves, once start-up has chosen. */
let saver: Saver | undefined;
let saveStore: SaveStore | undefined;

function keepSaving(store: SaveStore): Saver {
  const s = new Saver(store, () => documentStore.getState(), {
    delayMs: SAVE_DELAY_MS,
    onFail: (why) =>
      notify('error', 'Could not save the design in this browser', [why, 'Export it to keep a copy.']),
    onRecover: () => notify('info', 'The design is saved in this browser again'),
  });
  documentStore.subscribe(() => s.changed());
  setTextSink((key, value) => s.keepText(key, value));
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => s.flushNow());
    // A tab put in the background may be discarded (or its browser killed) without a pagehide.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') s.flushNow();
    });
  }
  saver = s;
  saveStore = store;
  return s;
}

/** Resolves once everything changed so far is saved (tests, and `?bench` figures). */
export function savesSettled(): Promise<void> {
  return saver?.idle() ?? Promise.resolve();
}

/**
 * Puts back the person's unapplied YAML text kept before the reload (drafts of the YAML panel, imports
 * that failed), and says so.
 */
function restoreTexts(texts: Array<[string, unknown]>): void {
  const drafts: Array<[string, unknown]> = [];
  const imports: unknown[] = [];
  for (const [key, kept] of texts) {
    const name = key.slice(TEXT_PREFIX.length);
    // localStorage keeps them as JSON text.
    let value = kept;
    if (typeof kept === 'string')
      try {
        value = JSON.parse(kept);
      } catch {
        continue;
      }
    if (name.startsWith(DRAFT_KEY)) drafts.push([name.slice(DRAFT_KEY.length), value]);
    else if (name.startsWith(IMPORT_KEY)) imports.push(value);
  }
  const restored = restoreDrafts(drafts);
  const files = restoreRejectedImports(imports);
  const lines = [
    ...restored.map((id) => (id === DESIGN_DRAFT ? 'YAML of the whole design' : `YAML of ${id}`)),
    ...files.map((f) => `the import of ${f} that failed`),
  ];
  if (lines.length > 0)
    notify('info', 'Unapplied text from before the reload is kept', [
      ...lines,
      'It is in the YAML panel: apply it or discard it there.',
    ]);
}

/** Keeps the design that was saved under a backup key before a share link or a template replaces it. */
function backUp(saved: DocumentState | undefined, reason: 'before-link' | 'before-demo'): void {
  if (saveStore?.kind === 'localStorage' || !saveStore) return backUpSavedDesign(reason);
  if (!saved) return;
  void saveStore
    .commit([[`${backupPrefix(reason)}${Date.now()}`, documentRecord(saved)]])
    .catch((e: unknown) =>
      notify('error', 'Could not keep a copy of your previous design', [
        saveFailure(e),
        'It is one undo step (Ctrl+Z) away until you reload.',
      ]),
    );
}

/** Options of start-up (defaults come from the URL). */
export interface StartOptions {
  /** The URL's query string, e.g. `?demo=web&seed=7`. */
  search?: string;
  /** The URL's hash: a share link's `#design=...` opens that design. */
  hash?: string;
  /** Where saves go (tests); by default IndexedDB, or localStorage where there is none. */
  store?: SaveStore;
}

function openSharedDesign(hash: string | undefined, saved: DocumentState | undefined): void {
  if (!hash?.startsWith(SHARE_PREFIX)) return;
  try {
    const shared = designFromHash(hash);
    backUp(saved, 'before-link');
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

let starting: Promise<void> | undefined;

function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Starts the store (idempotent): reads the saved design, then opens it (or a template) and starts the
 * engine. The returned promise resolves once the design is open; render after it. Where saves live in
 * IndexedDB that read is asynchronous; where the browser has none (and in Node tests) saves live in
 * localStorage and everything is done before this returns. Nothing is saved before the saved design was
 * read, so a template never overwrites it.
 */
export function startStore(options: StartOptions = {}): Promise<void> {
  if (starting) return starting;
  const local = browserStorage();
  if (options.store) {
    const store = options.store;
    starting = openFrom(store, loadSaved(store, local), options);
  } else if (typeof indexedDB !== 'undefined') {
    starting = openIndexedDbStore().then(
      (store) => openFrom(store, loadSaved(store, local), options),
      () => startLocal(local, options),
    );
  } else {
    startLocal(local, options);
    starting = Promise.resolve();
  }
  return starting;
}

/** Without IndexedDB: localStorage, read and opened at once. */
function startLocal(local: Storage | undefined, options: StartOptions): void {
  if (!local) {
    open(undefined, {}, [], options);
    notify('error', 'This browser keeps nothing for this page', [
      'The design is not saved between visits: export it to keep a copy.',
    ]);
    return;
  }
  const store = localStorageStore(local);
  open(store, loadSavedNow(store, local), store.entriesNow(TEXT_PREFIX), options);
}

async function openFrom(
  store: SaveStore,
  loading: Promise<LoadOutcome>,
  options: StartOptions,
): Promise<void> {
  const outcome = await loading;
  let texts: Array<[string, unknown]> = [];
  try {
    texts = await store.entries(TEXT_PREFIX);
  } catch {
    // Unapplied texts could not be read: they stay where they are.
  }
  open(store, outcome, texts, options);
}

function open(
  store: SaveStore | undefined,
  outcome: LoadOutcome,
  texts: Array<[string, unknown]>,
  options: StartOptions,
): void {
  const search = options.search ?? '';
  const params = new URLSearchParams(search);
  const seedParam = Number(params.get('seed'));
  // A share link carries its own design: a `?demo=` beside it is not opened first.
  const demo = options.hash?.startsWith(SHARE_PREFIX) ? null : params.get('demo');
  const saved = outcome.doc;
  if (outcome.unreadable !== undefined)
    notify('error', 'The saved design could not be read', [
      outcome.unreadable,
      outcome.keepOff
        ? `It stays where it was (${outcome.keepOff}); a template opened instead.`
        : 'It was kept aside; a template opened instead.',
    ]);
  else if (outcome.keepOff)
    notify('error', 'The saved design could not be read', [`${outcome.keepOff}; a template opened instead.`]);
  if (outcome.keepOff)
    notify('error', 'Changes are not saved in this browser for now', [
      'Your saved design is left untouched. Export this design to keep a copy.',
    ]);
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
  restoreTexts(texts);
  if (store && !outcome.keepOff) {
    const s = keepSaving(store);
    if (previous && demo) offerRestore(previous, demo);
    if (!saved || doc !== saved) s.changed();
  } else if (previous && demo) offerRestore(previous, demo);
  // `?demo=` and `?seed=` are done: a reload (or a share link made from here) opens the saved design.
  consumeOnceParams(search);
  openSharedDesign(options.hash, saved);
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
