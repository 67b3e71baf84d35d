// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { keyOf } from '../engine';
import { undo } from './commands';
import { getEditDraft } from './edit';
import { documentStore, withObjects } from './document';
import { isPristineTemplate, savesSettled, startStore, withoutOnceParams } from './init';
import {
  backupPrefix,
  documentRecord,
  memoryStore,
  metaOf,
  parseSaved,
  readSaved,
  serializeDocument,
  STORAGE_KEY,
  TEXT_PREFIX,
  withMeta,
  type SaveStore,
} from './persist';
import { sessionStore } from './session';
import { shareLink } from './share';
import { exampleCluster, TEMPLATES } from './templates';

const template = (name: string) => withObjects([], TEMPLATES[name]?.objects() ?? []);

describe('the one-time URL parameters', () => {
  it.each([
    ['?demo=talk-app', ''],
    ['?demo=web&seed=7', ''],
    ['?seed=3&engine=main', '?engine=main'],
    ['?stats&demo=empty', '?stats='],
    ['', ''],
  ])('%s leaves %s', (search, rest) => {
    expect(withoutOnceParams(search)).toBe(rest);
  });

  it('tell a template as it opens from a design the person made', () => {
    expect(isPristineTemplate({ objects: template('talk-app'), positions: {}, seed: 4 })).toBe(true);
    expect(isPristineTemplate({ objects: [], positions: {}, seed: 1 })).toBe(true);
    const edited = template('talk-app').map((o) =>
      o.kind === 'Deployment' && o.metadata.name === 'redis'
        ? { ...o, spec: { ...(o.spec as object), replicas: 2 } }
        : o,
    );
    expect(isPristineTemplate({ objects: edited, positions: {}, seed: 1 })).toBe(false);
    expect(
      isPristineTemplate({
        objects: template('web'),
        positions: { 'Node//node-1': { x: 1, y: 2 } },
        seed: 1,
      }),
    ).toBe(false);
  });
});

describe('start-up with ?demo= over a design the person edited (no IndexedDB: localStorage, at once)', () => {
  it('opens the template once, keeps the previous design one undo step and one Restore away', async () => {
    sessionStore.setState({ playing: false });
    const mine = template('talk-app').map((o) =>
      o.kind === 'Deployment' && o.metadata.name === 'redis'
        ? { ...o, spec: { ...(o.spec as object), replicas: 2 } }
        : o,
    );
    const previous = { objects: mine, positions: { 'Deployment/default/redis': { x: 5, y: 6 } }, seed: 2 };
    localStorage.setItem(STORAGE_KEY, serializeDocument(previous));
    history.replaceState(null, '', '/?demo=web&seed=3&engine=main');

    // A draft of the YAML panel kept before the reload (localStorage keeps it as JSON text).
    localStorage.setItem(
      `${TEXT_PREFIX}draft:design`,
      JSON.stringify({ text: 'kind: Node\n# mine', base: 'kind: Node\n', shown: [], savedAt: 5 }),
    );
    void startStore({ search: window.location.search, hash: '' });
    expect(getEditDraft('design')).toMatchObject({ text: 'kind: Node\n# mine', restoredFrom: 5 });

    // The template, with the seed asked for, is open and saved; the address asks for nothing more.
    expect(documentStore.getState().objects.map(keyOf)).toEqual(
      exampleCluster().map((o) => keyOf(withObjects([], [o])[0]!)),
    );
    expect(documentStore.getState().seed).toBe(3);
    expect(window.location.search).toBe('?engine=main');
    await savesSettled();
    expect(parseSaved(localStorage.getItem(STORAGE_KEY)!).seed).toBe(3);
    // A share link made now carries neither ?demo= nor ?seed=.
    expect(shareLink(`${window.location.origin}/?demo=web&seed=3`).split('#')[0]).toBe(
      `${window.location.origin}/`,
    );

    // The previous design: in a backup key, behind a notice's Restore, and one undo step back.
    const backups = Object.keys(localStorage).filter((k) => k.startsWith(`${STORAGE_KEY}:before-demo:`));
    expect(backups).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem(backups[0]!)!)).toMatchObject({ seed: 2 });
    const notice = sessionStore.getState().notices.find((n) => n.action?.label === 'Restore');
    expect(notice?.title).toBe('Opened the template "web"; your previous design was kept');
    notice?.action?.run();
    expect(documentStore.getState()).toMatchObject(previous);
    expect(sessionStore.getState().notices.some((n) => n.id === notice?.id)).toBe(false);
    // Restoring is undoable: back to the template, then back again to the previous design.
    undo();
    expect(documentStore.getState().seed).toBe(3);
    undo();
    expect(documentStore.getState()).toMatchObject(previous);
  });
});

describe('start-up from IndexedDB (a store answering later)', () => {
  it('waits for the saved design, opens it with the unapplied texts, and writes nothing before reading', async () => {
    // localStorage holds nothing (the test above saved there, its last undo 300 ms after it ended):
    // the store's design is the only one.
    await savesSettled();
    localStorage.clear();
    vi.resetModules();
    const init = await import('./init');
    const { documentStore: docs } = await import('./document');
    const { sessionStore: session } = await import('./session');
    const { getEditDraft } = await import('./edit');
    const store = memoryStore();
    const mine = {
      objects: template('talk-app'),
      positions: { 'Deployment/default/redis': { x: 5, y: 6 } },
      seed: 9,
    };
    store.data.set(STORAGE_KEY, documentRecord(mine));
    const shown = template('talk-app').slice(0, 1);
    store.data.set(`${TEXT_PREFIX}draft:design`, {
      text: 'kind: Namespace\n# typed',
      base: 'kind: Namespace\n',
      shown: shown.map((o) => JSON.stringify(o)),
      savedAt: 1_700_000_000_000,
    });
    store.data.set(`${TEXT_PREFIX}import:bad.yaml`, {
      file: 'bad.yaml',
      text: 'kind: Deployment\n',
      errors: ['bad.yaml:1:1 missing apiVersion'],
      savedAt: 1_700_000_000_000,
    });
    // Nothing is open (nor saved) until the read answers; the store logs every access.
    const started = init.startStore({ search: '?engine=main', hash: '', store });
    expect(docs.getState().objects).toEqual([]);
    await started;
    expect(store.log[0]).toBe(`get ${STORAGE_KEY}`);
    expect(docs.getState()).toMatchObject(mine);
    expect(session.getState().panels.dock).toBe(true);
    expect(getEditDraft('design')).toMatchObject({
      text: 'kind: Namespace\n# typed',
      shown,
      restoredFrom: 1_700_000_000_000,
    });
    expect(session.getState().rejectedImports).toMatchObject([
      { file: 'bad.yaml', text: 'kind: Deployment\n', restoredFrom: 1_700_000_000_000 },
    ]);
    expect(session.getState().notices.map((n) => n.title)).toContain(
      'Unapplied text from before the reload is kept',
    );
    // Opened as saved: nothing to write until the person changes something.
    await init.savesSettled();
    expect(store.log.some((l) => l.startsWith(`commit ${STORAGE_KEY}`))).toBe(false);
    docs.setState({ seed: 10 });
    await init.savesSettled();
    expect(readSaved(store.data.get(STORAGE_KEY)).seed).toBe(10);
    // Retried and dropped: the kept text goes too.
    const { dropRejectedImport } = await import('./session');
    dropRejectedImport({ file: 'bad.yaml' });
    await init.savesSettled();
    expect(store.data.has(`${TEXT_PREFIX}import:bad.yaml`)).toBe(false);
  });
});

describe('start-up when IndexedDB does not answer', () => {
  /** A store whose every answer never comes (a stuck browser profile). */
  const silent: SaveStore = {
    kind: 'indexeddb',
    get: () => new Promise(() => undefined),
    entries: () => new Promise(() => undefined),
    commit: () => new Promise(() => undefined),
  };

  async function fresh() {
    vi.resetModules();
    return {
      init: await import('./init'),
      docs: (await import('./document')).documentStore,
      session: (await import('./session')).sessionStore,
    };
  }

  it('opens what localStorage holds after the wait, says where the design is kept, and saves there', async () => {
    localStorage.clear();
    const mine = { objects: template('talk-app'), positions: {}, seed: 4 };
    localStorage.setItem(STORAGE_KEY, serializeDocument(mine, { savedAt: 5, rev: 1 }));
    const { init, docs, session } = await fresh();
    const t0 = Date.now();
    await init.startStore({ search: '?engine=main', hash: '', store: silent, timeoutMs: 100 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(docs.getState()).toMatchObject(mine);
    await vi.waitFor(() =>
      expect(session.getState().notices.some((n) => n.title.includes('did not answer in time'))).toBe(true),
    );
    const notice = session.getState().notices.find((n) => n.title.includes('did not answer in time'));
    expect(notice?.title).toBe("The browser's database did not answer in time");
    expect(notice?.lines.join(' ')).toMatch(
      /not lost: reload the page.*localStorage.*newer of the two saves opens/,
    );
    docs.setState({ seed: 11 });
    await init.savesSettled();
    const text = localStorage.getItem(STORAGE_KEY) ?? '';
    expect(parseSaved(text).seed).toBe(11);
    expect(metaOf(text)).toMatchObject({ rev: 2 });
  });

  it('saves nothing before a change (an untouched template must not be the newer save next time)', async () => {
    localStorage.clear();
    const { init, docs } = await fresh();
    await init.startStore({ search: '?engine=main', hash: '', store: silent, timeoutMs: 50 });
    expect(docs.getState().objects.length).toBeGreaterThan(0);
    await init.savesSettled();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('the next start that reads IndexedDB opens the newer save and offers the other, keeping both', async () => {
    localStorage.clear();
    const store = memoryStore();
    const older = { objects: template('talk-app'), positions: {}, seed: 2 };
    const newer = { objects: template('web'), positions: { 'Node//node-1': { x: 1, y: 2 } }, seed: 3 };
    store.data.set(STORAGE_KEY, withMeta(documentRecord(older), { savedAt: 1000, rev: 9 }));
    localStorage.setItem(STORAGE_KEY, serializeDocument(newer, { savedAt: 2000, rev: 1 }));
    const { init, docs, session } = await fresh();
    await init.startStore({ search: '?engine=main', hash: '', store });
    expect(docs.getState()).toMatchObject(newer);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    await vi.waitFor(() =>
      expect(session.getState().notices.some((n) => n.action?.label === 'Open the other')).toBe(true),
    );
    const notice = session.getState().notices.find((n) => n.action?.label === 'Open the other');
    expect(notice?.title).toBe('Two saved designs were found: the newer one is open');
    const keptKey = [...store.data.keys()].find((k) => k.startsWith(backupPrefix('older-save')));
    expect(notice?.lines[1]).toContain(`kept under "${keptKey}"`);
    expect(readSaved(store.data.get(keptKey!))).toEqual(older);
    // Opening the other keeps the one that was open aside too.
    notice?.action?.run();
    await vi.waitFor(() => expect(docs.getState()).toMatchObject(older));
    const kept = [...store.data.keys()].filter((k) => k.startsWith(backupPrefix('older-save')));
    expect(kept).toHaveLength(2);
    expect(kept.map((k) => readSaved(store.data.get(k)).seed).sort()).toEqual([2, 3]);
    await init.savesSettled();
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(older);
    expect(metaOf(store.data.get(STORAGE_KEY)).rev).toBe(11);
  });

  it("every tab's design kept beside the saved one (its tab closed before choosing) is offered at the next start, however old; Open it or Discard it removes it", async () => {
    localStorage.clear();
    const store = memoryStore();
    const saved = { objects: template('web'), positions: {}, seed: 4 };
    const tabs = { objects: template('talk-app'), positions: {}, seed: 5 };
    const stale = { objects: template('web'), positions: {}, seed: 6 };
    store.data.set(STORAGE_KEY, withMeta(documentRecord(saved), { savedAt: 2000, rev: 3 }));
    const [b, c, d] = ['B', 'C', 'D'].map((t) => `${backupPrefix('unsaved-in-tab')}${t}`) as [
      string,
      string,
      string,
    ];
    store.data.set(b, withMeta(documentRecord(tabs), { savedAt: 2500, rev: 2 }));
    // Older than the saved design, and different: its tab's notice said it was kept until a choice.
    store.data.set(c, withMeta(documentRecord(stale), { savedAt: 1500, rev: 1 }));
    // The saved design itself: nothing to offer.
    store.data.set(d, withMeta(documentRecord(saved), { savedAt: 1800, rev: 2 }));
    const { init, docs, session } = await fresh();
    await init.startStore({ search: '?engine=main', hash: '', store });
    expect(docs.getState()).toMatchObject(saved);
    const offer = () =>
      session
        .getState()
        .notices.filter((n) => n.title === 'A design of another tab is kept beside the saved one');
    await vi.waitFor(() => expect(offer()).toHaveLength(1));
    // The newest first.
    const first = offer()[0];
    expect(first?.lines.join(' ')).toContain(`kept under "${b}"`);
    expect(first?.lines.join(' ')).toContain('1 older one(s) too');
    expect(first?.actions?.map((a) => a.label)).toEqual(['Discard it']);
    first?.action?.run();
    await vi.waitFor(() => expect(docs.getState()).toMatchObject(tabs));
    const kept = [...store.data.keys()].filter((k) => k.startsWith(backupPrefix('older-save')));
    expect(kept.map((k) => readSaved(store.data.get(k)).seed)).toEqual([4]);
    // Opened: its copy goes with the save that makes it the saved design.
    await init.savesSettled();
    expect(readSaved(store.data.get(STORAGE_KEY))).toEqual(tabs);
    expect(store.data.has(b)).toBe(false);
    // Then the older one is offered; Discard it removes it.
    await vi.waitFor(() => expect(offer()[0]?.lines.join(' ')).toContain(`kept under "${c}"`));
    offer()[0]?.actions?.[0]?.run();
    await vi.waitFor(() => expect(store.data.has(c)).toBe(false));
    expect(offer()).toEqual([]);
    expect(docs.getState()).toMatchObject(tabs);
  });
});
