/**
 * The live status of an object, the way `kubectl get` / `describe` would summarise it: for a Pod its
 * STATUS, READY, RESTARTS, IP, node, conditions and container states; for workloads their replica
 * counts; for Nodes their conditions and capacity; for Services their IP and ports. Values are text.
 */
import {
  podCells,
  serviceDnsName,
  type ContainerStatus,
  type KubeObject,
  type Node,
  type NodeCondition,
  type Pod,
  type PodCondition,
  type Service,
} from '../../engine';
import { age } from './kubectlFormat';
import { endpointsSummary, type EndpointRow } from './serviceEndpoints';

export interface LiveStatusProps {
  object: KubeObject;
  /** Simulated ms, for ages. */
  now: number;
  /** A Service's endpoints (from its EndpointSlices). */
  endpoints?: readonly EndpointRow[];
}

type Condition = Pick<PodCondition | NodeCondition, 'type' | 'status' | 'reason' | 'message'>;

function Facts({ rows }: { rows: ReadonlyArray<[string, string]> }) {
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-2 gap-y-0.5 text-xs">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-400">{k}</dt>
          <dd className="break-all font-mono text-slate-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The status of a condition when all is well: False for a node's pressure conditions, True otherwise. */
export function healthyStatus(type: string): string {
  return /Pressure$|^NetworkUnavailable$/.test(type) ? 'False' : 'True';
}

function Conditions({ conditions }: { conditions: readonly Condition[] | undefined }) {
  if (!conditions?.length) return null;
  return (
    <table className="w-full text-left text-xs" aria-label="Conditions">
      <thead className="text-slate-400">
        <tr>
          <th className="font-normal">Type</th>
          <th className="font-normal">Status</th>
          <th className="font-normal">Reason</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {conditions.map((c) => (
          <tr key={c.type} title={c.message ?? ''} className="align-top">
            <td className="pr-2">{c.type}</td>
            <td
              className={`pr-2 ${c.status === healthyStatus(c.type) ? 'text-emerald-400' : 'text-amber-400'}`}
            >
              {c.status}
            </td>
            <td className="break-all">{c.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A container's state as `kubectl describe pod` prints it: Running / Waiting (reason) / Terminated. */
export function containerStateText(c: ContainerStatus): string {
  const s = c.state;
  if (s?.running) return 'Running';
  if (s?.waiting) return `Waiting (${s.waiting.reason ?? ''})`;
  if (s?.terminated) return `Terminated (${s.terminated.reason ?? `exit code ${s.terminated.exitCode}`})`;
  return 'Waiting';
}

function PodStatusView({ pod, now }: { pod: Pod & KubeObject; now: number }) {
  const s = podCells(pod, now);
  return (
    <div className="flex flex-col gap-2">
      <Facts
        rows={[
          ['Status', s.status],
          ['Ready', s.ready],
          ['Restarts', s.restarts],
          ['Phase', pod.status?.phase ?? 'Pending'],
          ['Node', pod.spec?.nodeName ?? '<none>'],
          ['Pod IP', pod.status?.podIP ?? '<none>'],
          ['QoS class', pod.status?.qosClass ?? ''],
          ['Age', age(pod.metadata.creationTimestamp, now)],
        ]}
      />
      <Conditions conditions={pod.status?.conditions} />
      {(pod.status?.containerStatuses ?? []).map((c) => (
        <div key={c.name} className="rounded p-1.5 bg-slate-800/60">
          <p className="text-xs font-semibold">Container {c.name}</p>
          <Facts
            rows={[
              ['State', containerStateText(c)],
              ['Ready', String(c.ready)],
              ['Restart count', String(c.restartCount)],
              ['Image', c.image],
              ...(c.lastState?.terminated
                ? ([['Last state', `Terminated (${c.lastState.terminated.reason ?? ''})`]] as [
                    string,
                    string,
                  ][])
                : []),
            ]}
          />
        </div>
      ))}
    </div>
  );
}

type WorkloadStatus = {
  replicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  active?: number;
  succeeded?: number;
  failed?: number;
  conditions?: Condition[];
};

function WorkloadStatusView({ o, now }: { o: KubeObject; now: number }) {
  const st = (o.status ?? {}) as WorkloadStatus;
  const desired = (o.spec as { replicas?: number } | undefined)?.replicas;
  const rows: Array<[string, string]> =
    o.kind === 'DaemonSet'
      ? [
          ['Desired', String(st.desiredNumberScheduled ?? 0)],
          ['Current', String(st.currentNumberScheduled ?? 0)],
          ['Ready', String(st.numberReady ?? 0)],
        ]
      : o.kind === 'Job'
        ? [
            ['Active', String(st.active ?? 0)],
            ['Succeeded', String(st.succeeded ?? 0)],
            ['Failed', String(st.failed ?? 0)],
          ]
        : [
            ['Ready', `${st.readyReplicas ?? 0}/${desired ?? st.replicas ?? 0}`],
            ['Up-to-date', String(st.updatedReplicas ?? 0)],
            ['Available', String(st.availableReplicas ?? 0)],
          ];
  rows.push(['Age', age(o.metadata.creationTimestamp, now)]);
  return (
    <div className="flex flex-col gap-2">
      <Facts rows={rows} />
      <Conditions conditions={st.conditions} />
    </div>
  );
}

function NodeStatusView({ node, now }: { node: Node & KubeObject; now: number }) {
  const alloc = node.status?.allocatable ?? {};
  return (
    <div className="flex flex-col gap-2">
      <Facts
        rows={[
          ['Schedulable', node.spec?.unschedulable ? 'No (cordoned)' : 'Yes'],
          [
            'Allocatable',
            `cpu ${alloc['cpu'] ?? '?'}, memory ${alloc['memory'] ?? '?'}, pods ${alloc['pods'] ?? '?'}`,
          ],
          [
            'Taints',
            (node.spec?.taints ?? [])
              .map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
              .join(', ') || '<none>',
          ],
          ['Age', age(node.metadata.creationTimestamp, now)],
        ]}
      />
      <Conditions conditions={node.status?.conditions} />
    </div>
  );
}

function ServiceStatusView({
  svc,
  now,
  endpoints,
}: {
  svc: Service & KubeObject;
  now: number;
  endpoints: readonly EndpointRow[];
}) {
  const ports = (svc.spec?.ports ?? [])
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
  const lb = svc.status?.loadBalancer?.ingress?.map((i) => i.ip ?? i.hostname).join(',');
  const target = svc.spec?.ports?.[0]?.targetPort;
  return (
    <div className="flex flex-col gap-2">
      <Facts
        rows={[
          ['Type', svc.spec?.type ?? 'ClusterIP'],
          ['Cluster IP', svc.spec?.clusterIP ?? '<none>'],
          ['DNS name', serviceDnsName(svc)],
          ['External IP', lb || (svc.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>')],
          ['Ports', ports || '<none>'],
          [
            'Endpoints',
            endpointsSummary(endpoints, typeof target === 'number' ? target : svc.spec?.ports?.[0]?.port),
          ],
          ['Age', age(svc.metadata.creationTimestamp, now)],
        ]}
      />
      {endpoints.length > 0 && (
        <table className="w-full text-left text-xs" aria-label="Endpoints">
          <thead className="text-slate-400">
            <tr>
              <th className="font-normal">Pod</th>
              <th className="font-normal">Address</th>
              <th className="font-normal">Ready</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {endpoints.map((e) => (
              <tr key={`${e.pod}/${e.address}`} className="align-top">
                <td className="pr-2 break-all">{e.pod}</td>
                <td className="pr-2">{e.address}</td>
                <td className={e.ready ? 'text-emerald-400' : 'text-amber-400'}>
                  {String(e.ready)}
                  {e.terminating ? ' (terminating)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function LiveStatus({ object, now, endpoints = [] }: LiveStatusProps) {
  switch (object.kind) {
    case 'Pod':
      return <PodStatusView pod={object as Pod & KubeObject} now={now} />;
    case 'Node':
      return <NodeStatusView node={object as Node & KubeObject} now={now} />;
    case 'Service':
      return <ServiceStatusView svc={object as Service & KubeObject} now={now} endpoints={endpoints} />;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return <WorkloadStatusView o={object} now={now} />;
    default:
      return (
        <div className="flex flex-col gap-2">
          <Facts rows={[['Age', age(object.metadata.creationTimestamp, now)]]} />
          <Conditions conditions={(object.status as { conditions?: Condition[] } | undefined)?.conditions} />
        </div>
      );
  }
}
