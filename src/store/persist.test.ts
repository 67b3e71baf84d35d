import { describe, expect, it, vi } from 'vitest';
import type { DocumentState } from './document';
import {
  backupPrefix,
  BLOCK_PREFIX,
  BROKEN_PREFIX,
  documentRecord,
  documentRecordInSlices,
  keepText,
  loadSaved,
  localStorageStore,
  memoryStore,
  metaOf,
  parseSaved,
  readSaved,
  rememberJson,
  reopening,
  revisionKey,
  Saver,
  serializeDocument,
  setTextSink,
  STORAGE_KEY,
  TEXT_PREFIX,
  withMeta,
  type SaveMeta,
  type SaveStore,
} from './persist';
import { exampleCluster } from './templates';

describe('saved documents', () => {
  it('reads back what it wrote', () => {
    const doc = { objects: exampleCluster(), positions: { 'Node//node-1': { x: 1, y: 2 } }, seed: 3 };
    expect(parseSaved(serializeDocument(doc))).toEqual(doc);
  });

  it('writes what JSON.stringify writes, each object stringified once (objects are replaced, never changed)', () => {
    const objects = exampleCluster();
    const doc = { objects, positions: { 'Node//node-1': { x: 1, y: 2 } }, seed: 3 };
    const expected = JSON.stringify({ formatVersion: 1, ...doc });
    expect(serializeDocument(doc)).toBe(expected);
    const spy = vi.spyOn(JSON, 'stringify');
    expect(serializeDocument(doc)).toBe(expected);
    // Only the positions and the seed are stringified again.
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    const imported = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } };
    rememberJson(imported, JSON.stringify(imported));
    const more = { ...doc, objects: [...objects, imported] };
    expect(serializeDocument(more)).toBe(JSON.stringify({ formatVersion: 1, ...more }));
  });

  it('moves a saved NodeGroup place to its cluster-scoped key', () => {
    const text = JSON.stringify({
      formatVersion: JSON.parse(serializeDocument({ objects: [], positions: {}, seed: 1 })).formatVersion,
      objects: [],
      positions: { 'NodeGroup/default/pool': { x: 3, y: 4 } },
      seed: 1,
    });
    expect(parseSaved(text).positions).toEqual({ 'NodeGroup//pool': { x: 3, y: 4 } });
  });

  it.each([
    ['text that is not JSON', '{"formatVersion":1,'],
    ['a document of an unknown format', '{"formatVersion":99,"objects":[]}'],
    ['objects that are not API objects', '{"formatVersion":1,"objects":[{"kind":"Pod"}]}'],
  ])('refuses %s rather than half-read it', (_why, text) => {
    expect(() => parseSaved(text)).toThrow();
  });

  it('drops positions that are not numbers and defaults the seed', () => {
    const doc = parseSaved('{"formatVersion":1,"objects":[],"positions":{"a":{"x":"1","y":2}}}');
    expect(doc).toEqual({ objects: [], positions: {}, seed: 1 });
  });
});

describe('the record IndexedDB keeps', () => {
  it('reads back what it wrote, and a later save reuses the JSON it was read from', () => {
    const doc = { objects: exampleCluster(), positions: { 'Node//node-1': { x: 1, y: 2 } }, seed: 3 };
    const record = documentRecord(doc);
    expect(record.objects).toBe(doc.objects.map((o) => JSON.stringify(o)).join('\n'));
    const read = readSaved(structuredClone(record));
    expect(read).toEqual(doc);
    const spy = vi.spyOn(JSON, 'stringify');
    expect(documentRecord(read)).toEqual(record);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('keeps line breaks inside values (JSON escapes them, so one object is one line)', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'multi', namespace: 'default' },
      data: { 'nginx.conf': 'server {\n  listen 80;\n}\n' },
    };
    const doc = { objects: [cm, ...exampleCluster()], positions: {}, seed: 1 };
    expect(readSaved(structuredClone(documentRecord(doc)))).toEqual(doc);
    expect(readSaved(documentRecord({ objects: [], positions: {}, seed: 1 }))).toEqual({
      objects: [],
      positions: {},
      seed: 1,
    });
  });

  it('reads the text earlier versions kept in localStorage too', () => {
    const doc = { objects: exampleCluster(), positions: {}, seed: 2 };
    expect(readSaved(serializeDocument(doc))).toEqual(doc);
  });

  it.each([
    ['an object that is not JSON', { formatVersion: 2, objects: '{"kind":', positions: {}, seed: 1 }],
    ['an object that is not an API object', { formatVersion: 2, objects: '{"kind":"Pod"}' }],
    ['objects that are not a text', { formatVersion: 2, objects: ['{"kind":"Pod"}'] }],
    ['a newer format', { formatVersion: 3, objects: [] }],
    ['something else', 42],
  ])('refuses %s rather than half-read it', (_why, value) => {
    expect(() => readSaved(value)).toThrow();
  });

  it('is worked out in slices that let the page breathe, to the same record', async () => {
    const objects = Array.from({ length: 300 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `c${i}`, namespace: 'default' },
    }));
    const doc = { objects, positions: {}, seed: 1 };
    let t = 0;
    let pauses = 0;
    // Every 32 objects (when the clock is read) take 3 ms: a pause past 8 ms, every 96 objects.
    const record = await documentRecordInSlices(
      doc,
      async () => {
        pauses++;
      },
      () => (t += 3),
    );
    expect(record).toEqual(documentRecord(doc));
    expect(pauses).toBe(3);
  });
});

const doc = (seed: number): DocumentState => ({ objects: exampleCluster(), positions: {}, seed });

function fakeStorage(failOn?: (key: string) => boolean) {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (failOn?.(k)) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  } as Storage & { data: Map<string, string> };
}

describe('reading the saved design at start', () => {
  it('finds nothing in an empty store', async () => {
    expect(await loadSaved(memoryStore(), fakeStorage())).toEqual({ rev: 0 });
  });

  it('reads the record', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, documentRecord(doc(4)));
    expect(await loadSaved(store)).toEqual({ doc: doc(4), rev: 0, savedAt: 0 });
  });

  it('moves an unreadable save aside (never deletes it) and says why', async () => {
    const store = memoryStore();
    const bad = { formatVersion: 2, objects: '{"kind":"Pod"}', positions: {}, seed: 1 };
    store.data.set(STORAGE_KEY, bad);
    const out = await loadSaved(store, undefined, () => 7);
    expect(out).toEqual({ unreadable: 'objects are not API objects', rev: 0 });
    expect(store.data.get(`${BROKEN_PREFIX}7`)).toEqual(bad);
    expect(store.data.has(STORAGE_KEY)).toBe(false);
  });

  it('leaves an unreadable save where it is when it cannot be moved, and keeps saves off it', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, 'not a design');
    store.failNext(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    const out = await loadSaved(store);
    expect(out.unreadable).toBeDefined();
    expect(out.keepOff).toMatch(/could not be moved aside/);
    expect(store.data.get(STORAGE_KEY)).toBe('not a design');
  });

  it('keeps saves off a store it could not read', async () => {
    const store: SaveStore = { ...memoryStore(), get: () => Promise.reject(new Error('broken')) };
    expect((await loadSaved(store)).keepOff).toMatch(/could not be read \(broken\)/);
  });

  it("moves an earlier version's localStorage save into the store, then frees localStorage", async () => {
    const store = memoryStore();
    const local = fakeStorage();
    local.setItem(STORAGE_KEY, serializeDocument(doc(5)));
    expect(await loadSaved(store, local)).toEqual({ doc: doc(5), rev: 1, savedAt: 0, migrated: true });
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(5));
    expect(local.data.has(STORAGE_KEY)).toBe(false);
    // The store's save wins from then on; localStorage is not read again.
    expect(await loadSaved(store, local)).toEqual({ doc: doc(5), rev: 1, savedAt: 0 });
  });

  it('opens a localStorage save it could not move, and leaves it there', async () => {
    const store = memoryStore();
    const local = fakeStorage();
    local.setItem(STORAGE_KEY, serializeDocument(doc(6)));
    store.failNext(new Error('no room'));
    expect(await loadSaved(store, local)).toEqual({ doc: doc(6), rev: 0, savedAt: 0 });
    expect(local.data.has(STORAGE_KEY)).toBe(true);
    expect(store.data.size).toBe(0);
  });

  it('moves an unreadable localStorage save aside into the store', async () => {
    const store = memoryStore();
    const local = fakeStorage();
    local.setItem(STORAGE_KEY, '{"formatVersion":1, broken');
    const out = await loadSaved(store, local, () => 9);
    expect(out.unreadable).toBeDefined();
    expect(out.keepOff).toBeUndefined();
    expect(store.data.get(`${BROKEN_PREFIX}9`)).toBe('{"formatVersion":1, broken');
    expect(local.data.has(STORAGE_KEY)).toBe(false);
  });
});

const quota = () => Object.assign(new Error('quota'), { name: 'QuotaExceededError' });

describe('saving as the design changes', () => {
  function saver(store: SaveStore, current: { doc: DocumentState }) {
    const failures: string[] = [];
    let recovered = 0;
    const s = new Saver(store, () => current.doc, {
      delayMs: 5,
      onFail: (why) => failures.push(why),
      onRecover: () => recovered++,
    });
    return { s, failures, recovered: () => recovered };
  }

  it('saves a burst of changes once, shortly after', async () => {
    const store = memoryStore();
    const current = { doc: doc(1) };
    const { s } = saver(store, current);
    for (let seed = 2; seed <= 5; seed++) {
      current.doc = doc(seed);
      s.changed();
    }
    expect(store.data.size).toBe(0);
    await s.idle();
    // The design, and the mark of the block of its revision (see claimSteps).
    expect(store.log.filter((l) => l.startsWith('commit'))).toEqual([
      `commit ${STORAGE_KEY} ${BLOCK_PREFIX}0`,
    ]);
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(5);
  });

  it('saves a change made during a save right after it, so the last design is the one kept', async () => {
    const store = memoryStore();
    const current = { doc: doc(1) };
    const { s } = saver(store, current);
    s.changed();
    await new Promise((r) => setTimeout(r, 8));
    current.doc = doc(2);
    s.changed();
    await s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(2);
  });

  it('a failed save leaves the previous one readable; the person is told once, and when it works again', async () => {
    const store = memoryStore();
    const current = { doc: doc(1) };
    const { s, failures, recovered } = saver(store, current);
    s.changed();
    await s.idle();
    store.failNext(quota(), 2);
    for (const seed of [2, 3]) {
      current.doc = doc(seed);
      s.changed();
      await s.idle();
    }
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(1);
    expect(failures).toEqual(["The browser's storage for this page is full (QuotaExceededError)."]);
    current.doc = doc(4);
    s.changed();
    await s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(4);
    expect(recovered()).toBe(1);
  });

  it('when the page hides, hands the latest design to the store before returning, over any save under way', async () => {
    const store = memoryStore();
    const calls: number[] = [];
    const watched: SaveStore = {
      ...store,
      commit: (puts, removes) => {
        for (const [k, v] of puts) if (k === STORAGE_KEY) calls.push(readSaved(v).seed);
        return store.commit(puts, removes);
      },
    };
    const current = { doc: doc(1) };
    const { s } = saver(watched, current);
    s.changed();
    current.doc = doc(2);
    s.flushNow();
    expect(calls).toEqual([2]);
    await s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(2);
    // Nothing waits: nothing more is written.
    s.flushNow();
    expect(calls).toEqual([2]);
  });

  it('when the page hides after a failed save, writes the last design again (nothing else would)', async () => {
    const store = memoryStore();
    const current = { doc: doc(1) };
    const { s, failures, recovered } = saver(store, current);
    store.failNext(quota());
    current.doc = doc(2);
    s.changed();
    await s.idle();
    expect(failures).toHaveLength(1);
    expect(store.data.has(STORAGE_KEY)).toBe(false);
    // No change since: the page hiding is the last chance to keep design 2.
    s.flushNow();
    await s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(2);
    expect(recovered()).toBe(1);
  });

  it('a failed write of texts tells the person, keeps the texts, and writes them at the next chance', async () => {
    const store = memoryStore();
    const { s, failures, recovered } = saver(store, { doc: doc(1) });
    store.failNext(quota());
    s.keepText(`${TEXT_PREFIX}draft:design`, { text: 'mine' });
    await s.idle();
    expect(failures).toEqual(["The browser's storage for this page is full (QuotaExceededError)."]);
    expect(store.data.has(`${TEXT_PREFIX}draft:design`)).toBe(false);
    // Another text: both are written, and the person is told it works again.
    s.keepText(`${TEXT_PREFIX}import:a.yaml`, { text: 'a' });
    await s.idle();
    expect(store.data.get(`${TEXT_PREFIX}draft:design`)).toEqual({ text: 'mine' });
    expect(store.data.get(`${TEXT_PREFIX}import:a.yaml`)).toEqual({ text: 'a' });
    expect(recovered()).toBe(1);
  });

  it('a text that failed is written with the next save of the design, or as the page hides', async () => {
    const store = memoryStore();
    const current = { doc: doc(1) };
    const { s, failures, recovered } = saver(store, current);
    store.failNext(quota());
    s.keepText(`${TEXT_PREFIX}draft:design`, { text: 'v1' });
    await s.idle();
    // A newer value of the key while it waits is the one kept.
    store.failNext(quota());
    s.keepText(`${TEXT_PREFIX}draft:design`, { text: 'v2' });
    await s.idle();
    expect(failures).toHaveLength(1);
    current.doc = doc(2);
    s.changed();
    await s.idle();
    expect(store.data.get(`${TEXT_PREFIX}draft:design`)).toEqual({ text: 'v2' });
    expect(recovered()).toBe(1);
    store.failNext(quota());
    s.keepText(`${TEXT_PREFIX}draft:design`, { text: 'v3' });
    await s.idle();
    s.flushNow();
    await s.idle();
    expect(store.data.get(`${TEXT_PREFIX}draft:design`)).toEqual({ text: 'v3' });
    expect(recovered()).toBe(2);
  });

  it('the design saving again does not hide texts that still fail', async () => {
    const store = memoryStore();
    const current = { doc: doc(1) };
    const told: string[] = [];
    const failTexts: SaveStore = {
      ...store,
      commit: (puts, removes) =>
        puts.some(([k]) => k.startsWith(TEXT_PREFIX)) ? Promise.reject(quota()) : store.commit(puts, removes),
    };
    const s = new Saver(failTexts, () => current.doc, {
      delayMs: 5,
      onFail: (why) => told.push(why),
      onRecover: () => told.push('recovered'),
    });
    s.keepText(`${TEXT_PREFIX}draft:design`, { text: 'v1' });
    await s.idle();
    current.doc = doc(2);
    s.changed();
    await s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(2);
    expect(told).toEqual(["The browser's storage for this page is full (QuotaExceededError)."]);
  });

  it('keeps texts a pause after the last keystroke, in one write; undefined forgets one', async () => {
    const store = memoryStore();
    const { s } = saver(store, { doc: doc(1) });
    setTextSink((k, v) => s.keepText(k, v));
    keepText('draft:design', { text: 'a' });
    keepText('draft:design', { text: 'ab' });
    keepText('import:x.yaml', { text: 'x' });
    await s.idle();
    expect(store.data.get(`${TEXT_PREFIX}draft:design`)).toEqual({ text: 'ab' });
    keepText('import:x.yaml', undefined);
    await s.idle();
    expect(store.data.has(`${TEXT_PREFIX}import:x.yaml`)).toBe(false);
    expect(store.log.filter((l) => l.startsWith('commit'))).toHaveLength(2);
    setTextSink(undefined);
  });
});

describe("localStorage's store (where there is no IndexedDB)", () => {
  it('keeps the text earlier versions wrote, under the same key', async () => {
    const local = fakeStorage();
    const store = localStorageStore(local);
    const current = { doc: doc(3) };
    const s = new Saver(store, () => current.doc, { delayMs: 1, onFail: () => undefined });
    s.changed();
    await s.idle();
    const text = local.getItem(STORAGE_KEY) ?? '';
    expect(parseSaved(text)).toEqual(doc(3));
    // The same text, with when it was saved and its revision first.
    expect(text.replace(/"savedAt":\d+,"rev":1,/, '')).toBe(serializeDocument(doc(3)));
    expect(metaOf(text)).toMatchObject({ rev: 1 });
  });

  it('refuses a claim of the saved revision or below, and writes the design before the claim (tabs in other processes see keys one by one)', async () => {
    const local = fakeStorage();
    const store = localStorageStore(local);
    local.setItem(STORAGE_KEY, serializeDocument(doc(1), { savedAt: 1, rev: 5 }));
    await expect(
      store.commit([[STORAGE_KEY, serializeDocument(doc(2))]], [], [revisionKey(5)]),
    ).rejects.toThrow('claimed already');
    const order: string[] = [];
    const setItem = local.setItem.bind(local);
    local.setItem = (k: string, v: string) => {
      order.push(k);
      setItem(k, v);
    };
    await store.commit(
      [[STORAGE_KEY, serializeDocument(doc(2), { savedAt: 2, rev: 6 })]],
      [],
      [revisionKey(6)],
    );
    expect(order).toEqual([STORAGE_KEY, revisionKey(6)]);
  });

  it('undoes the keys it wrote when a later one does not fit: all or nothing', async () => {
    const local = fakeStorage((k) => k === 'b');
    local.setItem('a', 'old');
    const store = localStorageStore(local);
    await expect(
      store.commit(
        [
          ['a', 'new'],
          ['b', 'big'],
        ],
        [],
      ),
    ).rejects.toThrow('full');
    expect(local.getItem('a')).toBe('old');
    expect(local.getItem('b')).toBeNull();
  });
});

describe('a connection the browser may close (IndexedDB)', () => {
  const closed = () => new DOMException('The database connection is closing.', 'InvalidStateError');
  interface Conn {
    id: number;
    open: boolean;
  }

  function connections() {
    let opened = 0;
    const all: Conn[] = [];
    const open = async (): Promise<Conn> => {
      const c = { id: ++opened, open: true };
      all.push(c);
      return c;
    };
    return { all, open, opened: () => opened };
  }

  it.each([
    ['thrown at once (a transaction on a closed connection)', 'sync'],
    ['answered later (an async reader, as `entries` is)', 'async'],
  ])('meeting a closed connection %s opens a new one and runs once more', async (_why, how) => {
    const c = connections();
    const first = await c.open();
    const use = reopening(c.open, () => undefined, first);
    first.open = false;
    const seen: number[] = [];
    const read = (d: Conn): Promise<string> => {
      seen.push(d.id);
      if (how === 'sync') {
        if (!d.open) throw closed();
        return Promise.resolve(`read on ${d.id}`);
      }
      return (async () => {
        await Promise.resolve();
        if (!d.open) throw closed();
        return `read on ${d.id}`;
      })();
    };
    await expect(use(read)).resolves.toBe('read on 2');
    expect(seen).toEqual([1, 2]);
    // The new connection is kept.
    await expect(use(read)).resolves.toBe('read on 2');
    expect(c.opened()).toBe(2);
  });

  it('tries once more only: a second closed connection, or another error, is the answer', async () => {
    const c = connections();
    const use = reopening(c.open, () => undefined, await c.open());
    await expect(use(() => Promise.reject(closed()))).rejects.toThrow('closing');
    expect(c.opened()).toBe(2);
    await expect(use(() => Promise.reject(new Error('quota')))).rejects.toThrow('quota');
    expect(c.opened()).toBe(2);
  });

  it('a connection the browser reports closed is not used again', async () => {
    const c = connections();
    const losers: Array<() => void> = [];
    const use = reopening(c.open, (_d, lost) => losers.push(lost), await c.open());
    losers[0]?.();
    await expect(use(async (d) => d.id)).resolves.toBe(2);
  });
});

describe('when each save was made, and its revision', () => {
  it('a text save says it first, where it is found without reading the design; records carry it', () => {
    const text = serializeDocument(doc(2), { savedAt: 1_700_000_000_123, rev: 7, tab: 'a"b' });
    expect(
      text.startsWith('{"formatVersion":1,"savedAt":1700000000123,"rev":7,"tab":"a\\"b","objects":['),
    ).toBe(true);
    expect(parseSaved(text)).toEqual(doc(2));
    expect(metaOf(text)).toEqual({ savedAt: 1_700_000_000_123, rev: 7, tab: 'a"b' });
    const kept = serializeDocument(doc(2), { savedAt: 1, rev: 2, tab: 't', replaced: 'k:"1' });
    expect(metaOf(kept)).toEqual({ savedAt: 1, rev: 2, tab: 't', replaced: 'k:"1' });
    expect(parseSaved(kept)).toEqual(doc(2));
    // A share link carries none.
    expect(metaOf(serializeDocument(doc(2)))).toEqual({ savedAt: 0, rev: 0 });
    const record = withMeta(documentRecord(doc(3)), { savedAt: 5, rev: 2 });
    expect(readSaved(structuredClone(record))).toEqual(doc(3));
    expect(metaOf(record)).toEqual({ savedAt: 5, rev: 2 });
    // Saves of earlier versions: none.
    expect(metaOf(documentRecord(doc(3)))).toEqual({ savedAt: 0, rev: 0 });
    expect(metaOf(undefined)).toEqual({ savedAt: 0, rev: 0 });
  });
});

describe('a design kept both in IndexedDB and in localStorage (a start that gave IndexedDB up)', () => {
  const older = () => withMeta(documentRecord(doc(1)), { savedAt: 1000, rev: 4 });

  it('opens the newer (localStorage): it takes the store place, the older is kept aside, never deleted', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, older());
    store.data.set(revisionKey(4), 1);
    const local = fakeStorage();
    local.setItem(STORAGE_KEY, serializeDocument(doc(2), { savedAt: 2000, rev: 1 }));
    const out = await loadSaved(store, local, () => 3000);
    expect(out).toMatchObject({ doc: doc(2), savedAt: 2000, rev: 5 });
    expect(out.other).toEqual({
      key: `${backupPrefix('older-save')}3000`,
      from: 'IndexedDB',
      savedAt: 1000,
      doc: doc(1),
    });
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
    // Past the store's revisions: the next save claims one nobody has.
    expect(metaOf(store.data.get(STORAGE_KEY))).toEqual({ savedAt: 2000, rev: 5 });
    expect(store.data.get(`${backupPrefix('older-save')}3000`)).toEqual(older());
    expect(local.data.has(STORAGE_KEY)).toBe(false);
  });

  it('opens the newer (IndexedDB) and keeps the older localStorage one aside in the store', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, withMeta(documentRecord(doc(1)), { savedAt: 5000, rev: 4 }));
    const local = fakeStorage();
    const text = serializeDocument(doc(2), { savedAt: 2000, rev: 1 });
    local.setItem(STORAGE_KEY, text);
    const out = await loadSaved(store, local, () => 6000);
    expect(out).toMatchObject({ doc: doc(1), savedAt: 5000, rev: 4 });
    expect(out.other).toMatchObject({ from: 'localStorage', savedAt: 2000, doc: doc(2) });
    expect(store.data.get(`${backupPrefix('older-save')}6000`)).toBe(text);
    expect(local.data.has(STORAGE_KEY)).toBe(false);
  });

  it("opens the store's when neither says when it was saved (earlier versions), keeping the other", async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, documentRecord(doc(1)));
    const local = fakeStorage();
    local.setItem(STORAGE_KEY, serializeDocument(doc(2)));
    const out = await loadSaved(store, local, () => 7);
    expect(out.doc).toEqual(doc(1));
    expect(readSaved(store.data.get(`${backupPrefix('older-save')}7`))).toEqual(doc(2));
  });

  it('opens the newer and keeps saves off the store when the older could not be kept aside', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, older());
    const local = fakeStorage();
    local.setItem(STORAGE_KEY, serializeDocument(doc(2), { savedAt: 2000, rev: 1 }));
    store.failNext(quota());
    const out = await loadSaved(store, local);
    expect(out.doc).toEqual(doc(2));
    expect(out.keepOff).toMatch(/could not be kept aside/);
    expect(store.data.get(STORAGE_KEY)).toEqual(older());
    expect(local.data.has(STORAGE_KEY)).toBe(true);
  });

  it('leaves localStorage as it is once start-up gave the store up (the page saves there now)', async () => {
    const store = memoryStore();
    const local = fakeStorage();
    local.setItem(STORAGE_KEY, serializeDocument(doc(2), { savedAt: 2000, rev: 1 }));
    await loadSaved(store, local, Date.now, () => true);
    expect(local.data.has(STORAGE_KEY)).toBe(true);
  });
});

describe('two tabs saving one design', () => {
  interface Tab {
    s: Saver;
    current: { doc: DocumentState };
    conflicts: Array<{ theirs: SaveMeta; kept: string }>;
    opened: Array<{ doc: DocumentState; theirs: SaveMeta }>;
    saved: Array<{ meta: SaveMeta }>;
    broughtBack: string[];
  }

  /** A tab opening what `store` holds, as start-up does; its saves are heard by `hear` (the channel). */
  async function tab(
    name: string,
    store: SaveStore,
    hear: (meta: SaveMeta) => void = () => undefined,
  ): Promise<Tab> {
    const out = await loadSaved(store);
    const current = { doc: out.doc ?? doc(1) };
    const conflicts: Tab['conflicts'] = [];
    const opened: Tab['opened'] = [];
    const saved: Tab['saved'] = [];
    const broughtBack: string[] = [];
    let clock = 1000;
    const s = new Saver(store, () => current.doc, {
      delayMs: 5,
      onFail: () => undefined,
      tab: name,
      rev: out.rev,
      now: () => ++clock,
      onSaved: (meta) => {
        saved.push({ meta });
        hear(meta);
      },
      onConflict: (theirs, kept) => conflicts.push({ theirs, kept }),
      onTheirs: (d, theirs) => {
        opened.push({ doc: d, theirs });
        current.doc = d;
      },
      onBroughtBack: (replaced) => broughtBack.push(replaced),
    });
    s.opened();
    return { s, current, conflicts, opened, saved, broughtBack };
  }

  async function edit(t: Tab, seed: number) {
    t.current.doc = doc(seed);
    t.s.changed();
    await t.s.idle();
  }

  it('a tab without changes of its own opens the newer design another tab saved, and saves nothing back', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, documentRecord(doc(1)));
    const b = await tab('B', store);
    const a = await tab('A', store, (m) => void b.s.otherSaved(m));
    await edit(a, 2);
    await vi.waitFor(() => expect(b.opened).toHaveLength(1));
    expect(b.opened[0]?.doc).toEqual(doc(2));
    expect(b.opened[0]?.theirs).toMatchObject({ rev: 1, tab: 'A' });
    expect(b.conflicts).toEqual([]);
    // B saves nothing back (no echo); both go on from revision 1.
    b.s.changed();
    await b.s.idle();
    expect(store.log.filter((l) => l.startsWith(`commit ${STORAGE_KEY}`))).toHaveLength(1);
    await edit(b, 3);
    expect(metaOf(store.data.get(STORAGE_KEY))).toMatchObject({ rev: 2, tab: 'B' });
  });

  it('a tab with changes of its own is asked, and saves nothing over the newer design meanwhile', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, documentRecord(doc(1)));
    const b = await tab('B', store);
    const a = await tab('A', store);
    await edit(a, 2);
    // B changed its design before hearing of A's save (the message is late, or lost).
    b.current.doc = doc(3);
    b.s.changed();
    await b.s.idle();
    // B's save met A's claim of revision 1: A's design stays the saved one, B's is kept beside it.
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
    expect(b.conflicts[0]?.theirs).toMatchObject({ rev: 1, tab: 'A' });
    expect(b.conflicts[0]?.kept).toBe(`${backupPrefix('unsaved-in-tab')}B`);
    expect(readSaved(store.data.get(b.s.keptKey))).toEqual(doc(3));
    // Later changes go there too, until the person chooses.
    await edit(b, 4);
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
    expect(readSaved(store.data.get(b.s.keptKey))).toEqual(doc(4));
    // The message arriving late changes nothing.
    await b.s.otherSaved({ savedAt: 1, rev: 1, tab: 'A' });
    expect(b.opened).toEqual([]);

    // Keep mine: B's design is saved, A's is kept aside, and A is told (it opens B's: no changes there).
    const heardByA: SaveMeta[] = [];
    const kept = await b.s.keepMine();
    expect(kept?.replaced).toMatch(new RegExp(`^${backupPrefix('before-other-tab')}\\d+$`));
    expect(readSaved(store.data.get(kept?.replaced ?? ''))).toEqual(doc(2));
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(4));
    expect(metaOf(store.data.get(STORAGE_KEY))).toMatchObject({ rev: 2, tab: 'B' });
    expect(store.data.has(b.s.keptKey)).toBe(false);
    // The save says where the design it replaced is kept (a tab told of it reads it there).
    expect(b.saved.at(-1)?.meta.replaced).toBe(kept?.replaced);
    expect(metaOf(store.data.get(STORAGE_KEY)).replaced).toBe(kept?.replaced);
    heardByA.push(b.saved.at(-1)!.meta);
    await a.s.otherSaved(heardByA[0]!);
    expect(a.opened[0]?.doc).toEqual(doc(4));
    expect(b.s.conflicted).toBeUndefined();
  });

  it('Load theirs keeps this tab design aside first, then opens the saved one', async () => {
    const store = memoryStore();
    const b = await tab('B', store);
    const a = await tab('A', store);
    await edit(a, 2);
    b.current.doc = doc(3);
    b.s.changed();
    // Heard while B's change waits: B is asked at once.
    await b.s.otherSaved(a.saved[0]!.meta);
    expect(b.conflicts).toHaveLength(1);
    await b.s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
    const asked = b.conflicts.length;
    const aside = await b.s.loadTheirs();
    expect(aside).toMatch(new RegExp(`^${backupPrefix('before-other-tab')}\\d+$`));
    expect(b.current.doc).toEqual(doc(2));
    expect(readSaved(store.data.get(aside!))).toEqual(doc(3));
    // The copy kept while B was asked is no longer needed: no later start offers it.
    expect(store.data.has(b.s.keptKey)).toBe(false);
    // B goes on from A's revision: its next change is saved over it as the newest.
    await edit(b, 5);
    expect(metaOf(store.data.get(STORAGE_KEY))).toMatchObject({ rev: 2, tab: 'B' });
    expect(b.conflicts).toHaveLength(asked);
  });

  it('two tabs saving the same design (one template opened in both) ask nothing', async () => {
    const store = memoryStore();
    const b = await tab('B', store);
    const a = await tab('A', store, (m) => void b.s.otherSaved(m));
    // Both open the same template, unsaved: both save it.
    a.current.doc = doc(7);
    b.current.doc = doc(7);
    a.s.changed();
    b.s.changed();
    await Promise.all([a.s.idle(), b.s.idle()]);
    await vi.waitFor(() => expect(a.saved.length + b.saved.length).toBeGreaterThan(0));
    await b.s.idle();
    expect(a.conflicts).toEqual([]);
    expect(b.conflicts).toEqual([]);
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(7));
    // And when the message is lost, the refused claim finds the same design.
    const c = await tab('C', store);
    const d = await tab('D', store);
    await edit(c, 8);
    await edit(d, 8);
    expect(d.conflicts).toEqual([]);
    await edit(d, 9);
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(9));
    expect(d.conflicts).toEqual([]);
  });

  it('goes past a claim left by a save no longer there (it is no conflict)', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, withMeta(documentRecord(doc(1)), { savedAt: 1, rev: 1 }));
    const a = await tab('A', store);
    // Claimed by a save that was moved aside since (loadSaved reads claims, so this is after start).
    store.data.set(revisionKey(2), 1);
    await edit(a, 2);
    expect(a.conflicts).toEqual([]);
    expect(metaOf(store.data.get(STORAGE_KEY))).toMatchObject({ rev: 3, tab: 'A' });
  });

  it.each([
    ['IndexedDB (its contract: the memory store)', () => memoryStore() as SaveStore],
    ["localStorage's store", () => localStorageStore(fakeStorage()) as SaveStore],
  ])(
    'a tab that heard nothing of 80 saves (their old claims removed since) is still refused: %s',
    async (_where, make) => {
      const store = make();
      const meta = { savedAt: 1, rev: 10 };
      const first =
        store.kind === 'localStorage'
          ? serializeDocument(doc(1), meta)
          : withMeta(documentRecord(doc(1)), meta);
      await store.commit([[STORAGE_KEY, first]]);
      // B hears nothing of A (no BroadcastChannel, no storage event).
      const b = await tab('B', store);
      const a = await tab('A', store);
      for (let seed = 100; seed < 180; seed++) await edit(a, seed);
      expect(metaOf(await store.get(STORAGE_KEY)).rev).toBe(90);
      // Revision 11, the one B claims next, was claimed by A and removed as A's saves went on.
      expect(await store.get(revisionKey(11))).toBeUndefined();
      await edit(b, 3);
      // A's design is the saved one still; B's is kept beside it and B is asked.
      expect(readSaved(await store.get(STORAGE_KEY))).toEqual(doc(179));
      expect(b.conflicts[0]?.theirs).toMatchObject({ rev: 90, tab: 'A' });
      expect(readSaved(await store.get(b.s.keptKey))).toEqual(doc(3));
      // Keep mine then keeps A's design aside, never over it.
      const kept = await b.s.keepMine();
      expect(readSaved(await store.get(kept?.replaced ?? ''))).toEqual(doc(179));
      expect(readSaved(await store.get(STORAGE_KEY))).toEqual(doc(3));
    },
  );

  it('a store whose saves left no marks of blocks (an earlier version): the first save marks them all', async () => {
    const store = memoryStore();
    // Saved at revision 200 by an earlier version: the claims of 137 to 200 are left, no marks.
    store.data.set(STORAGE_KEY, withMeta(documentRecord(doc(1)), { savedAt: 1, rev: 200 }));
    for (let r = 137; r <= 200; r++) store.data.set(revisionKey(r), 1);
    const a = await tab('A', store);
    await edit(a, 2);
    expect([0, 1, 2, 3].map((b) => store.data.has(`${BLOCK_PREFIX}${b}`))).toEqual([true, true, true, true]);
    // A tab still at revision 100 (it heard nothing since) is refused.
    const b = new Saver(store, () => doc(9), { delayMs: 1, onFail: () => undefined, rev: 100 });
    b.changed();
    await b.idle();
    expect(b.conflicted).toMatchObject({ rev: 201 });
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
  });

  it('Undo (or Bring back) after another tab design opened here keeps that design aside and says where', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, documentRecord(doc(1)));
    const y = await tab('Y', store);
    const x = await tab('X', store, (m) => void y.s.otherSaved(m));
    // Y has no changes: X's design opens there.
    const shown = y.current.doc;
    await edit(x, 2);
    await vi.waitFor(() => expect(y.opened).toHaveLength(1));
    // X closes. Y goes back to what it showed (Ctrl+Z, or Bring back: the same design).
    y.current.doc = { ...shown };
    y.s.changed();
    await y.s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(1));
    const kept = y.broughtBack[0] ?? '';
    expect(kept).toMatch(new RegExp(`^${backupPrefix('before-other-tab')}\\d+$`));
    expect(readSaved(store.data.get(kept))).toEqual(doc(2));
    expect(metaOf(store.data.get(STORAGE_KEY)).replaced).toBe(kept);
    // Once back, later saves are ordinary ones.
    await edit(y, 3);
    expect(y.broughtBack).toHaveLength(1);
    expect(metaOf(store.data.get(STORAGE_KEY)).replaced).toBeUndefined();
  });

  it('Undo after Load theirs keeps the other tab design aside too', async () => {
    const store = memoryStore();
    const b = await tab('B', store);
    const a = await tab('A', store);
    await edit(a, 2);
    await edit(b, 3);
    expect(b.s.conflicted).toMatchObject({ tab: 'A' });
    await b.s.loadTheirs();
    expect(b.current.doc).toEqual(doc(2));
    // Ctrl+Z: B's design again.
    b.current.doc = doc(3);
    b.s.changed();
    await b.s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(3));
    expect(readSaved(store.data.get(b.broughtBack[0] ?? ''))).toEqual(doc(2));
  });

  it('Load theirs while a save of this tab design is being worked out: that save never lands over theirs', async () => {
    const store = memoryStore();
    const b = await tab('B', store);
    const a = await tab('A', store);
    await edit(a, 2);
    await edit(b, 3);
    expect(b.s.conflicted).toMatchObject({ tab: 'A' });
    // A big design: its first save is worked out in slices (each 32 objects, as the clock says).
    const big: DocumentState = {
      objects: Array.from({ length: 2000 }, (_, i) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `c${i}`, namespace: 'default' },
      })),
      positions: {},
      seed: 4,
    };
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 10));
    try {
      b.current.doc = big;
      b.s.changed();
      // The save's delay passes: it is being worked out.
      await new Promise((r) => setTimeout(r, 20));
      const aside = await b.s.loadTheirs();
      expect(readSaved(store.data.get(aside ?? ''))).toEqual(big);
      await b.s.idle();
    } finally {
      clock.mockRestore();
    }
    expect(b.current.doc).toEqual(doc(2));
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
    expect(store.data.has(b.s.keptKey)).toBe(false);
  });

  it('a page hiding hands a copy of its design over with its save: kept when the claim is refused, though no later step runs', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, documentRecord(doc(1)));
    const b = await tab('B', store);
    const a = await tab('A', store);
    await edit(a, 2);
    // The page is gone once flushNow returns: nothing handed to the store later is written.
    let gone = false;
    const hiding = new Saver(
      { ...store, commit: (...args) => (gone ? new Promise<void>(() => undefined) : store.commit(...args)) },
      () => b.current.doc,
      { delayMs: 5, onFail: () => undefined, tab: 'B', rev: 0 },
    );
    hiding.opened();
    b.current.doc = doc(3);
    hiding.changed();
    hiding.flushNow();
    gone = true;
    await new Promise((r) => setTimeout(r, 30));
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
    expect(readSaved(store.data.get(hiding.keptKey))).toEqual(doc(3));
  });

  it('the copy a page hiding hands over goes with its save when that save lands', async () => {
    const store = memoryStore();
    const a = await tab('A', store);
    a.current.doc = doc(2);
    a.s.changed();
    a.s.flushNow();
    await a.s.idle();
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(doc(2));
    expect(store.data.has(a.s.keptKey)).toBe(false);
  });

  it('two saves of one revision at once (localStorage in two processes): the tab written over is asked, its design kept', async () => {
    const store = memoryStore();
    store.data.set(STORAGE_KEY, documentRecord(doc(1)));
    // Both find revision 1 free: claims are not checked, as two processes may both see them absent.
    const loose: SaveStore = { ...store, commit: (puts, removes) => store.commit(puts, removes) };
    const heard: Array<[Tab, SaveMeta]> = [];
    const b = await tab('B', loose, (m) => heard.push([a, m]));
    const a: Tab = await tab('A', loose, (m) => heard.push([b, m]));
    a.current.doc = doc(2);
    b.current.doc = doc(3);
    a.s.changed();
    b.s.changed();
    await Promise.all([a.s.idle(), b.s.idle()]);
    expect(heard.map(([, m]) => m.rev)).toEqual([1, 1]);
    const last = metaOf(store.data.get(STORAGE_KEY)).tab;
    for (const [t, m] of heard) await t.s.otherSaved(m);
    const lost = last === 'A' ? b : a;
    const won = last === 'A' ? a : b;
    await lost.s.idle();
    expect(lost.s.conflicted).toMatchObject({ rev: 1, tab: last });
    expect(readSaved(store.data.get(lost.s.keptKey))).toEqual(lost.current.doc);
    expect(won.s.conflicted).toBeUndefined();
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(won.current.doc);
  });

  it('starts past the claims in the store, and removes old claims as saves go on', async () => {
    const store = memoryStore();
    store.data.set(revisionKey(70), 1);
    store.data.set(revisionKey(6), 1);
    const a = await tab('A', store);
    await edit(a, 2);
    expect(metaOf(store.data.get(STORAGE_KEY)).rev).toBe(71);
    expect(store.data.has(revisionKey(7))).toBe(false);
    expect(store.data.has(revisionKey(71))).toBe(true);
  });
});
