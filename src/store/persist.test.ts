import { describe, expect, it, vi } from 'vitest';
import {
  BROKEN_PREFIX,
  loadSavedDocument,
  parseSaved,
  rememberJson,
  saveDocument,
  serializeDocument,
  STORAGE_KEY,
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

describe('the saved document in localStorage', () => {
  const fakeStorage = () => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
  };

  it('keeps an unreadable save aside instead of losing it, and says why', () => {
    const storage = fakeStorage();
    storage.data.set(STORAGE_KEY, '{"formatVersion":1, broken');
    vi.stubGlobal('localStorage', storage);
    const reasons: string[] = [];
    expect(loadSavedDocument((why) => reasons.push(why))).toBeUndefined();
    const kept = [...storage.data.entries()].filter(([k]) => k.startsWith(BROKEN_PREFIX));
    expect(kept.map(([, v]) => v)).toEqual(['{"formatVersion":1, broken']);
    expect(reasons).toHaveLength(1);
    vi.unstubAllGlobals();
  });

  it('writes and reads back the document', () => {
    const storage = fakeStorage();
    vi.stubGlobal('localStorage', storage);
    const doc = { objects: exampleCluster(), positions: {}, seed: 5 };
    expect(saveDocument(doc)).toBe(true);
    expect(loadSavedDocument()).toEqual(doc);
    vi.unstubAllGlobals();
  });
});
