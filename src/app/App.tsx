import { useEffect, useState } from 'react';
import { createCluster, type KubeObject, type Pod } from '../engine';
import { exampleCluster } from './exampleCluster';

interface View {
  time: number;
  nodes: KubeObject[];
  pods: Array<Pod & KubeObject>;
}

/** The app shell: runs the example cluster in the engine and draws nodes with their pods. */
export function App() {
  const [view, setView] = useState<View>({ time: 0, nodes: [], pods: [] });
  useEffect(() => {
    const sim = createCluster({ seed: 1 });
    for (const obj of exampleCluster()) sim.apply(obj);
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      sim.step(sim.now + (now - last));
      last = now;
      setView({
        time: sim.now,
        nodes: sim.store.list('Node'),
        pods: sim.store.list<Pod & KubeObject>('Pod'),
      });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, []);
  const pending = view.pods.filter((p) => !p.spec?.nodeName);
  return (
    <main className="min-h-screen bg-slate-50 p-6 text-slate-800">
      <header className="mb-4 flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold">kubecanvas</h1>
        <span className="text-sm text-slate-500">simulated time {(view.time / 1000).toFixed(1)} s</span>
      </header>
      <section aria-label="Nodes" className="flex flex-wrap gap-4">
        {view.nodes.map((n) => (
          <div
            key={n.metadata.name}
            data-kind="Node"
            data-name={n.metadata.name}
            data-namespace=""
            data-ready="true"
            aria-label={`Node ${n.metadata.name}`}
            className="w-64 rounded-lg border border-slate-300 bg-white p-3 shadow-sm"
          >
            <h2 className="mb-2 font-medium">{n.metadata.name}</h2>
            <ul className="flex flex-wrap gap-2">
              {view.pods
                .filter((p) => p.spec?.nodeName === n.metadata.name)
                .map((p) => (
                  <PodChip key={p.metadata.name} pod={p} />
                ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-label="Unscheduled" className="mt-4">
        <h2 className="text-sm text-slate-500">Unscheduled ({pending.length})</h2>
        <ul className="flex gap-2">
          {pending.map((p) => (
            <PodChip key={p.metadata.name} pod={p} />
          ))}
        </ul>
      </section>
    </main>
  );
}

function PodChip({ pod }: { pod: Pod & KubeObject }) {
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return (
    <li
      data-kind="Pod"
      data-name={pod.metadata.name}
      data-namespace={pod.metadata.namespace ?? 'default'}
      data-node={pod.spec?.nodeName ?? ''}
      data-phase={pod.status?.phase ?? 'Pending'}
      data-ready={String(ready)}
      aria-label={`Pod ${pod.metadata.name}`}
      className="rounded bg-blue-100 px-2 py-1 text-xs text-blue-900"
    >
      {pod.metadata.name}
    </li>
  );
}
