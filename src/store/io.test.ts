import { describe, expect, it } from 'vitest';
import { keyOf } from '../engine';
import { followDocument, undo } from './commands';
import { createDeck, deckStore, loadDecks } from './deck';
import { documentStore } from './document';
import { exportProject, exportYamlOf, importText, mergeByRank, objectsToExport, splitPoint } from './io';
import { getSimulation } from './runtime';
import { exampleCluster } from './templates';

describe('project files', () => {
  it("carry the user's decks with the design, and bring them back when opened", async () => {
    documentStore.setState({ objects: exampleCluster(), positions: {}, seed: 1 });
    loadDecks([]);
    createDeck('My talk', '# Hello\n\n---\n\n# Second slide\n');
    const file = await exportProject();
    loadDecks([]);
    expect(deckStore.getState().decks.some((d) => d.name === 'My talk')).toBe(false);
    const outcome = await importText(file, 'talk.kubecanvas.json');
    expect(outcome).toEqual({ ok: true, count: exampleCluster().length });
    const deck = deckStore.getState().decks.find((d) => d.name === 'My talk');
    expect(deck?.markdown).toBe('# Hello\n\n---\n\n# Second slide\n');
  });
});

describe('importing manifests', () => {
  const manifest = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
      - name: cart
        image: cart:1.0
`;

  it('adds every object as one undo entry; undo takes them all out again', async () => {
    followDocument();
    documentStore.setState({ objects: exampleCluster(), positions: {}, seed: 1 });
    documentStore.temporal.getState().clear();
    const before = documentStore.getState().objects;
    const outcome = await importText(manifest, 'shop.yaml');
    expect(outcome).toMatchObject({ ok: true, count: 2 });
    // Where the time went (the bench reports it): loading is part of the whole.
    const timings = outcome.ok ? outcome.timings : undefined;
    expect(timings?.loaded).toBeGreaterThanOrEqual(timings?.load ?? Infinity);
    const keys = documentStore.getState().objects.map(keyOf);
    expect(keys).toContain('Namespace//shop');
    expect(keys).toContain('Deployment/shop/cart');
    expect(documentStore.temporal.getState().pastStates).toHaveLength(1);
    expect(getSimulation().store.getByKey('Deployment/shop/cart')).toBeDefined();
    undo();
    expect(documentStore.getState().objects).toBe(before);
  });

  it('changes nothing when the file has an error, and names its line', async () => {
    documentStore.setState({ objects: exampleCluster(), positions: {}, seed: 1 });
    const before = documentStore.getState().objects;
    const outcome = await importText(
      manifest.replace('image: cart:1.0', 'image: cart:1.0\n        imagePullPolicy: Sometimes'),
      'shop.yaml',
    );
    expect(outcome).toEqual({
      ok: false,
      errors: [
        'shop.yaml:24:9 Deployment cart: unsupported value "Sometimes" at "spec.template.spec.containers[0].imagePullPolicy": supported values: "Always", "IfNotPresent", "Never"',
      ],
    });
    expect(documentStore.getState().objects).toBe(before);
  });

  it('changes nothing when cancelled', async () => {
    documentStore.setState({ objects: exampleCluster(), positions: {}, seed: 1 });
    const before = documentStore.getState().objects;
    const controller = new AbortController();
    const pending = importText(manifest, 'shop.yaml', { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ ok: false, errors: [], cancelled: true });
    expect(documentStore.getState().objects).toBe(before);
  });
});

describe('exporting YAML from the design', () => {
  it('counts exactly what each export writes: design, selection, namespace, with or without the simulation', async () => {
    const objects = exampleCluster();
    documentStore.setState({ objects, positions: {}, seed: 1 });
    const keys = objects.filter((o) => o.kind === 'Node' || o.kind === 'Deployment').map(keyOf);
    for (const includeSimulation of [false, true])
      for (const options of [{}, { keys }, { namespace: 'default' }, { namespace: 'nowhere' }]) {
        const text = await exportYamlOf({ includeSimulation, ...options });
        const written = text ? text.split(/^---$/m).length : 0;
        expect(written, JSON.stringify({ includeSimulation, options })).toBe(
          objectsToExport({ includeSimulation, ...options }).length,
        );
      }
    // The design has three Nodes: a real cluster gets none of them.
    expect(await exportYamlOf()).not.toContain('kind: Node');
    expect(objectsToExport({ includeSimulation: true, keys }).map((o) => o.kind)).toContain('Node');
  });

  it('round-trips the design with the simulation: objects and node sizes', async () => {
    const resized = exampleCluster().map((o) =>
      o.kind === 'Node' && o.metadata.name === 'node-1'
        ? {
            ...o,
            status: {
              capacity: { cpu: '8', memory: '4Gi', pods: '110' },
              allocatable: { cpu: '8', memory: '4Gi', pods: '110' },
            },
          }
        : o,
    );
    documentStore.setState({ objects: resized, positions: {}, seed: 1 });
    const text = await exportYamlOf({ includeSimulation: true });
    documentStore.setState({ objects: [], positions: {}, seed: 1 });
    expect(await importText(text, 'design.yaml')).toMatchObject({ ok: true, count: resized.length });
    const byKey = new Map(documentStore.getState().objects.map((o) => [keyOf(o), o]));
    for (const o of resized) expect(byKey.get(keyOf(o))).toEqual(o);
  });
});

describe('reading a big file in two parts at once', () => {
  /** Namespaces, Services and Deployments interleaved, so apply order moves objects across the split. */
  const text = Array.from(
    { length: 40 },
    (_, i) =>
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 4}
spec:
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: app
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 4}
spec:
  selector:
    app: app-${i}
  ports:
  - port: 80
${i % 10 === 9 ? `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${(i - 9) / 10}\n` : ''}`,
  ).join('---\n');

  it('splits at a document start after the middle, and its parts merged by rank are the whole file', async () => {
    const io = await import('../io');
    const schema = await io.loadSchema();
    const split = splitPoint(text);
    expect(split).toBeGreaterThanOrEqual(text.length / 2);
    expect(text.slice(split).startsWith('---\n')).toBe(true);
    const whole = io.importManifestsWith(text, 'big.yaml', schema, { namespaces: new Set(['default']) });
    if (!whole.ok) throw new Error('the file is valid');
    const parts = [text.slice(0, split), text.slice(split)].map((t) =>
      io.importPartWith(t, 'big.yaml', schema, text.length, { namespaces: new Set(['default']) }),
    );
    const [a, b] = parts;
    if (!a || !b) throw new Error('both parts are plainly valid');
    // The first part creates team-0 and team-1; the second needs them and creates team-2 and team-3.
    expect(a.creates).toEqual(['team-0', 'team-1']);
    expect(b.creates).toEqual(['team-2', 'team-3']);
    expect(a.needs.sort()).toEqual(['team-2', 'team-3']);
    expect(b.needs.sort()).toEqual(['team-0', 'team-1']);
    expect(mergeByRank([a, b])).toEqual(whole.objects);
    expect(
      mergeByRank([a, b])
        .slice(0, 4)
        .map((o) => o.kind),
    ).toEqual(Array(4).fill('Namespace'));
  });

  it('leaves a part that is not plainly valid to the whole-file import, which says where', async () => {
    const io = await import('../io');
    const schema = await io.loadSchema();
    const bad = text.replace('name: app-30\n  namespace', 'name: app-30\n  replica: 2\n  namespace');
    const split = splitPoint(bad);
    expect(io.importPartWith(bad.slice(0, split), 'big.yaml', schema, bad.length)).toBeDefined();
    expect(io.importPartWith(bad.slice(split), 'big.yaml', schema, bad.length)).toBeUndefined();
    const whole = io.importManifestsWith(bad, 'big.yaml', schema);
    expect(whole.ok).toBe(false);
    if (whole.ok) return;
    const line = bad.slice(0, bad.indexOf('  replica: 2')).split('\n').length;
    expect(io.format(whole.issues[0] as never)).toBe(
      `big.yaml:${line}:3 Deployment app-30: unknown field "metadata.replica"`,
    );
  });

  it('finds no split in a text without a document start after its middle', () => {
    expect(splitPoint('apiVersion: v1\nkind: List\nitems: []\n')).toBe(-1);
  });
});
