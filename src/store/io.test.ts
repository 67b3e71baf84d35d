import { describe, expect, it } from 'vitest';
import { keyOf } from '../engine';
import { followDocument, undo } from './commands';
import { createDeck, deckStore, loadDecks } from './deck';
import { documentStore } from './document';
import { exportProject, importText } from './io';
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
