import { describe, expect, it } from 'vitest';
import { loadProject, PROJECT_FORMAT_VERSION, ProjectError, saveProject } from './project';

const objects = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }];

describe('the project file', () => {
  it('round-trips objects, layout, decks and scenario with its format version', () => {
    const project = {
      objects,
      layout: { 'Namespace//shop': { x: 10, y: 20 } },
      decks: [{ title: 'one' }],
      scenario: { seed: 3 },
    };
    expect(loadProject(saveProject(project))).toEqual({ formatVersion: PROJECT_FORMAT_VERSION, ...project });
  });

  it('migrates a version 1 file (positions as a list, no decks or scenario)', () => {
    const v1 = JSON.stringify({
      formatVersion: 1,
      objects,
      positions: [{ key: 'Namespace//shop', x: 1, y: 2 }],
    });
    expect(loadProject(v1)).toEqual({
      formatVersion: 2,
      objects,
      layout: { 'Namespace//shop': { x: 1, y: 2 } },
      decks: [],
      scenario: null,
    });
  });

  it('keeps the place of a NodeGroup saved when it was namespaced (its key had a namespace then)', () => {
    const old = JSON.stringify({
      formatVersion: 2,
      objects: [],
      layout: { 'NodeGroup/default/pool': { x: 5, y: 6 }, 'Service/default/web': { x: 1, y: 1 } },
    });
    expect(loadProject(old).layout).toEqual({
      'NodeGroup//pool': { x: 5, y: 6 },
      'Service/default/web': { x: 1, y: 1 },
    });
  });

  it.each([
    [
      'a file from a newer kubecanvas',
      JSON.stringify({ formatVersion: 99, objects: [] }),
      /newer kubecanvas/,
    ],
    ['a file that is not JSON', 'apiVersion: v1', /not a kubecanvas project file/],
    ['JSON without a format version', '{"objects":[]}', /formatVersion is missing/],
  ])('refuses %s with a clear message', (_name, text, message) => {
    expect(() => loadProject(text)).toThrow(ProjectError);
    expect(() => loadProject(text)).toThrow(message);
  });

  it('refuses objects nested deeper than manifests may be, in one message', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const text = `{"formatVersion":2,"objects":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":${deep}}]}`;
    expect(() => loadProject(text)).toThrow(ProjectError);
    expect(() => loadProject(text)).toThrow('nesting deeper than 200 levels is not supported');
  });
});
