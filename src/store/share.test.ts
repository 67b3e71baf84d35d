import { describe, expect, it } from 'vitest';
import { documentStore } from './document';
import { designFromHash, shareLink, SHARE_PREFIX } from './share';
import { exampleCluster } from './templates';

describe('share links', () => {
  it('carry the whole design in the hash and open it again', () => {
    const doc = { objects: exampleCluster(), positions: { 'Node//node-1': { x: 3, y: 4 } }, seed: 9 };
    documentStore.setState(doc);
    const link = shareLink('http://localhost/app?x=1#present');
    expect(link.startsWith(`http://localhost/app?x=1${SHARE_PREFIX}`)).toBe(true);
    expect(designFromHash(link.slice(link.indexOf('#')))).toEqual(doc);
  });

  it('refuse a damaged link', () => {
    expect(() => designFromHash(`${SHARE_PREFIX}garbage`)).toThrow();
  });
});
