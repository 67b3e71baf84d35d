/**
 * Hooks for `npm run bench` (bench/browser.bench.ts), installed on `window.__kubecanvasBench` only when
 * the page's URL has `?bench`: they load a generated cluster of a given size and time an import in the
 * page, so the browser figures measure the real app. A person never sees them.
 */
import type { KubeObject } from '../engine';
import { importText, loadDesign, play, setSpeed } from '../store';

/** A cluster of `nodes` Nodes (8 CPU, 32 GiB each) and Deployments totalling `pods` replicas. */
export function generatedCluster(nodes: number, pods: number): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let i = 1; i <= nodes; i++) {
    const r = { cpu: '8', memory: '32Gi', pods: '110' };
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${i}`,
        labels: {
          'kubernetes.io/hostname': `node-${i}`,
          'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}`,
        },
      },
      status: { capacity: r, allocatable: r },
    });
  }
  const perDeployment = 50;
  for (let d = 0; d * perDeployment < pods; d++) {
    const labels = { app: `app-${d}` };
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${d}`, namespace: 'default', labels },
      spec: {
        replicas: Math.min(perDeployment, pods - d * perDeployment),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              { name: 'app', image: `app:${d}`, resources: { requests: { cpu: '50m', memory: '64Mi' } } },
            ],
          },
        },
      },
    });
  }
  return objects;
}

/** Installs the hooks when the URL asks for them. */
export function installBenchHooks(search: string): void {
  if (!new URLSearchParams(search).has('bench')) return;
  (window as unknown as { __kubecanvasBench: unknown }).__kubecanvasBench = {
    async loadGenerated(nodes: number, pods: number): Promise<void> {
      loadDesign(generatedCluster(nodes, pods), { seed: 1 });
      setSpeed(10);
      play();
    },
    async importText(text: string): Promise<number> {
      const started = performance.now();
      const outcome = await importText(text, 'bench.yaml');
      if (!outcome.ok) throw new Error(outcome.errors[0] ?? 'import failed');
      return performance.now() - started;
    },
  };
}
