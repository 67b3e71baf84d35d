/**
 * A node's kubelet as a machine-level agent: whether the machine is up (the simulator's fault
 * annotation), its container runtime (image cache, serialized puller), its pod IPs from the node's
 * podCIDR, the node status it posts (conditions, addresses, nodeInfo, images; pkg/kubelet/nodestatus)
 * and its Lease in kube-node-lease, renewed every 10 s (pkg/kubelet/nodelease).
 */
import { KUBERNETES_VERSION } from '../api/version';
import { timestamp } from '../api/time';
import type { KubeObject, Node, NodeCondition, NodeStatus } from '../api/types';
import { NODE_FAULT_ANNOTATION } from '../behavior';
import type { NodeRuntime } from './containers';
import { ImageCache } from './images';

/** kubelet's nodeLeaseDurationSeconds and its renew interval (a quarter of it, as upstream). */
export const LEASE_DURATION_SECONDS = 40;
/** How often the kubelet renews its Lease (a quarter of its duration). */
export const LEASE_RENEW_MS = 10_000;
/** nodeStatusReportFrequency: status is posted at least this often even when nothing changed. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** The Kubernetes version the simulated kubelets report: the cluster's one version. */
export const KUBELET_VERSION = KUBERNETES_VERSION;

/** The machine behind a Node: up or down, and what its kubelet keeps in memory. */
export class NodeAgent implements NodeRuntime {
  readonly images = new ImageCache();
  pullFreeAtMs = 0;
  up = true;
  /** The kubelet has posted its status at least once since it (re)started. */
  posted = false;
  lastStatusMs = -Infinity;
  readonly hostIP: string;
  private cidrBase: string | undefined;
  private nextHost = 2;
  private readonly used = new Set<string>();
  /** The registration labels have been checked. */
  labelled = false;
  /** When the next Lease renewal is due (its timer is pending). */
  heartbeatAtMs: number | undefined;

  constructor(
    readonly name: string,
    readonly index: number,
  ) {
    this.hostIP = `10.0.${Math.floor(index / 200)}.${(index % 200) + 10}`;
  }

  /** Reads the fault annotation and the podCIDR from the node object. */
  observe(node: Node & KubeObject): void {
    this.up = node.metadata.annotations?.[NODE_FAULT_ANNOTATION] !== 'down';
    const cidr = node.spec?.podCIDR;
    if (cidr) this.cidrBase = cidr.split('/')[0]?.split('.').slice(0, 3).join('.');
  }

  /**
   * A pod IP from the node's podCIDR, as the host-local IPAM plugin gives them: the next free address
   * after the last one given, .2 to .254 (.1 is the bridge). Without a podCIDR, 10.244.<index>.0/24.
   */
  allocateIP(): string {
    const base = this.cidrBase ?? `10.244.${this.index}`;
    for (let tries = 0; tries < 253; tries++) {
      const ip = `${base}.${this.nextHost}`;
      this.nextHost = this.nextHost >= 254 ? 2 : this.nextHost + 1;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    return `${base}.255`;
  }

  releaseIP(ip: string | undefined): void {
    if (ip) this.used.delete(ip);
  }
}

const CONDITIONS: Array<[string, string, string]> = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'KubeletReady', 'kubelet is posting ready status'],
];

const DEFAULT_CAPACITY = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };

/** The node status the kubelet posts now (conditions keep their transition times when unchanged). */
export function kubeletNodeStatus(node: Node & KubeObject, agent: NodeAgent, nowMs: number): NodeStatus {
  const prev = node.status ?? {};
  const old = new Map((prev.conditions ?? []).map((c) => [c.type, c]));
  const conditions: NodeCondition[] = CONDITIONS.map(([type, reason, message]) => {
    const status = type === 'Ready' ? 'True' : 'False';
    const o = old.get(type);
    const since = o && o.status === status && o.lastTransitionTime ? o.lastTransitionTime : timestamp(nowMs);
    return { type, status, lastHeartbeatTime: timestamp(nowMs), lastTransitionTime: since, reason, message };
  });
  const labels = node.metadata.labels ?? {};
  const capacity = prev.capacity ?? DEFAULT_CAPACITY;
  return {
    ...prev,
    capacity,
    allocatable: prev.allocatable ?? capacity,
    conditions,
    addresses: [
      { type: 'InternalIP', address: agent.hostIP },
      { type: 'Hostname', address: node.metadata.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: '6.8.0-kubecanvas',
      osImage: 'Ubuntu 24.04 LTS',
      containerRuntimeVersion: 'containerd://1.7.24',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: labels['kubernetes.io/os'] ?? 'linux',
      architecture: labels['kubernetes.io/arch'] ?? 'amd64',
    },
    images: agent.images.statusImages(),
  };
}

/** Whether two node statuses differ in more than their heartbeat times. */
export function statusChanged(a: NodeStatus | undefined, b: NodeStatus): boolean {
  const strip = (s: NodeStatus | undefined) =>
    JSON.stringify({
      ...s,
      conditions: (s?.conditions ?? []).map(({ lastHeartbeatTime: _h, ...c }) => c),
    });
  return strip(a) !== strip(b);
}

/** The node's Lease (coordination.k8s.io/v1) as the kubelet renews it. */
export function nodeLease(node: Node & KubeObject, nowMs: number, existing?: KubeObject): KubeObject {
  return {
    ...(existing ?? {}),
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: existing?.metadata ?? {
      name: node.metadata.name,
      namespace: 'kube-node-lease',
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid ?? '' },
      ],
    },
    spec: {
      holderIdentity: node.metadata.name,
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      renewTime: timestamp(nowMs).replace('Z', '.000000Z'),
    },
  };
}
