import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createCluster, type KubeObject } from '../../engine';
import { importManifests, saveProject } from '../../io';
import { captureIo as capture } from '../testing';
import { main } from '../main';

const node = (name: string, cpu: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: {},
  status: {
    capacity: { cpu, memory: '4Gi', pods: '110' },
    allocatable: { cpu, memory: '4Gi', pods: '110' },
  },
});

/** A project as the app saves it: node-1 resized to 8 CPU, a node group, a Deployment written without a namespace. */
function project(): string {
  const labels = { app: 'web' };
  const objects: KubeObject[] = [
    node('node-1', '8'),
    node('node-2', '2'),
    {
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'NodeGroup',
      metadata: { name: 'pool' },
      spec: { minSize: 1, maxSize: 3, template: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    },
  ];
  return saveProject({ objects, layout: {}, decks: [], scenario: null });
}

const docs = (text: string): KubeObject[] => parseAllDocuments(text).map((d) => d.toJS() as KubeObject);

describe('kubecanvas export: what a real cluster gets, or the whole simulated design', () => {
  it('by default prints no Nodes or node groups, and no namespace the design did not write', async () => {
    const io = capture({ 'design.kubecanvas.json': project() });
    expect(await main(['export', 'design.kubecanvas.json'], io)).toBe(0);
    const out = docs(io.stdout.join(''));
    expect(out.map((o) => o.kind)).toEqual(['Deployment']);
    expect(out[0]?.metadata).toEqual({ name: 'web', labels: { app: 'web' } });
  });

  it('with --include-simulation prints everything, node sizes included, and importing it gives the same design', async () => {
    const io = capture({ 'design.kubecanvas.json': project() });
    expect(await main(['export', 'design.kubecanvas.json', '--include-simulation'], io)).toBe(0);
    const text = io.stdout.join('');
    expect(docs(text).map((o) => o.kind)).toEqual(['Node', 'Node', 'NodeGroup', 'Deployment']);
    const back = await importManifests(text, 'export.yaml');
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
    const sim = createCluster({ seed: 1 });
    for (const o of back.objects) sim.apply(o);
    const status = (name: string) =>
      (sim.store.get('Node', undefined, name) as { status: { capacity: Record<string, string> } }).status;
    expect(status('node-1').capacity['cpu']).toBe('8');
    expect(status('node-2').capacity['cpu']).toBe('2');
    // The export of the re-imported design is the same text: nothing lost, nothing added.
    const again = capture({ 'export.yaml': text });
    expect(await main(['export', 'export.yaml', '--include-simulation'], again)).toBe(0);
    expect(again.stdout.join('')).toBe(text);
  });

  it('refuses very deep nesting with one message naming where', async () => {
    const io = capture({ 'deep.yaml': `${'['.repeat(20_000)}${']'.repeat(20_000)}\n` });
    expect(await main(['validate', 'deep.yaml'], io)).toBe(1);
    expect(io.stdout).toEqual(['deep.yaml:1:201 nesting deeper than 200 levels is not supported']);
  });
});
