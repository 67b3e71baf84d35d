// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keyOf } from '../engine';
import { undo } from './commands';
import { documentStore, withObjects } from './document';
import { isPristineTemplate, startStore, withoutOnceParams } from './init';
import { loadSavedDocument, serializeDocument, STORAGE_KEY } from './persist';
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

describe('start-up with ?demo= over a design the person edited', () => {
  it('opens the template once, keeps the previous design one undo step and one Restore away', () => {
    sessionStore.setState({ playing: false });
    const mine = template('talk-app').map((o) =>
      o.kind === 'Deployment' && o.metadata.name === 'redis'
        ? { ...o, spec: { ...(o.spec as object), replicas: 2 } }
        : o,
    );
    const previous = { objects: mine, positions: { 'Deployment/default/redis': { x: 5, y: 6 } }, seed: 2 };
    localStorage.setItem(STORAGE_KEY, serializeDocument(previous));
    history.replaceState(null, '', '/?demo=web&seed=3&engine=main');

    startStore({ search: window.location.search, hash: '' });

    // The template, with the seed asked for, is open and saved; the address asks for nothing more.
    expect(documentStore.getState().objects.map(keyOf)).toEqual(
      exampleCluster().map((o) => keyOf(withObjects([], [o])[0]!)),
    );
    expect(documentStore.getState().seed).toBe(3);
    expect(window.location.search).toBe('?engine=main');
    expect(loadSavedDocument()?.seed).toBe(3);
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
