import { beforeEach, describe, expect, it } from 'vitest';
import { keyOf, toYaml, type KubeObject, type Pod } from '../engine';
import { addObject, followDocument, loadDesign, moveObjects, redo, undo, updateObject } from './commands';
import { documentStore } from './document';
import { applyEdit, checkManifests } from './edit';
import { getSimulation } from './runtime';
import { select, sessionStore } from './session';
import { exampleCluster } from './templates';

const history = () => documentStore.temporal.getState();
const keys = () => documentStore.getState().objects.map(keyOf);
const text = (objects: readonly KubeObject[]) => objects.map((o) => toYaml(o)).join('---\n');
const pods = () => getSimulation().store.list<Pod & KubeObject>('Pod');

beforeEach(() => {
  followDocument();
  loadDesign(exampleCluster(), { seed: 1 });
  history().clear();
  select(null);
});

describe('checkManifests: the import check, changing nothing', () => {
  it('names each problem at its file, line and column, as the import does', async () => {
    const shown = documentStore.getState().objects;
    const edited = text(shown).replace('replicas: 3', 'replicas: three');
    const r = await checkManifests(edited, 'design.yaml');
    expect(r.ok).toBe(false);
    const line = edited.split('\n').findIndex((l) => l.includes('replicas: three')) + 1;
    expect(r.ok ? [] : r.errors).toEqual([
      expect.stringMatching(new RegExp(`^design\\.yaml:${line}:\\d+ Deployment web: .*spec\\.replicas`)),
    ]);
    expect(documentStore.getState().objects).toBe(shown);
    expect(history().pastStates).toHaveLength(0);
  });

  it('hands back the objects, with their namespace, when the text is valid', async () => {
    const r = await checkManifests(text(documentStore.getState().objects), 'design.yaml');
    expect(r.ok && r.objects.map(keyOf).sort()).toEqual([...keys()].sort());
  });
});

describe('applyEdit: an edit of the YAML panel as one undoable command', () => {
  it('renames a Node in place: one undo step, its position kept, the simulation follows', async () => {
    moveObjects({ 'Node//node-1': { x: 40, y: 50 } });
    history().clear();
    const shown = documentStore.getState().objects;
    const before = keys();
    const edited = text(shown).replace(/^ {2}name: node-1$/m, '  name: edge-1');
    const r = await applyEdit(edited, 'design.yaml', shown);
    expect(r).toEqual({ ok: true, changed: 0, added: 0, removed: 0, renamed: 1, warnings: [] });
    expect(keys()).toEqual(before.map((k) => (k === 'Node//node-1' ? 'Node//edge-1' : k)));
    expect(documentStore.getState().positions).toEqual({ 'Node//edge-1': { x: 40, y: 50 } });
    // The authored capacity (the Node's status in the text) goes with it.
    const edge = documentStore.getState().objects.find((o) => keyOf(o) === 'Node//edge-1');
    expect(edge?.status).toEqual(shown.find((o) => keyOf(o) === 'Node//node-1')?.status);
    expect(getSimulation().store.get('Node', undefined, 'edge-1')).toBeDefined();
    expect(getSimulation().store.get('Node', undefined, 'node-1')).toBeUndefined();
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(keys()).toEqual(before);
    expect(documentStore.getState().positions).toEqual({ 'Node//node-1': { x: 40, y: 50 } });
    expect(getSimulation().store.get('Node', undefined, 'node-1')).toBeDefined();
    expect(getSimulation().store.get('Node', undefined, 'edge-1')).toBeUndefined();
    redo();
    expect(keys()).toContain('Node//edge-1');
  });

  it("applies a Node's capacity edited in the text (its authored status)", async () => {
    const shown = documentStore.getState().objects;
    const node1 = shown.find((o) => keyOf(o) === 'Node//node-1') as KubeObject;
    const edited = toYaml(node1).replace(/cpu: "2"/g, 'cpu: "8"');
    const r = await applyEdit(edited, 'node.yaml', [node1], { only: 'Node//node-1' });
    expect(r).toMatchObject({ ok: true, changed: 1 });
    const after = documentStore.getState().objects.find((o) => keyOf(o) === 'Node//node-1');
    expect(after?.status).toMatchObject({ capacity: { cpu: '8' }, allocatable: { cpu: '8' } });
  });

  it('changes nothing when the text has errors', async () => {
    const shown = documentStore.getState().objects;
    const r = await applyEdit(
      text(shown).replace(/^ {2}name: node-1$/m, '  name: Node_1'),
      'design.yaml',
      shown,
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/^design\.yaml:\d+:\d+ Node Node_1: /)]);
    expect(documentStore.getState().objects).toBe(shown);
    expect(history().pastStates).toHaveLength(0);
  });

  it('keeps changes made on the canvas meanwhile to objects the text did not change (a three-way merge)', async () => {
    const shown = documentStore.getState().objects;
    const edited = text(shown).replace('image: web:1.0', 'image: web:2.0');
    // While the person typed: a new Deployment and a change to a Node, on the canvas.
    addObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'api' }] },
        },
      },
    });
    updateObject('Node//node-2', (n) => ({ ...n, metadata: { ...n.metadata, labels: { disk: 'ssd' } } }));
    const r = await applyEdit(edited, 'design.yaml', shown);
    expect(r).toMatchObject({ ok: true, changed: 1, added: 0, removed: 0, renamed: 0 });
    const objects = documentStore.getState().objects;
    expect(objects.map(keyOf)).toContain('Deployment/default/api');
    expect(objects.find((o) => keyOf(o) === 'Node//node-2')?.metadata.labels).toEqual({ disk: 'ssd' });
    const web = objects.find((o) => keyOf(o) === 'Deployment/default/web') as KubeObject & {
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    };
    expect(web.spec.template.spec.containers[0]?.image).toBe('web:2.0');
    // One step back: the image edit only.
    undo();
    expect(documentStore.getState().objects.map(keyOf)).toContain('Deployment/default/api');
  });

  it('removes what the text took out (and the selection with it), adds what it added', async () => {
    const shown = documentStore.getState().objects;
    select('Deployment/default/web');
    const kept = shown.filter((o) => o.kind === 'Node');
    const added: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'default' },
      data: { mode: 'fast' },
    };
    const r = await applyEdit(text([...kept, added]), 'design.yaml', shown);
    expect(r).toMatchObject({ ok: true, changed: 0, added: 1, removed: 1, renamed: 0 });
    expect(keys()).toEqual([...kept.map(keyOf), 'ConfigMap/default/settings']);
    expect(sessionStore.getState().selection).toBeNull();
    expect(pods()).toHaveLength(0);
    expect(history().pastStates).toHaveLength(1);
  });

  it('the selected-object editor holds its object only: a changed name is refused, a changed field applied', async () => {
    const key = 'Deployment/default/web';
    const web = documentStore.getState().objects.find((o) => keyOf(o) === key) as KubeObject;
    const renamed = await applyEdit(toYaml(web).replace('name: web\n', 'name: web2\n'), 'w.yaml', [web], {
      only: key,
    });
    expect(renamed.ok).toBe(false);
    expect(renamed.ok ? [] : renamed.errors[0]).toContain('cannot change here');
    expect(keys()).not.toContain('Deployment/default/web2');
    const scaled = await applyEdit(toYaml(web).replace('replicas: 3', 'replicas: 5'), 'w.yaml', [web], {
      only: key,
    });
    expect(scaled).toMatchObject({ ok: true, changed: 1 });
    expect(pods().filter((p) => p.metadata.name.startsWith('web-'))).toHaveLength(5);
  });

  it('applies nothing (no undo entry) when the text equals what was shown', async () => {
    const shown = documentStore.getState().objects;
    const r = await applyEdit(text(shown), 'design.yaml', shown);
    expect(r).toMatchObject({ ok: true, changed: 0, added: 0, removed: 0, renamed: 0 });
    expect(history().pastStates).toHaveLength(0);
  });
});
