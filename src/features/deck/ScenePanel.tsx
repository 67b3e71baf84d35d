import {
  NODE_FAULT_ANNOTATION,
  keyOf,
  milliValue,
  parseQuantity,
  podRequests,
  type KubeObject,
  type Pod,
  type Service,
} from '../../engine';
import {
  getSimulation,
  isPodReady,
  runCommand,
  updateObject,
  useObject,
  useObjectKeys,
  useSimTime,
  useSimVersion,
} from '../../store';

/**
 * The live cluster of a slide's scene, drawn compactly for an audience: nodes with their pods and CPU bar,
 * the pods waiting to be scheduled, and the Services with their virtual IPs. It follows the testability
 * contract of the canvas (data-kind, data-name, data-node, data-phase, data-ready). A node can be failed
 * and recovered from here, so the presenter can answer "what if that node dies?" live.
 */
export function ScenePanel() {
  const time = useSimTime();
  const nodes = useObjectKeys('Node');
  const pods = useObjectKeys('Pod');
  const services = useObjectKeys('Service');
  return (
    <section aria-label="Live cluster" className="flex h-full flex-col gap-3 overflow-auto p-4 text-sm">
      <div className="flex items-baseline justify-between text-slate-500">
        <span className="font-medium text-slate-700">Live cluster</span>
        <span data-testid="scene-time">simulated time {formatTime(time)}</span>
      </div>
      <div className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-3">
        {nodes.map((k) => (
          <NodeCard key={k} nodeKey={k} pods={pods} />
        ))}
      </div>
      <Unscheduled pods={pods} />
      {services.length > 0 && (
        <ul aria-label="Services" className="flex flex-wrap gap-2">
          {services.map((k) => (
            <ServiceChip key={k} serviceKey={k} />
          ))}
        </ul>
      )}
    </section>
  );
}

function formatTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function nodeReady(node: KubeObject): boolean {
  const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)
    ?.conditions;
  const ready = conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return ready && node.metadata.annotations?.[NODE_FAULT_ANNOTATION] !== 'down';
}

function NodeCard({ nodeKey, pods }: { nodeKey: string; pods: string[] }) {
  const node = useObject(nodeKey);
  if (!node) return null;
  const name = node.metadata.name;
  const ready = nodeReady(node);
  const failed = node.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down';
  return (
    <div
      data-kind="Node"
      data-name={name}
      data-namespace=""
      data-ready={String(ready)}
      aria-label={`Node ${name}`}
      className={`rounded-lg border-2 bg-white p-2 shadow-sm ${ready ? 'border-slate-300' : 'border-rose-400 bg-rose-50'}`}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="font-semibold">{name}</span>
        <button
          type="button"
          onClick={() => toggleFault(node, failed)}
          className="rounded border border-slate-300 px-1.5 text-xs text-slate-600 hover:bg-slate-100"
        >
          {failed ? 'recover' : 'fail'}
        </button>
      </div>
      {!ready && <div className="text-xs font-medium text-rose-700">NotReady</div>}
      <NodeCpu node={node} />
      <ul className="mt-2 flex flex-wrap gap-1">
        {pods.map((k) => (
          <PodOnNode key={k} podKey={k} nodeName={name} />
        ))}
      </ul>
    </div>
  );
}

/** Fails or recovers a node: the kubecanvas command when the engine has it, else the fault annotation. */
function toggleFault(node: KubeObject, failed: boolean): void {
  const r = runCommand(`kubecanvas node ${failed ? 'recover' : 'fail'} ${node.metadata.name}`);
  if (r.ok) return;
  updateObject(keyOf(node), (n) => {
    const annotations = { ...n.metadata.annotations };
    if (failed) delete annotations[NODE_FAULT_ANNOTATION];
    else annotations[NODE_FAULT_ANNOTATION] = 'down';
    return { ...n, metadata: { ...n.metadata, annotations } };
  });
}

function NodeCpu({ node }: { node: KubeObject }) {
  useSimVersion(); // the bar follows the pods bound to the node, frame by frame
  const allocatable = (node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable;
  const cpu = allocatable?.['cpu'];
  if (!cpu) return null;
  const total = milliValue(parseQuantity(cpu));
  let used = 0;
  for (const pod of getSimulation().store.podsOnNode(node.metadata.name)) used += podRequests(pod).milliCpu;
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  return (
    <div className="mt-1" title={`CPU requested ${used}m of ${total}m`}>
      <div className="h-1.5 w-full rounded bg-slate-200">
        <div className="h-1.5 rounded bg-emerald-500" style={{ width: `${pct}%` }} />
      </div>
      <div className="text-[10px] text-slate-500">cpu requested {pct}%</div>
    </div>
  );
}

export type PodLook =
  'Pending' | 'ContainerCreating' | 'Running' | 'Ready' | 'Terminating' | 'CrashLoopBackOff' | 'Failed';

/** How a pod looks to the audience, as `kubectl get pods` would name its state. */
export function podLook(pod: Pod & KubeObject): PodLook {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Failed') return 'Failed';
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting?.reason;
  if (waiting === 'CrashLoopBackOff') return 'CrashLoopBackOff';
  if (!pod.spec?.nodeName) return 'Pending';
  if (phase === 'Pending') return 'ContainerCreating';
  return isPodReady(pod) ? 'Ready' : 'Running';
}

const LOOK: Record<PodLook, string> = {
  Pending: 'bg-slate-200 text-slate-700',
  ContainerCreating: 'bg-amber-100 text-amber-900',
  Running: 'bg-sky-100 text-sky-900',
  Ready: 'bg-emerald-100 text-emerald-900',
  Terminating: 'bg-slate-100 text-slate-400 line-through',
  CrashLoopBackOff: 'bg-rose-200 text-rose-900',
  Failed: 'bg-rose-300 text-rose-950',
};

function PodChip({ pod }: { pod: Pod & KubeObject }) {
  const look = podLook(pod);
  const restarts = pod.status?.containerStatuses?.reduce((n, c) => n + (c.restartCount ?? 0), 0) ?? 0;
  return (
    <li
      data-kind="Pod"
      data-name={pod.metadata.name}
      data-namespace={pod.metadata.namespace ?? 'default'}
      data-node={pod.spec?.nodeName ?? ''}
      data-phase={pod.status?.phase ?? 'Pending'}
      data-ready={String(isPodReady(pod))}
      aria-label={`Pod ${pod.metadata.name} ${look}`}
      title={look}
      className={`rounded px-1.5 py-0.5 text-[11px] ${LOOK[look]}`}
    >
      {pod.metadata.name}
      {restarts > 0 && <span className="ml-1 font-semibold">↻{restarts}</span>}
    </li>
  );
}

function PodOnNode({ podKey, nodeName }: { podKey: string; nodeName: string }) {
  const pod = useObject<Pod & KubeObject>(podKey);
  if (!pod || pod.spec?.nodeName !== nodeName) return null;
  return <PodChip pod={pod} />;
}

function Unscheduled({ pods }: { pods: string[] }) {
  return (
    <div aria-label="Unscheduled pods" className="rounded-lg border border-dashed border-slate-300 p-2">
      <div className="mb-1 text-xs text-slate-500">Pending, not scheduled</div>
      <ul className="flex min-h-6 flex-wrap gap-1">
        {pods.map((k) => (
          <PendingPod key={k} podKey={k} />
        ))}
      </ul>
    </div>
  );
}

function PendingPod({ podKey }: { podKey: string }) {
  const pod = useObject<Pod & KubeObject>(podKey);
  if (!pod || pod.spec?.nodeName) return null;
  return <PodChip pod={pod} />;
}

function ServiceChip({ serviceKey }: { serviceKey: string }) {
  const svc = useObject<Service & KubeObject>(serviceKey);
  if (!svc) return null;
  const ip = svc.spec?.clusterIP;
  const external = svc.status?.loadBalancer?.ingress?.[0]?.ip;
  return (
    <li
      data-kind="Service"
      data-name={svc.metadata.name}
      data-namespace={svc.metadata.namespace ?? 'default'}
      className="rounded border border-violet-300 bg-violet-50 px-2 py-0.5 text-xs text-violet-900"
    >
      svc/{svc.metadata.name}
      {ip && <span className="ml-1 font-mono">{ip}</span>}
      {external && <span className="ml-1 font-mono">→ {external}</span>}
    </li>
  );
}
