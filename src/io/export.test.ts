import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster, type KubeObject } from '../engine';
import { applyOrder } from './applyOrder';
import { exportManifests } from './export';
import { importManifests, withoutServerFields } from './import';

const obj = (kind: string, name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name },
  ...extra,
});

const docs = (yaml: string): unknown[] => parseAllDocuments(yaml).map((d) => d.toJS() as unknown);

describe('exporting', () => {
  it('writes objects in apply order, keeping the given order within a rank', () => {
    const kinds = [
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'Ingress',
      'Deployment',
      'Service',
      'Secret',
      'ConfigMap',
      'PersistentVolumeClaim',
      'PriorityClass',
      'StorageClass',
      'Namespace',
    ];
    expect(applyOrder(kinds.map((k) => ({ kind: k }))).map((o) => o.kind)).toEqual(
      [...kinds].reverse().map((k) => (k === 'ConfigMap' ? 'Secret' : k === 'Secret' ? 'ConfigMap' : k)),
    );
  });

  it('leaves out simulation annotations unless asked, and drops an emptied annotations map', () => {
    const cm = obj('ConfigMap', 'c', {
      metadata: { name: 'c', annotations: { 'kubecanvas.dev/behaviour': 'x' } },
    });
    expect(exportManifests([cm])).not.toContain('annotations');
    expect(exportManifests([cm], { includeSimulation: true })).toContain('kubecanvas.dev/behaviour: x');
  });

  it('leaves out simulator-only kinds (a NodeGroup) unless asked, since no API server knows them', () => {
    const group = { ...obj('NodeGroup', 'pool'), apiVersion: 'kubecanvas.dev/v1alpha1' };
    const cm = obj('ConfigMap', 'c');
    expect(exportManifests([group, cm])).not.toContain('NodeGroup');
    expect(exportManifests([group, cm], { includeSimulation: true })).toContain('kind: NodeGroup');
  });

  it('orders keys as kubectl writes them: apiVersion, kind, metadata, spec', () => {
    const svc = {
      spec: { ports: [{ port: 80 }] },
      metadata: { name: 's' },
      kind: 'Service',
      apiVersion: 'v1',
    } as KubeObject;
    expect(
      exportManifests([svc])
        .split('\n')
        .filter((l) => /^\S/.test(l)),
    ).toEqual(['apiVersion: v1', 'kind: Service', 'metadata:', 'spec:']);
  });

  it('exports one namespace, or the selection', () => {
    const a = obj('ConfigMap', 'a', { metadata: { name: 'a', namespace: 'x' } });
    const b = obj('ConfigMap', 'b', { metadata: { name: 'b', namespace: 'y' } });
    expect(docs(exportManifests([a, b], { namespace: 'y' }))).toEqual([b]);
    expect(docs(exportManifests([a, b], { selection: new Set(['ConfigMap/x/a']) }))).toEqual([a]);
  });

  it('quotes strings that would read back as other types', () => {
    const cm = obj('ConfigMap', 'q', { data: { a: 'true', b: '080', c: '1e3', d: 'null', e: '<b>&' } });
    expect(docs(exportManifests([cm]))).toEqual([cm]);
  });
});

describe('round trip of real manifests', () => {
  it.each(['nginx-deployment.yaml', 'ingress-nginx-deploy.yaml', 'microservices-demo.yaml'])(
    'importing %s and exporting keeps every field and value, and importing the export gives the same design',
    async (f) => {
      const text = readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8');
      const first = await importManifests(text, f);
      if (!first.ok) throw new Error(first.issues.map((i) => i.message).join('\n'));
      const sim = createCluster({ seed: 1 });
      for (const o of first.objects) sim.apply(o);
      const exported = exportManifests(sim.authored());
      const byKey = (os: unknown[]): Map<string, unknown> =>
        new Map((os as KubeObject[]).map((o) => [`${o.kind}/${o.metadata.name}`, o]));
      const original = byKey(first.objects.map((o) => withoutServerFields(o as Record<string, unknown>)));
      const back = byKey(docs(exported));
      expect(back.size).toBe(original.size);
      for (const [k, o] of original) {
        const b = back.get(k) as KubeObject;
        // The engine writes the default namespace of namespaced objects; nothing else may change.
        const meta = { ...b.metadata };
        if (meta.namespace === 'default' && !(o as KubeObject).metadata.namespace) delete meta.namespace;
        expect({ ...b, metadata: meta }).toEqual(o);
      }
      const second = await importManifests(exported, 'export.yaml');
      expect(second.ok).toBe(true);
      const sim2 = createCluster({ seed: 1 });
      if (second.ok) for (const o of second.objects) sim2.apply(o);
      expect(exportManifests(sim2.authored())).toBe(exported);
    },
  );
});
