import type { KubeObject } from '../../../engine';

/** A Node as a cloud VM registers itself: capacity, Ready, hostname and zone labels. */
export function aNode(name: string, opts: { cpu?: string; memory?: string; zone?: string } = {}): KubeObject {
  const r = { cpu: opts.cpu ?? '2', memory: opts.memory ?? '4Gi', pods: '110' };
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' };
  if (opts.zone) labels['topology.kubernetes.io/zone'] = opts.zone;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: {},
    status: {
      capacity: r,
      allocatable: r,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
  };
}

const ZONES = ['zone-a', 'zone-b', 'zone-c'];

function nodes(n: number, zoned = false): KubeObject[] {
  return Array.from({ length: n }, (_, i) =>
    aNode(`node-${i + 1}`, zoned ? { zone: ZONES[i % ZONES.length] ?? 'zone-a' } : {}),
  );
}

/**
 * Designs a scene can start from (`design: {template: <name>}`), before its inline objects. Kept small and
 * local so that a deck file names only what every kubecanvas build knows.
 */
export const SCENE_TEMPLATES: Readonly<Record<string, () => KubeObject[]>> = {
  empty: () => [],
  'one-node': () => nodes(1),
  'two-nodes': () => nodes(2),
  'three-nodes': () => nodes(3),
  'three-zones': () => nodes(3, true),
};

/** Templates by name: each gives a fresh list of objects. */
export type TemplateRegistry = Readonly<Record<string, () => KubeObject[]>>;

/** The template's objects, or undefined when no template has that name. */
export function templateObjects(
  name: string,
  templates: TemplateRegistry = SCENE_TEMPLATES,
): KubeObject[] | undefined {
  return Object.hasOwn(templates, name) ? templates[name]?.() : undefined;
}
