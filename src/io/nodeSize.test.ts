/**
 * A Node in a plain manifest (`kubectl get nodes -o yaml`, or written by hand with status.capacity and
 * status.allocatable) imports as a machine of that size. The status shape is the Node's as the kubelet
 * reports it (pkg/kubelet/nodestatus/setters.go: MachineInfo sets capacity, and allocatable as capacity
 * less what the kubelet reserves).
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type KubeObject } from '../engine';
import { importManifests, nodeSize } from './import';

/** `kubectl get nodes -o yaml` from a GKE cluster, trimmed of images; in kubectl's shape and order. */
const GET_NODES = `apiVersion: v1
items:
- apiVersion: v1
  kind: Node
  metadata:
    annotations:
      container.googleapis.com/instance_id: "4412019712347765203"
      node.alpha.kubernetes.io/ttl: "0"
      volumes.kubernetes.io/controller-managed-attach-detach: "true"
    creationTimestamp: "2026-11-02T09:14:51Z"
    labels:
      beta.kubernetes.io/arch: amd64
      beta.kubernetes.io/instance-type: e2-standard-4
      beta.kubernetes.io/os: linux
      cloud.google.com/gke-nodepool: default-pool
      failure-domain.beta.kubernetes.io/region: europe-west1
      failure-domain.beta.kubernetes.io/zone: europe-west1-b
      kubernetes.io/arch: amd64
      kubernetes.io/hostname: gke-shop-default-pool-8d1c2a7e-x2k9
      kubernetes.io/os: linux
      node.kubernetes.io/instance-type: e2-standard-4
      topology.gke.io/zone: europe-west1-b
      topology.kubernetes.io/region: europe-west1
      topology.kubernetes.io/zone: europe-west1-b
    name: gke-shop-default-pool-8d1c2a7e-x2k9
    resourceVersion: "1184523"
    uid: 6b0e8c52-4f1d-4b53-9f5e-0d6a4a3c9e21
  spec:
    podCIDR: 10.52.1.0/24
    podCIDRs:
    - 10.52.1.0/24
    providerID: gce://shop-prod/europe-west1-b/gke-shop-default-pool-8d1c2a7e-x2k9
  status:
    addresses:
    - address: 10.132.0.14
      type: InternalIP
    - address: gke-shop-default-pool-8d1c2a7e-x2k9
      type: Hostname
    allocatable:
      cpu: 3920m
      ephemeral-storage: "47060071478"
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 13219452Ki
      pods: "110"
    capacity:
      cpu: "4"
      ephemeral-storage: 98831908Ki
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 16386172Ki
      pods: "110"
    conditions:
    - lastHeartbeatTime: "2026-11-30T10:02:11Z"
      lastTransitionTime: "2026-11-02T09:14:51Z"
      message: kubelet has sufficient memory available
      reason: KubeletHasSufficientMemory
      status: "False"
      type: MemoryPressure
    - lastHeartbeatTime: "2026-11-30T10:02:11Z"
      lastTransitionTime: "2026-11-02T09:15:12Z"
      message: kubelet is posting ready status
      reason: KubeletReady
      status: "True"
      type: Ready
    daemonEndpoints:
      kubeletEndpoint:
        Port: 10250
    nodeInfo:
      architecture: amd64
      bootID: 8f4f1f7a-3f6e-4c0a-8d0e-1b3b3b1f2c11
      containerRuntimeVersion: containerd://1.7.24
      kernelVersion: 6.1.112+
      kubeProxyVersion: v1.31.4-gke.1256000
      kubeletVersion: v1.31.4-gke.1256000
      machineID: 3c7c8e0f0f2a4a5d9d1f2e3a4b5c6d7e
      operatingSystem: linux
      osImage: Container-Optimized OS from Google
      systemUUID: 3c7c8e0f-0f2a-4a5d-9d1f-2e3a4b5c6d7e
kind: List
metadata:
  resourceVersion: ""
`;

type SizedNode = KubeObject & {
  status: { capacity: Record<string, string>; allocatable: Record<string, string> };
};

describe('a Node imported from a plain manifest has its size', () => {
  it('`kubectl get nodes -o yaml`: capacity and allocatable become the simulated machine, labels stay', async () => {
    const r = await importManifests(GET_NODES, 'nodes.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.objects).toHaveLength(1);
    const node = r.objects[0] as SizedNode;
    // Only the size is kept of the status: conditions, addresses and nodeInfo are the kubelet's.
    expect(node.status).toEqual({
      capacity: {
        cpu: '4',
        'ephemeral-storage': '98831908Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '16386172Ki',
        pods: '110',
      },
      allocatable: {
        cpu: '3920m',
        'ephemeral-storage': '47060071478',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '13219452Ki',
        pods: '110',
      },
    });
    expect(node.metadata.uid).toBeUndefined();
    expect(node.metadata.labels?.['topology.kubernetes.io/zone']).toBe('europe-west1-b');

    const sim = createCluster({ seed: 1 });
    for (const o of r.objects) sim.apply(o);
    sim.step(30_000);
    const live = sim.store.get('Node', undefined, node.metadata.name) as SizedNode;
    expect(live.status.capacity['cpu']).toBe('4');
    expect(live.status.allocatable['cpu']).toBe('3920m');
    expect(live.status.allocatable['memory']).toBe('13219452Ki');
    // The kubelet reports the rest of the status itself.
    expect(live.status).toHaveProperty('conditions');
  });

  it('a hand-written Node with only capacity is allocatable in full, as a kubelet reserving nothing reports it', async () => {
    const text = `apiVersion: v1
kind: Node
metadata:
  name: big
  labels:
    topology.kubernetes.io/zone: eu-1a
status:
  capacity:
    cpu: "16"
    memory: 64Gi
    pods: 250
    ephemeral-storage: 200Gi
`;
    const r = await importManifests(text, 'node.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const capacity = { cpu: '16', memory: '64Gi', pods: '250', 'ephemeral-storage': '200Gi' };
    expect(r.objects[0]?.status).toEqual({ capacity, allocatable: capacity });
  });

  it('allocatable not given for a resource is taken from capacity, one resource at a time', () => {
    expect(nodeSize({ capacity: { cpu: '8', memory: '32Gi' }, allocatable: { memory: '30Gi' } })).toEqual({
      capacity: { cpu: '8', memory: '32Gi' },
      allocatable: { cpu: '8', memory: '30Gi' },
    });
    expect(nodeSize({ conditions: [] })).toBeUndefined();
    expect(nodeSize(undefined)).toBeUndefined();
  });

  it('other kinds still ignore their status', async () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  a: "1"
status:
  capacity:
    cpu: "4"
`;
    const r = await importManifests(text, 'cm.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.objects[0]).not.toHaveProperty('status');
  });

  it('a size that is not a quantity is refused, naming the field', async () => {
    const text = `apiVersion: v1
kind: Node
metadata:
  name: n
status:
  capacity:
    cpu: lots
`;
    const r = await importManifests(text, 'node.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({
      line: 7,
      path: 'status.capacity.cpu',
      message: `invalid value at "status.capacity.cpu": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    });
  });
});
