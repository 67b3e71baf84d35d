import { useObject, useObjectKeys, useSimTime } from '../store';
import type { KubeObject, Pod } from '../engine';

/** The app shell: draws the nodes of the live simulation with their pods. */
export function App() {
  const time = useSimTime();
  const nodes = useObjectKeys('Node');
  const pods = useObjectKeys('Pod');
  return (
    <main className="min-h-screen bg-slate-50 p-6 text-slate-800">
      <header className="mb-4 flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold">kubecanvas</h1>
        <span className="text-sm text-slate-500">simulated time {(time / 1000).toFixed(1)} s</span>
      </header>
      <section aria-label="Nodes" className="flex flex-wrap gap-4">
        {nodes.map((k) => (
          <NodeCard key={k} nodeKey={k} />
        ))}
      </section>
      <ul aria-label="Pods" className="mt-4 flex gap-2">
        {pods.map((k) => (
          <PodChip key={k} podKey={k} />
        ))}
      </ul>
    </main>
  );
}

function NodeCard({ nodeKey }: { nodeKey: string }) {
  const n = useObject<KubeObject>(nodeKey);
  if (!n) return null;
  return (
    <div
      data-kind="Node"
      data-name={n.metadata.name}
      data-namespace=""
      data-ready="true"
      className="w-64 rounded-lg border border-slate-300 bg-white p-3"
    >
      {n.metadata.name}
    </div>
  );
}

function PodChip({ podKey }: { podKey: string }) {
  const pod = useObject<Pod & KubeObject>(podKey);
  if (!pod) return null;
  return (
    <li
      data-kind="Pod"
      data-name={pod.metadata.name}
      data-namespace={pod.metadata.namespace ?? 'default'}
      data-node={pod.spec?.nodeName ?? ''}
      data-phase={pod.status?.phase ?? 'Pending'}
      className="rounded bg-blue-100 px-2 py-1 text-xs text-blue-900"
    >
      {pod.metadata.name}
    </li>
  );
}
