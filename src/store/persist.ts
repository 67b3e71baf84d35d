/**
 * Local persistence of the document, and of the person's unapplied YAML text (drafts, rejected imports).
 *
 * Where: IndexedDB (database `kubecanvas`, object store `saves`), written off the page's critical path: a
 * save hands the browser one text, each object's JSON a line (worked out once per object, OBJECT_JSON), in
 * one transaction: for a 3 MB design about 6 ms of the page's time (median; localStorage.setItem of the same
 * text took 13 to 105 ms), and no 5 MB limit as localStorage has. A transaction is all or nothing: a save cut short (a crash, a full
 * disk) leaves the previous design readable. Where IndexedDB is missing or refuses to open, the design is
 * kept in localStorage as before (the same text, the same key).
 *
 * Read once at start (the page waits for it before its first render). A save made by an earlier version in
 * localStorage is moved into IndexedDB (and removed from localStorage once IndexedDB holds it). A saved
 * document that cannot be read is moved aside under BROKEN_PREFIX (never deleted), so a bad save, a crash
 * or a newer format never destroys the person's work.
 *
 * Every save carries when it was made (`savedAt`, ms since the epoch) and a revision that grows by one a
 * save. A save claims its revision (a key REVISION_PREFIX + revision, added in the same transaction; a
 * second claim of one revision fails; the last 64 claims are kept, and marks of blocks of 64 revisions
 * refuse a tab further behind: claimSteps): two tabs saving over each other are told apart, and the one
 * that came second keeps its design beside the other's (never over it) until the person chooses. A page
 * hiding hands a copy of its design to the store with its save (no later step may run). A tab that opened
 * another tab's design and goes back to its own (Undo, Bring back) keeps the other's aside first. Where
 * the design is kept in both IndexedDB and localStorage (a start that gave IndexedDB up), the newer save
 * opens and the other is kept aside.
 */
import { canonicalKey, type KubeObject } from '../engine';
import type { DocumentState, XY } from './document';

/** Key of the saved document (in IndexedDB, and in localStorage where a save may wait to be migrated). */
export const STORAGE_KEY = 'kubecanvas:document';
/** Prefix of the keys under which unreadable saves are kept. */
export const BROKEN_PREFIX = 'kubecanvas:document:unreadable:';
/**
 * Prefix of the keys of a design kept aside: before a share link, a `?demo=` template or another tab's
 * design replaced it (`before-other-tab`), the older of two saves found at start (`older-save`), a tab's
 * design while another tab's newer one is the saved design (`unsaved-in-tab`, by tab).
 */
export const backupPrefix = (
  reason: 'before-link' | 'before-demo' | 'before-other-tab' | 'older-save' | 'unsaved-in-tab',
): string => `${STORAGE_KEY}:${reason}:`;
/** Prefix of the keys each save claims its revision with (see the top of this file). */
export const REVISION_PREFIX = `${STORAGE_KEY}:revision:`;
/**
 * Revisions whose claim is kept (older ones are removed as saves go on). A tab far behind (one that heard
 * nothing of 64 saves or more) is refused all the same, by the marks of blocks of revisions (claimSteps).
 */
const REVISIONS_KEPT = 64;
/**
 * Prefix of the marks of blocks of REVISIONS_KEPT revisions: `<b>` is there once a save claimed a
 * revision of block b (revisions b·64 to b·64+63) or later. Not under REVISION_PREFIX (its key range).
 */
export const BLOCK_PREFIX = `${STORAGE_KEY}:revision-block:`;

/**
 * What a save claiming revision `rev` writes and checks, in its step: it adds the claim of `rev` (refused
 * when there), removes the claim of `rev` − 64 (the last 64 stay), marks `rev`'s block (every block up to
 * it when `allBlocks`: a store older saves left without marks), and fails when the next block is marked.
 * A save of `rev` thus never replaces a newer one R: when R is in a later block, that block's mark refuses
 * it; when R is in the same block (R − rev < 64), the claim of `rev` is among the last 64 and refuses it.
 * Revisions are claimed one after another (each save claims the one after the newest it knows).
 */
export function claimSteps(
  rev: number,
  allBlocks = false,
): {
  puts: Array<readonly [string, unknown]>;
  removes: string[];
  claims: string[];
  absent: string[];
} {
  const block = Math.floor(rev / REVISIONS_KEPT);
  const marks = allBlocks ? Array.from({ length: block + 1 }, (_, b) => b) : [block];
  return {
    puts: marks.map((b) => [`${BLOCK_PREFIX}${b}`, 1] as const),
    removes: rev > REVISIONS_KEPT ? [revisionKey(rev - REVISIONS_KEPT)] : [],
    claims: [revisionKey(rev)],
    absent: [`${BLOCK_PREFIX}${block + 1}`],
  };
}
/** Prefix of the keys of unapplied YAML text (`draft:<editor>`, `rejected-import:<file>`). */
export const TEXT_PREFIX = 'kubecanvas:text:';

/** The format of the text in localStorage (and of share links): objects inline. */
const FORMAT = 1;
/** The format of the record in IndexedDB: each object's JSON as a string, parsed one by one. */
const RECORD_FORMAT = 2;

/** When a save was made and its revision (0 for both: a save of an earlier version), and which tab made it. */
export interface SaveMeta {
  savedAt: number;
  rev: number;
  tab?: string;
  /** A save that replaced another tab's design (Keep mine): where that design is kept. */
  replaced?: string;
}

interface Saved {
  formatVersion: number;
  objects: KubeObject[];
  positions: Record<string, XY>;
  seed: number;
}

/** What IndexedDB holds under STORAGE_KEY. */
export interface SavedRecord {
  formatVersion: 2;
  /**
   * JSON.stringify of each object, in design order, one per line (JSON.stringify never writes a line
   * break: a string's is escaped), so the browser copies one string, not thousands.
   */
  objects: string;
  positions: Record<string, XY>;
  seed: number;
  /** Absent in saves of earlier versions. */
  savedAt?: number;
  rev?: number | undefined;
  tab?: string;
  replaced?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isObject(v: unknown): v is KubeObject {
  return (
    isRecord(v) &&
    typeof v['kind'] === 'string' &&
    isRecord(v['metadata']) &&
    typeof v['metadata']['name'] === 'string'
  );
}

function restOf(data: Record<string, unknown>): Omit<DocumentState, 'objects'> {
  const positions: Record<string, XY> = {};
  if (isRecord(data['positions']))
    for (const [k, p] of Object.entries(data['positions']))
      if (isRecord(p) && typeof p['x'] === 'number' && typeof p['y'] === 'number')
        positions[canonicalKey(k)] = { x: p['x'], y: p['y'] };
  const seed = typeof data['seed'] === 'number' ? data['seed'] : 1;
  return { positions, seed };
}

/** Parses a saved document (localStorage's text, a share link's); throws when this build cannot read it. */
export function parseSaved(text: string): DocumentState {
  const data: unknown = JSON.parse(text);
  if (!isRecord(data)) throw new Error('unknown document format');
  if (data['formatVersion'] === RECORD_FORMAT) return readRecord(data);
  if (data['formatVersion'] !== FORMAT) throw new Error('unknown document format');
  const objects = data['objects'];
  if (!Array.isArray(objects) || !objects.every(isObject)) throw new Error('objects are not API objects');
  return { objects, ...restOf(data) };
}

/** Reads a saved value: IndexedDB's record, or a text (localStorage's, or a migrated one). Throws when unreadable. */
export function readSaved(value: unknown): DocumentState {
  if (typeof value === 'string') return parseSaved(value);
  if (isRecord(value) && value['formatVersion'] === RECORD_FORMAT) return readRecord(value);
  throw new Error('unknown document format');
}

function readRecord(data: Record<string, unknown>): DocumentState {
  const lines = data['objects'];
  if (typeof lines !== 'string') throw new Error('objects are not API objects');
  const objects = (lines ? lines.split('\n') : []).map((json: string) => {
    const o: unknown = JSON.parse(json);
    if (!isObject(o)) throw new Error('objects are not API objects');
    // The next save reuses the text it was read from.
    OBJECT_JSON.set(o, json);
    return o;
  });
  return { objects, ...restOf(data) };
}

/**
 * The JSON of each object, by object. Authored objects are never changed in place (a change replaces the
 * object), so an object's JSON is worked out once: a save after an edit or an import stringifies only the
 * objects that are new since the last one, and an import can hand over the JSON it already has.
 */
const OBJECT_JSON = new WeakMap<KubeObject, string>();

/** Records `json` (JSON.stringify of `obj`, e.g. the text an import received it as) for the next save. */
export function rememberJson(obj: KubeObject, json: string): void {
  OBJECT_JSON.set(obj, json);
}

/** JSON.stringify of an authored object, worked out once per object. */
export function objectJson(obj: KubeObject): string {
  let json = OBJECT_JSON.get(obj);
  if (json === undefined) {
    json = JSON.stringify(obj);
    OBJECT_JSON.set(obj, json);
  }
  return json;
}

/**
 * Serializes the document as text (localStorage, share links): each object's JSON kept. A save's `meta`
 * comes first in the text, where metaOf finds it without reading the design.
 */
export function serializeDocument(doc: DocumentState, meta?: SaveMeta): string {
  const rest = JSON.stringify({ positions: doc.positions, seed: doc.seed } satisfies Omit<
    Saved,
    'formatVersion' | 'objects'
  >);
  const head = meta ? `,${JSON.stringify(metaFields(meta)).slice(1, -1)}` : '';
  return `{"formatVersion":${FORMAT}${head},"objects":[${doc.objects.map(objectJson).join(',')}],${rest.slice(1)}`;
}

function metaFields(meta: SaveMeta): SaveMeta {
  const out: SaveMeta = { savedAt: meta.savedAt, rev: meta.rev };
  if (meta.tab !== undefined) out.tab = meta.tab;
  if (meta.replaced !== undefined) out.replaced = meta.replaced;
  return out;
}

const TEXT_META =
  /^\{"formatVersion":1,"savedAt":(\d+),"rev":(\d+)(?:,"tab":("(?:[^"\\]|\\.)*"))?(?:,"replaced":("(?:[^"\\]|\\.)*"))?/;

/**
 * When a saved value (a record, or a text serializeDocument wrote) was saved, its revision and tab;
 * 0 and 0 for a save without them (an earlier version's).
 */
export function metaOf(value: unknown): SaveMeta {
  if (typeof value === 'string') {
    const m = TEXT_META.exec(value.slice(0, 400));
    if (!m) return { savedAt: 0, rev: 0 };
    const meta: SaveMeta = { savedAt: Number(m[1]), rev: Number(m[2]) };
    if (m[3] !== undefined) meta.tab = JSON.parse(m[3]) as string;
    if (m[4] !== undefined) meta.replaced = JSON.parse(m[4]) as string;
    return meta;
  }
  if (!isRecord(value)) return { savedAt: 0, rev: 0 };
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const meta: SaveMeta = { savedAt: num(value['savedAt']), rev: num(value['rev']) };
  if (typeof value['tab'] === 'string') meta.tab = value['tab'];
  if (typeof value['replaced'] === 'string') meta.replaced = value['replaced'];
  return meta;
}

/** The key with which a save claims revision `rev`. */
export function revisionKey(rev: number): string {
  return `${REVISION_PREFIX}${rev}`;
}

/** A text serializeDocument wrote (without meta) as saved with `meta`. */
function withTextMeta(text: string, meta: SaveMeta): string {
  const head = `{"formatVersion":${FORMAT},`;
  if (!text.startsWith(head)) throw new Error('not a saved design');
  return `${head}${JSON.stringify(metaFields(meta)).slice(1, -1)},${text.slice(head.length)}`;
}

/** `record` as saved with `meta`. */
export function withMeta(record: SavedRecord, meta: SaveMeta): SavedRecord {
  return { ...record, ...metaFields(meta) };
}

/** The record IndexedDB keeps: no joining, no big string; each object's JSON as it is cached. */
export function documentRecord(doc: DocumentState): SavedRecord {
  return {
    formatVersion: RECORD_FORMAT,
    objects: doc.objects.map(objectJson).join('\n'),
    positions: doc.positions,
    seed: doc.seed,
  };
}

/** Milliseconds of stringifying the page does before it lets other work run (a frame, a click). */
const SLICE_MS = 8;

/**
 * documentRecord, worked out in slices of a few milliseconds: after a load of objects never stringified
 * (a generated design, a template) the first save does not hold the page for the whole design.
 */
export async function documentRecordInSlices(
  doc: DocumentState,
  pause: () => Promise<void> = nextTask,
  now: () => number = clock,
): Promise<SavedRecord> {
  const objects: string[] = new Array<string>(doc.objects.length);
  let start = now();
  for (let i = 0; i < doc.objects.length; i++) {
    objects[i] = objectJson(doc.objects[i] as KubeObject);
    if ((i & 31) === 31 && now() - start > SLICE_MS) {
      await pause();
      start = now();
    }
  }
  return {
    formatVersion: RECORD_FORMAT,
    objects: objects.join('\n'),
    positions: doc.positions,
    seed: doc.seed,
  };
}

function clock(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// ---------------------------------------------------------------------------------------------------
// Where saves are kept

/**
 * A key-value store of saves. Every answer is asynchronous. `commit` writes every put, deletes every key
 * of `removes` and adds every key of `claims` (which must not be there yet) as one step: when it fails
 * (storage full, the tab closing, a key claimed already: a ConstraintError) none of it is written and the
 * values from before stay readable. Values are copied when written (later changes to them are not saved).
 * Every key of `absent` must not be there either (it is not written): the commit fails as a claim made
 * already when one is.
 */
export interface SaveStore {
  readonly kind: 'indexeddb' | 'localStorage' | 'memory';
  get(key: string): Promise<unknown>;
  /** The keys starting with `prefix`, with their values, in key order. */
  entries(prefix: string): Promise<Array<[string, unknown]>>;
  commit(
    puts: ReadonlyArray<readonly [string, unknown]>,
    removes?: readonly string[],
    claims?: readonly string[],
    absent?: readonly string[],
  ): Promise<void>;
}

/** The error of a commit whose claim was made already (as IndexedDB's `add` of a key it holds). */
function claimedAlready(key: string): Error {
  return Object.assign(new Error(`${key} is claimed already`), { name: 'ConstraintError' });
}

/** Whether a commit failed because another save claimed its revision first. */
export function isClaimedAlready(e: unknown): boolean {
  return (e as { name?: string } | undefined)?.name === 'ConstraintError';
}

const DB_NAME = 'kubecanvas';
const DB_STORE = 'saves';

function requestResult<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(DB_NAME, 1);
    } catch (e) {
      reject(e as Error);
      return;
    }
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(DB_STORE)) req.result.createObjectStore(DB_STORE);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB did not open'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    req.onsuccess = () => resolve(req.result);
  });
}

/** Opens the browser's IndexedDB store of saves; rejects where IndexedDB is missing or refused. */
export async function openIndexedDbStore(
  factory: IDBFactory | undefined = globalIndexedDb(),
): Promise<SaveStore> {
  if (!factory) throw new Error('this browser has no IndexedDB');
  return indexedDbStore(factory, await openDatabase(factory));
}

function globalIndexedDb(): IDBFactory | undefined {
  try {
    return typeof indexedDB === 'undefined' ? undefined : indexedDB;
  } catch {
    return undefined;
  }
}

/** Whether `e` says the connection was closed (IndexedDB's InvalidStateError). */
function isClosed(e: unknown): boolean {
  return (e as { name?: string } | undefined)?.name === 'InvalidStateError';
}

/**
 * Runs work on a connection that the browser may close at any time: `use(f)` runs `f` on the open
 * connection (opening one when there is none), and when `f` meets a closed one (InvalidStateError, thrown
 * at once or answered later) opens a new one and runs `f` once more on it. `watch(d, lost)` is called for
 * each connection; `lost()` forgets it (the next use opens another).
 */
export function reopening<D>(
  open: () => Promise<D>,
  watch: (d: D, lost: () => void) => void,
  first: D,
): <T>(f: (d: D) => Promise<T>) => Promise<T> {
  let current: D | undefined;
  const adopt = (d: D): D => {
    current = d;
    watch(d, () => {
      if (current === d) current = undefined;
    });
    return d;
  };
  adopt(first);
  const attempt = <T>(f: (d: D) => Promise<T>, d: D): Promise<T> => {
    try {
      return f(d);
    } catch (e) {
      return Promise.reject(e as Error);
    }
  };
  const reopen = <T>(f: (d: D) => Promise<T>): Promise<T> => open().then((d) => attempt(f, adopt(d)));
  return <T>(f: (d: D) => Promise<T>): Promise<T> => {
    const d = current;
    if (d === undefined) return reopen(f);
    return attempt(f, d).catch((e: unknown) => {
      if (!isClosed(e)) throw e;
      if (current === d) current = undefined;
      return reopen(f);
    });
  };
}

/**
 * The store over an open database. When the browser closes the connection (the person cleared the site's
 * data, storage pressure, a newer version upgrading it in another tab), the next access opens it again,
 * so saving goes on.
 */
function indexedDbStore(factory: IDBFactory, first: IDBDatabase): SaveStore {
  const withDb = reopening(
    () => openDatabase(factory),
    (d, lost) => {
      d.onclose = lost;
      d.onversionchange = () => {
        lost();
        d.close();
      };
    },
    first,
  );
  const range = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  return {
    kind: 'indexeddb',
    get: (key) =>
      withDb((d) => requestResult(d.transaction(DB_STORE, 'readonly').objectStore(DB_STORE).get(key))),
    entries: (prefix) =>
      withDb(async (d) => {
        const store = d.transaction(DB_STORE, 'readonly').objectStore(DB_STORE);
        const [keys, values] = await Promise.all([
          requestResult(store.getAllKeys(range(prefix))),
          requestResult(store.getAll(range(prefix))),
        ]);
        return keys.map((k, i) => [String(k), values[i]] as [string, unknown]);
      }),
    commit: (puts, removes = [], claims = [], absent = []) =>
      withDb((d) => {
        // Strict: on disk (not only handed to the system) when it reports done. Throws (reopened by
        // withDb) when the connection was closed.
        const tx = d.transaction(DB_STORE, 'readwrite', { durability: 'strict' });
        const done = new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error ?? new Error('the save was cut short'));
        });
        const store = tx.objectStore(DB_STORE);
        try {
          for (const [k, v] of puts) store.put(v, k);
          for (const k of removes) store.delete(k);
          // A key there already fails the request, which aborts the whole transaction (ConstraintError).
          for (const k of claims) store.add(1, k);
          // The same check, read and written in this step, without waiting for an answer (see below):
          // added (failing when there) and removed again, so it is not written.
          for (const k of absent) {
            store.add(1, k);
            store.delete(k);
          }
        } catch (e) {
          tx.abort();
          // The abort rejects `done`: the error that caused it is the one to report.
          done.catch(() => undefined);
          return Promise.reject(e as Error);
        }
        // Sent now (not at the end of the task): a save made as the tab closes is not lost waiting.
        tx.commit();
        return done;
      }),
  };
}

/** localStorage's store, which can also answer at once (start-up without IndexedDB stays synchronous). */
export type LocalSaveStore = SaveStore & {
  getNow(key: string): string | undefined;
  entriesNow(prefix: string): Array<[string, unknown]>;
};

/**
 * A store in localStorage, where IndexedDB is missing: strings as they are, other values as JSON. Writes
 * of several keys are undone when one fails, so a commit is still all or nothing.
 */
export function localStorageStore(s: Storage): LocalSaveStore {
  const getNow = (key: string) => s.getItem(key) ?? undefined;
  const entriesNow = (prefix: string) => {
    const keys: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    return keys.sort().map((k) => [k, s.getItem(k) ?? undefined] as [string, unknown]);
  };
  return {
    kind: 'localStorage',
    getNow,
    entriesNow,
    get: async (key) => getNow(key),
    entries: async (prefix) => entriesNow(prefix),
    async commit(puts, removes = [], claims = [], absent = []) {
      for (const k of [...claims, ...absent]) if (s.getItem(k) !== null) throw claimedAlready(k);
      // Tabs in other processes see each key change on its own, in order, and may check between two:
      // the saved design is read too (a claim of its revision or below is refused), and is written
      // before the claim, so a tab that sees the claim sees the design that made it.
      const saved = metaOf(getNow(STORAGE_KEY)).rev;
      for (const k of claims)
        if (k.startsWith(REVISION_PREFIX) && Number(k.slice(REVISION_PREFIX.length)) <= saved)
          throw claimedAlready(k);
      const before = new Map<string, string | null>();
      try {
        for (const [k, v] of puts) {
          before.set(k, s.getItem(k));
          s.setItem(k, typeof v === 'string' ? v : JSON.stringify(v));
        }
        for (const k of claims) {
          before.set(k, null);
          s.setItem(k, '1');
        }
        for (const k of removes) {
          before.set(k, s.getItem(k));
          s.removeItem(k);
        }
      } catch (e) {
        for (const [k, v] of before)
          if (v === null) s.removeItem(k);
          else s.setItem(k, v);
        throw e;
      }
    },
  };
}

/**
 * A store in memory (tests; Node): the same contract as IndexedDB's: answers come later (never within the
 * call), values are copied by structured clone when written and read, a commit is all or nothing, and
 * `failNext` makes the next commits fail as a full disk does.
 */
export function memoryStore(): SaveStore & {
  data: Map<string, unknown>;
  failNext: (error: Error, times?: number) => void;
  log: string[];
} {
  const data = new Map<string, unknown>();
  const log: string[] = [];
  let failures: Error[] = [];
  const later = <T>(f: () => T): Promise<T> =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(f());
        } catch (e) {
          reject(e as Error);
        }
      }, 0),
    );
  return {
    kind: 'memory',
    data,
    log,
    failNext: (error, times = 1) => {
      failures = Array.from({ length: times }, () => error);
    },
    get: (key) =>
      later(() => {
        log.push(`get ${key}`);
        return structuredClone(data.get(key));
      }),
    entries: (prefix) =>
      later(() =>
        [...data.keys()]
          .filter((k) => k.startsWith(prefix))
          .sort()
          .map((k) => [k, structuredClone(data.get(k))] as [string, unknown]),
      ),
    commit(puts, removes = [], claims = [], absent = []) {
      // Copied now, as IndexedDB's put does.
      const copies = puts.map(([k, v]) => [k, structuredClone(v)] as const);
      return later(() => {
        const failure = failures.shift();
        if (failure) throw failure;
        for (const k of [...claims, ...absent]) if (data.has(k)) throw claimedAlready(k);
        for (const [k, v] of copies) data.set(k, v);
        for (const k of removes) data.delete(k);
        for (const k of claims) data.set(k, 1);
        log.push(`commit ${[...copies.map(([k]) => k), ...removes.map((k) => `-${k}`)].join(' ')}`);
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading at start

/** The other of two saves found at start: kept aside, not opened. */
export interface KeptSave {
  /** Where it is kept now. */
  key: string;
  /** Where it was found (`a tab`: kept by a tab that had changes of its own when another saved first). */
  from: 'IndexedDB' | 'localStorage' | 'a tab';
  savedAt: number;
  doc: DocumentState;
}

/** What start-up found. */
export interface LoadOutcome {
  /** The saved design, when there is one this build reads. */
  doc?: DocumentState;
  /** The revision the design was read at (the highest claimed, so the next save claims a new one). */
  rev?: number | undefined;
  /** When the opened design was saved (0: by an earlier version). */
  savedAt?: number;
  /** The save could not be read: why. It was moved aside (or left where it is when that failed). */
  unreadable?: string;
  /**
   * Saving over STORAGE_KEY would lose something: the store could not be read, or an unreadable save could
   * not be moved aside. Saves then wait (the person is told).
   */
  keepOff?: string;
  /** A save of an earlier version was moved from localStorage into the store. */
  migrated?: boolean;
  /** Both the store and localStorage held a design: the newer opened, this one (the older) is kept aside. */
  other?: KeptSave;
  /**
   * Designs tabs kept beside the saved one (their person had not chosen yet: such a tab may have closed)
   * that differ from the opened design, whatever their age, oldest first.
   */
  tabCopies?: KeptSave[];
}

/**
 * The designs of `entries` (of backupPrefix('unsaved-in-tab')) that differ from `saved` (the saved design;
 * by content, not age: a tab's copy stays wanted however many saves came after it), oldest first.
 */
export function keptByTabs(entries: Array<[string, unknown]>, saved?: DocumentState): KeptSave[] {
  const out: KeptSave[] = [];
  for (const [key, value] of entries) {
    const { savedAt } = metaOf(value);
    if (saved && sameDesign(value, saved)) continue;
    try {
      out.push({ key, from: 'a tab', savedAt, doc: readSaved(value) });
    } catch {
      // Unreadable: left where it is.
    }
  }
  return out.sort((a, b) => a.savedAt - b.savedAt);
}

/** The highest revision claimed in `store` (0: none). */
async function claimedRevision(store: SaveStore): Promise<number> {
  try {
    const claims = await store.entries(REVISION_PREFIX);
    return Math.max(0, ...claims.map(([k]) => Number(k.slice(REVISION_PREFIX.length)) || 0));
  } catch {
    return 0;
  }
}

/**
 * Reads the saved design from `store`; when the store has none, takes the one an earlier version (or a
 * start that gave IndexedDB up) left in `legacy` (localStorage) into it. When both hold one, the newer
 * (by savedAt; the store's when they tell nothing) opens and the other is kept aside under
 * backupPrefix('older-save'). An unreadable save is moved aside under BROKEN_PREFIX + time.
 * `gaveUp()` says start-up went on without this store: localStorage is then left as it is.
 */
export async function loadSaved(
  store: SaveStore,
  legacy?: Pick<Storage, 'getItem' | 'removeItem'>,
  now: () => number = Date.now,
  gaveUp: () => boolean = () => false,
): Promise<LoadOutcome> {
  let value: unknown;
  try {
    value = await store.get(STORAGE_KEY);
  } catch (e) {
    return { keepOff: `the browser's storage could not be read (${(e as Error).message})` };
  }
  const claimed = await claimedRevision(store);
  const aside = async (raw: unknown, why: string, removes: string[]): Promise<LoadOutcome> => {
    try {
      await store.commit([[`${BROKEN_PREFIX}${now()}`, raw]], removes);
      return { unreadable: why };
    } catch (e) {
      return { unreadable: why, keepOff: `it could not be moved aside (${(e as Error).message})` };
    }
  };
  const forget = () => {
    if (!gaveUp()) legacy?.removeItem(STORAGE_KEY);
  };
  let doc: DocumentState | undefined;
  /** Why the store's save could not be read (it was moved aside). */
  let unreadable: LoadOutcome | undefined;
  if (value !== undefined) {
    try {
      doc = readSaved(value);
    } catch (e) {
      unreadable = await aside(value, (e as Error).message, [STORAGE_KEY]);
      if (unreadable.keepOff) return unreadable;
    }
  }
  const meta = metaOf(doc && value);
  const opened = (): LoadOutcome =>
    doc ? { doc, rev: Math.max(meta.rev, claimed), savedAt: meta.savedAt } : { ...unreadable, rev: claimed };
  if (!legacy || store.kind === 'localStorage') return opened();
  let text: string | null;
  try {
    text = legacy.getItem(STORAGE_KEY);
  } catch {
    return opened();
  }
  if (text === null) return opened();
  let local: DocumentState;
  try {
    local = parseSaved(text);
  } catch (e) {
    const out = await aside(text, (e as Error).message, []);
    if (!out.keepOff) forget();
    if (doc) return { ...opened(), unreadable: out.unreadable ?? '' };
    // Nothing is under STORAGE_KEY in the store: saving there loses nothing.
    return { unreadable: out.unreadable ?? '', rev: claimed };
  }
  const localMeta = metaOf(text);
  const rev = Math.max(meta.rev, claimed) + 1;
  const steps = claimSteps(rev, true);
  if (!doc) {
    try {
      await store.commit(
        [[STORAGE_KEY, withMeta(documentRecord(local), { ...localMeta, rev })], ...steps.puts],
        steps.removes,
        steps.claims,
        steps.absent,
      );
      forget();
      return { ...unreadable, doc: local, rev, savedAt: localMeta.savedAt, migrated: true };
    } catch {
      // Still in localStorage, and opened from there; the next save into the store moves it (a failure of
      // that save is reported), and the store's copy is read from then on.
      return { ...unreadable, doc: local, rev: rev - 1, savedAt: localMeta.savedAt };
    }
  }
  const key = `${backupPrefix('older-save')}${now()}`;
  if (localMeta.savedAt > meta.savedAt) {
    // localStorage's is newer (saved by a start that gave the store up): it takes the store's place.
    try {
      await store.commit(
        [[STORAGE_KEY, withMeta(documentRecord(local), { ...localMeta, rev })], [key, value], ...steps.puts],
        steps.removes,
        steps.claims,
        steps.absent,
      );
    } catch (e) {
      // Opened, and nothing moved: a save now would write over the store's design without a copy.
      return {
        doc: local,
        savedAt: localMeta.savedAt,
        keepOff: `the older design saved in IndexedDB could not be kept aside (${(e as Error).message})`,
      };
    }
    forget();
    return {
      doc: local,
      rev,
      savedAt: localMeta.savedAt,
      other: { key, from: 'IndexedDB', savedAt: meta.savedAt, doc },
    };
  }
  try {
    await store.commit([[key, text]]);
  } catch {
    // Left in localStorage: it is compared again at the next start.
    return opened();
  }
  forget();
  return { ...opened(), other: { key, from: 'localStorage', savedAt: localMeta.savedAt, doc: local } };
}

/**
 * loadSaved for localStorage's store, at once: start-up where there is no IndexedDB (older browsers,
 * tests) opens the saved design before it returns, as earlier versions did.
 */
export function loadSavedNow(store: LocalSaveStore, s: Storage, now: () => number = Date.now): LoadOutcome {
  let text: string | undefined;
  let claimed = 0;
  try {
    text = store.getNow(STORAGE_KEY);
    for (const [k] of store.entriesNow(REVISION_PREFIX))
      claimed = Math.max(claimed, Number(k.slice(REVISION_PREFIX.length)) || 0);
  } catch (e) {
    return { keepOff: `the browser's storage could not be read (${(e as Error).message})` };
  }
  if (text === undefined) return { rev: claimed };
  try {
    const meta = metaOf(text);
    return { doc: parseSaved(text), rev: Math.max(meta.rev, claimed), savedAt: meta.savedAt };
  } catch (e) {
    const why = (e as Error).message;
    try {
      s.setItem(`${BROKEN_PREFIX}${now()}`, text);
      s.removeItem(STORAGE_KEY);
      return { unreadable: why, rev: claimed };
    } catch (err) {
      return { unreadable: why, keepOff: `it could not be moved aside (${saveFailure(err)})` };
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Saving as the design changes

/** Why a save failed, in words for the person. */
export function saveFailure(e: unknown): string {
  const name = (e as { name?: string } | undefined)?.name;
  if (name === 'QuotaExceededError')
    return "The browser's storage for this page is full (QuotaExceededError).";
  return `The browser refused it (${(e as Error | undefined)?.message ?? String(e)}).`;
}

/** Whether a saved value holds `doc` (the same objects, places and seed). */
function sameDesign(value: unknown, doc: DocumentState): boolean {
  try {
    const saved = readSaved(value);
    return (
      saved.seed === doc.seed &&
      documentRecord(saved).objects === documentRecord(doc).objects &&
      JSON.stringify(saved.positions) === JSON.stringify(doc.positions)
    );
  } catch {
    return false;
  }
}

/** Options of a Saver. */
export interface SaverOptions {
  /** Milliseconds from a change to its save (a burst of changes is saved once). */
  delayMs: number;
  /** A save failed; `why` in words. Called once per run of failures. */
  onFail: (why: string) => void;
  /** A save succeeded after failures. */
  onRecover?: () => void;
  /** This page among the tabs of the app: its saves carry it. */
  tab?: string;
  /** The revision the open design was read at (LoadOutcome.rev). */
  rev?: number | undefined;
  /** The clock of `savedAt` (ms since the epoch). */
  now?: () => number;
  /** A save of this page's design is the saved design now (tell the other tabs). */
  onSaved?: (meta: SaveMeta) => void;
  /**
   * Another tab saved a newer design while this page has changes of its own: nothing of this page is
   * saved over it (its design is kept under `kept`) until the person chooses (keepMine or loadTheirs).
   * Called again after each save kept there.
   */
  onConflict?: (theirs: SaveMeta, kept: string) => void;
  /** Open this design, saved by another tab (this page had no changes of its own since its last save). */
  onTheirs?: (doc: DocumentState, theirs: SaveMeta, chosen: boolean) => void;
  /**
   * The design this page showed before another tab's opened here was saved again (Undo, Bring back): the
   * other tab's design it replaced is kept under `replaced`.
   */
  onBroughtBack?: (replaced: string) => void;
}

/** Whether two designs are the same (objects, places and seed). */
function sameDoc(a: DocumentState, b: DocumentState): boolean {
  if (a === b) return true;
  if (a.seed !== b.seed || a.objects.length !== b.objects.length) return false;
  if (a.objects !== b.objects)
    for (let i = 0; i < a.objects.length; i++)
      if (objectJson(a.objects[i] as KubeObject) !== objectJson(b.objects[i] as KubeObject)) return false;
  return a.positions === b.positions || JSON.stringify(a.positions) === JSON.stringify(b.positions);
}

/**
 * Saves the design to a store: `changed()` after each change (saved `delayMs` later, once for a burst),
 * `flushNow()` when the page is hidden or closing (the write is handed to the browser before it returns).
 * One save at a time; a change during a save is saved right after it. Each save claims the next revision:
 * when another tab saved first (its message `otherSaved`, or the claim failing), this page's design is
 * kept beside the saved one, never over it, until the person chooses.
 */
export class Saver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;
  private again = false;
  /** The last save of the design failed, or of the texts: the person was told; both are retried. */
  private designFailing = false;
  private textsFailing = false;
  /** Saves numbered as they capture the design, and the latest handed to the store. */
  private captured = 0;
  private handed = 0;
  private readonly texts = new Map<string, unknown>();
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  /** The latest revision this page claimed or heard of. */
  private rev: number;
  /** The design as last saved (or opened from the store), and the number of that save. */
  private savedDoc: DocumentState | undefined;
  private savedN = 0;
  /** Another tab's newer save, while the person has not chosen between it and this page's design. */
  private conflict: SaveMeta | undefined;
  private readonly now: () => number;
  /** Where this page's design is kept while another tab's is the saved one. */
  readonly keptKey: string;
  /** Keys the next save of the design removes, in its own step (removeWithSave). */
  private readonly removeOnSave = new Set<string>();
  /**
   * What this page showed before another tab's design opened here (`shown`), and that design (`theirs`):
   * saving `shown` again (Undo, Bring back) keeps `theirs` aside first, as keepMine does.
   */
  private over: { shown: DocumentState; theirs: DocumentState } | undefined;
  /** A save of this page marked every block of revisions up to its own (claimSteps). */
  private marked = false;
  /** The revision of this page's last save (0: none). */
  private ownRev = 0;

  constructor(
    private readonly store: SaveStore,
    private readonly current: () => DocumentState,
    private readonly options: SaverOptions,
  ) {
    this.rev = options.rev ?? 0;
    this.now = options.now ?? Date.now;
    this.keptKey = `${backupPrefix('unsaved-in-tab')}${options.tab ?? 'this'}`;
  }

  /** The open design is the saved one (as opened from the store, or loaded from another tab's save). */
  opened(): void {
    this.savedDoc = this.current();
    this.savedN = this.captured;
  }

  /** The document changed: save it shortly. */
  changed(): void {
    if (this.timer === undefined) this.timer = setTimeout(() => this.run(), this.options.delayMs);
  }

  private get failing(): boolean {
    return this.designFailing || this.textsFailing;
  }

  /** Whether the open design has changes not in the store (or on their way there). */
  private dirty(): boolean {
    return this.writing !== undefined || this.current() !== this.savedDoc;
  }

  /** Records how the last write of `what` went; tells the person when saving starts or stops failing. */
  private outcome(what: 'design' | 'texts', error: unknown): void {
    const was = this.failing;
    if (what === 'design') this.designFailing = error !== undefined;
    else this.textsFailing = error !== undefined;
    if (!was && this.failing) this.options.onFail(saveFailure(error));
    else if (was && !this.failing) this.options.onRecover?.();
  }

  /**
   * Saves now when a change waits, a save is under way or the last one failed, handing the write to the
   * browser before it returns (pagehide: no later task may run). A save under way that has not reached
   * the store yet is then dropped (it holds an older design).
   */
  flushNow(): void {
    if (this.timer !== undefined || this.writing || this.designFailing) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.again = false;
      const doc = this.current();
      if (doc !== this.savedDoc || this.designFailing) {
        const encoded = this.encode(doc);
        // No later task may run: were the claim refused, this design could not be kept aside after it.
        // So a copy under keptKey goes first, in a step of its own; the save removes it in its step.
        // (localStorage answers within this call, and its 5 MB would not hold the design twice.)
        if (!this.conflict && this.store.kind !== 'localStorage') {
          const copy = this.stamped(encoded, this.meta(this.now(), this.rev));
          this.track(this.store.commit([[this.keptKey, copy]]).catch(() => undefined));
          this.removeOnSave.add(this.keptKey);
        }
        this.track(this.write(doc, encoded, ++this.captured));
      }
    }
    this.flushTexts();
  }

  /** `key` is removed by the next save of the design (in its step: once that design is the saved one). */
  removeWithSave(key: string): void {
    this.removeOnSave.add(key);
  }

  /** Writes handed to the store and not finished. */
  private readonly inFlight = new Set<Promise<void>>();

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Resolves when nothing is waiting to be saved (tests). */
  async idle(): Promise<void> {
    while (
      this.timer !== undefined ||
      this.writing ||
      this.textTimer !== undefined ||
      this.inFlight.size > 0
    ) {
      if (this.writing) await this.writing;
      else if (this.inFlight.size > 0) await Promise.all(this.inFlight);
      else await new Promise((r) => setTimeout(r, 10));
    }
  }

  private run(): void {
    this.timer = undefined;
    if (this.writing) {
      this.again = true;
      return;
    }
    const doc = this.current();
    // Nothing changed since the last save (e.g. another tab's design was just opened here).
    if (doc === this.savedDoc && !this.designFailing) return;
    const n = ++this.captured;
    const done = (
      this.store.kind === 'localStorage' ? Promise.resolve(this.encode(doc)) : documentRecordInSlices(doc)
    ).then((r) => this.write(doc, r, n));
    this.writing = done.finally(() => {
      this.writing = undefined;
      if (this.again) {
        this.again = false;
        this.run();
      }
    });
  }

  /** What the store keeps: IndexedDB the record, localStorage the text earlier versions wrote. */
  private encode(doc: DocumentState): SavedRecord | string {
    return this.store.kind === 'localStorage' ? serializeDocument(doc) : documentRecord(doc);
  }

  /** `encoded` (of `doc`) as saved with `meta`. */
  private stamped(encoded: SavedRecord | string, meta: SaveMeta): SavedRecord | string {
    return typeof encoded === 'string' ? withTextMeta(encoded, meta) : withMeta(encoded, meta);
  }

  /**
   * Hands save number `n` to the store, unless a later one went first; reports the first failure of a
   * run of them. It claims the next revision; when another tab claimed it first, the design is kept
   * aside instead and the person is asked.
   */
  private async write(
    doc: DocumentState,
    encoded: SavedRecord | string,
    n: number,
    retry = true,
  ): Promise<void> {
    if (n < this.handed) return;
    this.handed = n;
    const savedAt = this.now();
    if (this.conflict) return this.keepAside(encoded, this.conflict);
    const rev = this.rev + 1;
    this.rev = rev;
    // Going back to what this page showed before another tab's design opened: that design is kept.
    const over = this.over && sameDoc(doc, this.over.shown) ? this.over : undefined;
    const replaced = over && `${backupPrefix('before-other-tab')}${savedAt}`;
    const meta: SaveMeta = { ...this.meta(savedAt, rev), ...(replaced ? { replaced } : {}) };
    const removes = [...this.removeOnSave];
    const steps = claimSteps(rev, !this.marked);
    try {
      await this.store.commit(
        [
          [STORAGE_KEY, this.stamped(encoded, meta)],
          ...(over && replaced ? [[replaced, this.encode(over.theirs)] as const] : []),
          ...steps.puts,
        ],
        [...steps.removes, ...removes],
        steps.claims,
        steps.absent,
      );
    } catch (e) {
      if (this.rev === rev) this.rev = rev - 1;
      if (!isClaimedAlready(e)) return this.outcome('design', e ?? new Error('the save failed'));
      // Another tab saved first: which save is there now?
      let value: unknown;
      try {
        value = await this.store.get(STORAGE_KEY);
      } catch (err) {
        return this.outcome('design', err);
      }
      const theirs = metaOf(value);
      // The other tab saved this very design (two tabs opening one template): nothing to ask.
      if (!this.conflict && theirs.rev >= rev && sameDesign(value, doc)) {
        this.rev = Math.max(this.rev, theirs.rev);
        this.savedDoc = doc;
        this.savedN = n;
        return this.outcome('design', undefined);
      }
      this.rev = Math.max(this.rev, rev);
      // A claim left by a save that is no longer there (an older build, a save moved aside): go past it.
      if (theirs.rev < rev && retry && !this.conflict) return this.write(doc, encoded, n, false);
      if (this.conflict === undefined) this.enterConflict(theirs);
      return this.keepAside(encoded, this.conflict ?? theirs);
    }
    this.rev = Math.max(this.rev, rev);
    if (n >= this.savedN) {
      this.savedDoc = doc;
      this.savedN = n;
    }
    this.marked = true;
    this.ownRev = rev;
    for (const k of removes) this.removeOnSave.delete(k);
    if (over && this.over === over) this.over = undefined;
    this.outcome('design', undefined);
    this.options.onSaved?.(meta);
    if (replaced) this.options.onBroughtBack?.(replaced);
    // Texts that could not be written are tried again with the design.
    if (this.textsFailing && this.texts.size > 0) this.flushTexts();
  }

  private meta(savedAt: number, rev: number): SaveMeta {
    const tab = this.options.tab;
    return tab === undefined ? { savedAt, rev } : { savedAt, rev, tab };
  }

  /** Keeps this page's design under keptKey while `theirs` is the saved one. */
  private async keepAside(encoded: SavedRecord | string, theirs: SaveMeta): Promise<void> {
    const meta: SaveMeta = this.meta(this.now(), this.rev);
    try {
      await this.store.commit([[this.keptKey, this.stamped(encoded, meta)]]);
    } catch (e) {
      return this.outcome('design', e ?? new Error('the save failed'));
    }
    this.outcome('design', undefined);
    this.options.onConflict?.(theirs, this.keptKey);
  }

  private enterConflict(theirs: SaveMeta): void {
    this.conflict = theirs;
    this.rev = Math.max(this.rev, theirs.rev);
    // This page's design is kept aside at once (a tab may close without another change).
    this.changed();
    this.options.onConflict?.(theirs, this.keptKey);
  }

  /** Whether another tab's newer save waits for the person's choice. */
  get conflicted(): SaveMeta | undefined {
    return this.conflict;
  }

  /**
   * Another tab saved (heard over a BroadcastChannel or localStorage's storage event): when this page has
   * no changes of its own since its last save, the newer design opens here (onTheirs); otherwise the
   * person chooses (onConflict).
   */
  async otherSaved(theirs: SaveMeta): Promise<void> {
    if (theirs.tab !== undefined && theirs.tab === this.options.tab) return;
    // Another save of the very revision this page saved: two tabs found it free at once (localStorage:
    // tabs in other processes see each other's writes a little later). The one written last is there.
    if (theirs.rev === this.rev && theirs.rev === this.ownRev && !this.conflict) return this.sameRevision();
    if (theirs.rev <= this.rev) return;
    if (this.conflict) {
      this.conflict = theirs;
      this.rev = Math.max(this.rev, theirs.rev);
      this.options.onConflict?.(theirs, this.keptKey);
      return;
    }
    let value: unknown;
    let doc: DocumentState;
    try {
      value = await this.store.get(STORAGE_KEY);
      doc = readSaved(value);
    } catch {
      // Not readable now: this page's changes are not saved over it (the next save's claim tells).
      if (this.dirty() && !this.conflict) this.enterConflict(theirs);
      return;
    }
    const meta = metaOf(value);
    if (meta.rev <= this.rev) return;
    if (this.conflict) return this.enterConflict(meta);
    if (this.dirty() && !sameDesign(value, this.current())) return this.enterConflict(meta);
    this.rev = meta.rev;
    // The same design (this page's changes led where the other's did): it is the saved one now.
    if (this.dirty()) return this.opened();
    const shown = this.current();
    this.options.onTheirs?.(doc, meta, false);
    this.opened();
    if (this.savedDoc) this.over = { shown, theirs: this.savedDoc };
  }

  /**
   * Another tab saved the revision this page saved too: when its design is the one there (written last)
   * and differs from this page's, this page's is kept aside and the person asked, as for a newer save.
   */
  private async sameRevision(): Promise<void> {
    let value: unknown;
    try {
      value = await this.store.get(STORAGE_KEY);
    } catch {
      return;
    }
    const there = metaOf(value);
    if (there.rev !== this.ownRev || there.tab === this.options.tab || this.conflict) return;
    if (sameDesign(value, this.current())) return;
    // Not saved after all: the next save keeps it aside (enterConflict asks for one).
    this.savedDoc = undefined;
    this.enterConflict(there);
  }

  /**
   * The person keeps this page's design: it is saved as the newest (claiming the next revision), and the
   * design it replaces is kept under backupPrefix('before-other-tab'). Resolves to that key once saved
   * (undefined when it was not: a failure is reported, a still newer save is asked about again).
   */
  async keepMine(): Promise<{ replaced?: string } | undefined> {
    if (!this.conflict) return undefined;
    const doc = this.current();
    let value: unknown;
    try {
      value = await this.store.get(STORAGE_KEY);
    } catch (e) {
      this.outcome('design', e);
      return undefined;
    }
    const rev = Math.max(this.rev, metaOf(value).rev) + 1;
    const savedAt = this.now();
    const replaced = `${backupPrefix('before-other-tab')}${savedAt}`;
    const meta: SaveMeta = { ...this.meta(savedAt, rev), ...(value === undefined ? {} : { replaced }) };
    const n = ++this.captured;
    this.handed = n;
    const steps = claimSteps(rev, !this.marked);
    try {
      await this.store.commit(
        [
          [STORAGE_KEY, this.stamped(this.encode(doc), meta)],
          ...(value === undefined ? [] : [[replaced, value] as const]),
          ...steps.puts,
        ],
        [this.keptKey, ...this.removeOnSave, ...steps.removes],
        steps.claims,
        steps.absent,
      );
    } catch (e) {
      if (!isClaimedAlready(e)) {
        this.outcome('design', e);
        return undefined;
      }
      // Yet another save came first: the person is asked about that one.
      try {
        this.conflict = metaOf(await this.store.get(STORAGE_KEY));
      } catch {
        // The conflict stands as it was.
      }
      this.options.onConflict?.(this.conflict, this.keptKey);
      return undefined;
    }
    this.conflict = undefined;
    this.over = undefined;
    this.marked = true;
    this.ownRev = rev;
    this.removeOnSave.clear();
    this.rev = rev;
    this.savedDoc = doc;
    this.savedN = n;
    this.outcome('design', undefined);
    this.options.onSaved?.(meta);
    return value === undefined ? {} : { replaced };
  }

  /**
   * The person opens the other tab's design: this page's is kept under backupPrefix('before-other-tab')
   * first (it is not opened when that fails; keptKey, no longer needed, goes in the same step), then the
   * saved design opens (onTheirs). Resolves to where this page's design is kept (undefined: not opened).
   */
  async loadTheirs(): Promise<string | undefined> {
    if (!this.conflict) return undefined;
    // A save under way holds this page's design from before the choice: dropped (one being worked out,
    // or waiting for its delay), or waited for (one the store has already).
    await this.dropPending();
    if (!this.conflict) return undefined;
    const doc = this.current();
    const savedAt = this.now();
    const aside = `${backupPrefix('before-other-tab')}${savedAt}`;
    let value: unknown;
    let theirs: DocumentState;
    try {
      await this.store.commit(
        [[aside, this.stamped(this.encode(doc), this.meta(savedAt, this.rev))]],
        [this.keptKey],
      );
      value = await this.store.get(STORAGE_KEY);
      theirs = readSaved(value);
    } catch (e) {
      this.outcome('design', e);
      return undefined;
    }
    // A change made meanwhile, kept aside above or not, is no save over theirs.
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
    this.handed = ++this.captured;
    this.conflict = undefined;
    this.rev = Math.max(this.rev, metaOf(value).rev);
    this.options.onTheirs?.(theirs, metaOf(value), true);
    this.opened();
    if (this.savedDoc) this.over = { shown: doc, theirs: this.savedDoc };
    return aside;
  }

  /** Drops the save waiting or being worked out; resolves once no write handed to the store is under way. */
  private async dropPending(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
    // A write of an earlier capture returns without writing (see write()).
    this.handed = ++this.captured;
    while (this.writing || this.inFlight.size > 0) await (this.writing ?? Promise.all(this.inFlight));
  }

  /**
   * Keeps `value` under `key` (undefined removes it), written shortly after with the other texts of that
   * moment (a person typing writes once a pause).
   */
  keepText(key: string, value: unknown): void {
    this.texts.set(key, value);
    this.textTimer ??= setTimeout(() => this.flushTexts(), this.options.delayMs);
  }

  private flushTexts(): void {
    if (this.textTimer !== undefined) clearTimeout(this.textTimer);
    this.textTimer = undefined;
    if (this.texts.size === 0) return;
    const puts: Array<[string, unknown]> = [];
    const removes: string[] = [];
    for (const [k, v] of this.texts)
      if (v === undefined) removes.push(k);
      else puts.push([k, v]);
    const written = new Map(this.texts);
    this.texts.clear();
    this.track(
      this.store.commit(puts, removes).then(
        () => this.outcome('texts', undefined),
        (e: unknown) => {
          // Kept to try again (at the next change, text or design, or as the page hides), unless a
          // newer value of the same key waits already.
          for (const [k, v] of written) if (!this.texts.has(k)) this.texts.set(k, v);
          this.outcome('texts', e ?? new Error('the save failed'));
        },
      ),
    );
  }
}

let textSink: ((key: string, value: unknown) => void) | undefined;

/**
 * Keeps unapplied text (a YAML draft, a rejected import) under TEXT_PREFIX + `key` across a reload;
 * undefined forgets it. Nothing is kept before start-up chose where saves go (tests).
 */
export function keepText(key: string, value: unknown): void {
  textSink?.(`${TEXT_PREFIX}${key}`, value);
}

/** Where keepText writes (start-up sets it to the Saver's store). */
export function setTextSink(sink: ((key: string, value: unknown) => void) | undefined): void {
  textSink = sink;
}
