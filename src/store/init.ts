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
  keptByTabs,
  loadSaved,
  loadSavedNow,
  localStorageStore,
  metaOf,
  openIndexedDbStore,
  Saver,
  saveFailure,
  setTextSink,
  STORAGE_KEY,
  TEXT_PREFIX,
  type LoadOutcome,
  type SaveMeta,
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

/** This page among the app's tabs (its saves carry it). */
const TAB = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** The tabs of the app tell each other of their saves here. */
const CHANNEL = 'kubecanvas:saves';

/** What a tab posts after a save: its meta, and its store. */
interface SavedMessage extends SaveMeta {
  store: SaveStore['kind'];
}

function savedMessage(data: unknown, kind: SaveStore['kind']): SavedMessage | undefined {
  const m = data as Partial<SavedMessage> | null;
  if (typeof m !== 'object' || m === null || m.store !== kind) return undefined;
  if (typeof m.rev !== 'number' || typeof m.savedAt !== 'number') return undefined;
  return m as SavedMessage;
}

/** The notices of saving beside other tabs and saves, loaded when one is first needed. */
const saveNotices = () => import('./saveNotices');

/** Opens a design another tab saved (`chosen`: the person asked for it, and is told by that choice). */
function openTheirs(doc: DocumentState, theirs: SaveMeta, chosen: boolean): void {
  const shown = documentStore.getState();
  loadDesign(doc.objects, { seed: doc.seed, positions: doc.positions });
  if (!chosen) void saveNotices().then((n) => n.openedTheirs(theirs, shown));
}

function keepSaving(store: SaveStore, rev: number | undefined): Saver {
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
  const s: Saver = new Saver(store, () => documentStore.getState(), {
    delayMs: SAVE_DELAY_MS,
    onFail: (why) =>
      notify('error', 'Could not save the design in this browser', [why, 'Export it to keep a copy.']),
    onRecover: () => notify('info', 'The design is saved in this browser again'),
    tab: TAB,
    rev,
    onSaved: (meta) => channel?.postMessage({ ...meta, store: store.kind } satisfies SavedMessage),
    onConflict: (theirs, kept) => void saveNotices().then((n) => n.askOtherTab(s, theirs, kept)),
    onTheirs: openTheirs,
    onBroughtBack: (replaced) => void saveNotices().then((n) => n.broughtBack(replaced)),
  });
  // Another tab's save: over the channel, or (localStorage) the storage event; a save of this page that
  // meets a newer one (its claim fails) tells too.
  if (channel)
    channel.onmessage = (e: MessageEvent) => {
      const m = savedMessage(e.data, store.kind);
      if (!m) return;
      void s.otherSaved({ savedAt: m.savedAt, rev: m.rev, ...(m.tab ? { tab: m.tab } : {}) });
    };
  if (store.kind === 'localStorage' && typeof window !== 'undefined')
    window.addEventListener('storage', (e) => {
      if (e.key === STORAGE_KEY && e.newValue) void s.otherSaved(metaOf(e.newValue));
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
  /** START_TIMEOUT_MS (tests). */
  timeoutMs?: number;
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
  if (options.store) starting = startFrom(Promise.resolve(options.store), local, options);
  else if (typeof indexedDB !== 'undefined') starting = startFrom(openIndexedDbStore(), local, options);
  else {
    startLocal(local, options);
    starting = Promise.resolve();
  }
  return starting;
}

/**
 * How long start-up waits for IndexedDB (its opening, the saved design and texts) before it opens what
 * localStorage holds: a browser that never answers (a stuck profile) must not keep the page blank.
 */
export const START_TIMEOUT_MS = 4000;

/**
 * From a store answering later (IndexedDB): opens what it holds, or what localStorage holds when it does
 * not open, or does not answer within START_TIMEOUT_MS. Then the page saves in localStorage, nothing
 * before the person changes something, and the store's design is left as it is: at the next start the
 * newer of the two saves opens and the other is kept aside (loadSaved).
 */
function startFrom(
  opening: Promise<SaveStore>,
  local: Storage | undefined,
  options: StartOptions,
): Promise<void> {
  let gaveUp = false;
  const read = opening.then(async (store) => {
    const outcome = await loadSaved(store, local, Date.now, () => gaveUp);
    let texts: Array<[string, unknown]> = [];
    try {
      texts = await store.entries(TEXT_PREFIX);
      outcome.tabCopies = keptByTabs(await store.entries(backupPrefix('unsaved-in-tab')), outcome.doc);
    } catch {
      // Unapplied texts, or designs tabs kept, could not be read: they stay where they are.
    }
    return { store, outcome, texts };
  });
  return new Promise<void>((resolve) => {
    const settle = (start: () => void) => {
      if (gaveUp) return;
      gaveUp = true;
      clearTimeout(timer);
      try {
        start();
      } finally {
        resolve();
      }
    };
    const timer = setTimeout(
      () => settle(() => startLocal(local, options, true)),
      options.timeoutMs ?? START_TIMEOUT_MS,
    );
    read.then(
      ({ store, outcome, texts }) => settle(() => open(store, outcome, texts, options)),
      () => settle(() => startLocal(local, options)),
    );
  });
}

/**
 * Without IndexedDB (or when it did not answer in time: `instead`): localStorage, read and opened at
 * once.
 */
function startLocal(local: Storage | undefined, options: StartOptions, instead = false): void {
  if (instead) void saveNotices().then((n) => n.notAnswered(local !== undefined));
  if (!local) {
    open(undefined, {}, [], options);
    notify('error', 'This browser keeps nothing for this page', [
      'The design is not saved between visits: export it to keep a copy.',
    ]);
    return;
  }
  const store = localStorageStore(local);
  const outcome = loadSavedNow(store, local);
  try {
    outcome.tabCopies = keptByTabs(store.entriesNow(backupPrefix('unsaved-in-tab')), outcome.doc);
  } catch {
    // Left where they are.
  }
  open(store, outcome, store.entriesNow(TEXT_PREFIX), options, instead);
}

function open(
  store: SaveStore | undefined,
  outcome: LoadOutcome,
  texts: Array<[string, unknown]>,
  options: StartOptions,
  instead = false,
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
        ? `It stays where it was (${outcome.keepOff}); ${saved ? 'another save' : 'a template'} opened instead.`
        : `It was kept aside; ${saved ? 'another save' : 'a template'} opened instead.`,
    ]);
  else if (outcome.keepOff && !saved)
    notify('error', 'The saved design could not be read', [`${outcome.keepOff}; a template opened instead.`]);
  else if (outcome.keepOff)
    notify('error', 'Two saved designs were found; the newer one is open', [`${outcome.keepOff}.`]);
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
    const s = keepSaving(store, outcome.rev);
    if (previous && demo) offerRestore(previous, demo);
    // Opened from localStorage instead of IndexedDB: nothing is saved until the person changes something
    // (an untouched template would be the newer save at the next start).
    if (doc === saved || instead) s.opened();
    else s.changed();
  } else if (previous && demo) offerRestore(previous, demo);
  const kept = saveStore;
  if (outcome.other && kept) void saveNotices().then((n) => n.offerOtherSave(outcome, kept));
  const copies = outcome.tabCopies ?? [];
  const keeping = saver;
  if (copies.length > 0 && kept && keeping)
    void saveNotices().then((n) => n.offerTabCopy(copies, kept, keeping));
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
