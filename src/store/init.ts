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
import { dismissNotice, notify, sessionStore, updateNotice } from './session';
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

/** When a save was made, in words. */
function when(savedAt: number): string {
  return savedAt > 0 ? `at ${new Date(savedAt).toLocaleString()}` : 'by an earlier version (time unknown)';
}

/** This page among the app's tabs (its saves carry it). */
const TAB = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** The tabs of the app tell each other of their saves here. */
const CHANNEL = 'kubecanvas:saves';

/** What a tab posts after a save: its meta, its store, and where the design it replaced is kept. */
interface SavedMessage extends SaveMeta {
  store: SaveStore['kind'];
  replaced?: string | undefined;
}

function savedMessage(data: unknown, kind: SaveStore['kind']): SavedMessage | undefined {
  const m = data as Partial<SavedMessage> | null;
  if (typeof m !== 'object' || m === null || m.store !== kind) return undefined;
  if (typeof m.rev !== 'number' || typeof m.savedAt !== 'number') return undefined;
  return m as SavedMessage;
}

/** The notice asking the person to choose between another tab's newer design and this tab's. */
let conflictNotice: number | undefined;
/** Where another tab kept the design its save replaced, by that save's revision. */
const replacedBy = new Map<number, string>();

function askOtherTab(s: Saver, theirs: SaveMeta, kept: string): void {
  const lines = [
    `Another tab saved its design ${when(theirs.savedAt)}, and this tab has changes of its own.`,
    `Neither is saved over the other: this tab's design is kept under "${kept}" until you choose.`,
    "Load theirs opens the other tab's design here (Undo brings yours back). Keep mine saves this one as the design; the other tab's is kept aside and that tab is told.",
  ];
  const id = conflictNotice;
  if (id !== undefined && sessionStore.getState().notices.some((n) => n.id === id))
    return updateNotice(id, { lines });
  const shown = notify('error', 'This design was changed in another tab', lines);
  conflictNotice = shown;
  updateNotice(shown, {
    action: {
      label: 'Load theirs',
      run: () => {
        dismissNotice(shown);
        loadingTheirs = true;
        void s.loadTheirs().then((opened) => {
          loadingTheirs = false;
          if (opened)
            notify('info', "Opened the other tab's design", [
              `This tab's design is kept under "${s.keptKey}"; Undo (Ctrl+Z) brings it back.`,
            ]);
        });
      },
    },
    actions: [
      {
        label: 'Keep mine',
        run: () => {
          dismissNotice(shown);
          void s.keepMine().then((kept) => {
            if (kept)
              notify('info', "Kept this tab's design", [
                kept.replaced
                  ? `It is the saved design now; the other tab's is kept under "${kept.replaced}", and that tab is told.`
                  : 'It is the saved design now, and the other tab is told.',
              ]);
          });
        },
      },
    ],
  });
}

/** Set while the person's "Load theirs" opens the other tab's design (it says so itself). */
let loadingTheirs = false;

function openTheirs(doc: DocumentState, theirs: SaveMeta): void {
  const shown = documentStore.getState();
  loadDesign(doc.objects, { seed: doc.seed, positions: doc.positions });
  if (loadingTheirs) return;
  const replaced = replacedBy.get(theirs.rev);
  const id = notify('info', 'Opened the newer design saved in another tab', [
    `It was saved ${when(theirs.savedAt)}; this tab had no changes of its own since.`,
    replaced
      ? `The other tab kept its design over this tab's, which is kept under "${replaced}".`
      : 'Undo (Ctrl+Z) brings back what this tab showed.',
  ]);
  // This tab's design was replaced by the other's choice: the notice stays, with the way back.
  if (replaced)
    updateNotice(id, {
      action: {
        label: "Bring back this tab's design",
        run: () => {
          dismissNotice(id);
          loadDesign(shown.objects, { seed: shown.seed, positions: shown.positions });
        },
      },
    });
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
    onSaved: (meta, replaced) =>
      channel?.postMessage({ ...meta, store: store.kind, replaced } satisfies SavedMessage),
    onConflict: (theirs, kept) => askOtherTab(s, theirs, kept),
    onTheirs: openTheirs,
  });
  // Another tab's save: over the channel, or (localStorage) the storage event; a save of this page that
  // meets a newer one (its claim fails) tells too.
  if (channel)
    channel.onmessage = (e: MessageEvent) => {
      const m = savedMessage(e.data, store.kind);
      if (!m) return;
      if (m.replaced) replacedBy.set(m.rev, m.replaced);
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
    } catch {
      // Unapplied texts could not be read: they stay where they are.
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
  if (instead)
    notify('error', "The browser's database did not answer in time", [
      'A design saved there is not lost: reload the page to try again.',
      local
        ? "Meanwhile this page opened what the browser's localStorage holds and saves your changes there. At the next start the newer of the two saves opens and the other is kept aside."
        : 'Meanwhile nothing is saved: export the design to keep a copy.',
    ]);
  if (!local) {
    open(undefined, {}, [], options);
    notify('error', 'This browser keeps nothing for this page', [
      'The design is not saved between visits: export it to keep a copy.',
    ]);
    return;
  }
  const store = localStorageStore(local);
  open(store, loadSavedNow(store, local), store.entriesNow(TEXT_PREFIX), options, instead);
}

/** The number of objects of a design, in words. */
function objectCount(doc: DocumentState): string {
  return `${doc.objects.length} object${doc.objects.length === 1 ? '' : 's'}`;
}

/** Both IndexedDB and localStorage held a design: the newer is open; says so, and offers the other. */
function offerOtherSave(outcome: LoadOutcome): void {
  const other = outcome.other;
  if (!other || !outcome.doc) return;
  const id = notify('info', 'Two saved designs were found: the newer one is open', [
    `Open: the design saved ${when(outcome.savedAt ?? 0)} (${objectCount(outcome.doc)}).`,
    `The other, saved ${when(other.savedAt)} in ${other.from} (${objectCount(other.doc)}), is kept under "${other.key}".`,
  ]);
  updateNotice(id, {
    action: {
      label: 'Open the other',
      run: () => {
        dismissNotice(id);
        const shown = documentStore.getState();
        const key = `${backupPrefix('older-save')}${Date.now()}`;
        void saveStore
          ?.commit([[key, documentRecord(shown)]])
          .then(() => {
            loadDesign(other.doc.objects, { seed: other.doc.seed, positions: other.doc.positions });
            notify('info', 'Opened the other saved design', [
              `The one that was open is kept under "${key}"; Undo (Ctrl+Z) brings it back.`,
            ]);
          })
          .catch((e: unknown) =>
            notify('error', 'Could not keep a copy of the open design, so the other was not opened', [
              saveFailure(e),
            ]),
          );
      },
    },
  });
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
  offerOtherSave(outcome);
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
