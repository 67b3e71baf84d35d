/**
 * Node IPAM (kube-controller-manager's nodeipam controller with the range allocator): gives every node
 * without one a spec.podCIDR from the cluster CIDR 10.244.0.0/16 in /24 blocks, lowest free first, and
 * keeps a node's block for as long as the node exists (a re-applied node that lost the field gets the same
 * one back). Upstream: pkg/controller/nodeipam/ipam/range_allocator.go.
 */
import type { KubeObject, Node } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';

type N = Node & KubeObject;

/** kubeadm's usual --cluster-cidr with flannel, split in /24 per node (--node-cidr-mask-size 24). */
export const CLUSTER_CIDR = '10.244.0.0/16';

/** The node IPAM controller (`node-ipam-controller`). */
export class NodeIpamController implements Controller {
  readonly name = 'node-ipam-controller';
  private readonly byNode = new Map<string, number>();
  private readonly used = new Set<number>();

  setup(s: ControllerSetup): void {
    for (const n of s.store.each<N>('Node')) this.observe(n, s.enqueue);
    s.watch('Node', (e) => {
      const n = e.object as N;
      if (e.type === 'DELETED') {
        const block = this.byNode.get(n.metadata.name);
        if (block !== undefined) this.used.delete(block);
        this.byNode.delete(n.metadata.name);
        return;
      }
      this.observe(n, s.enqueue);
    });
  }

  private observe(n: N, enqueue: (k: string) => void): void {
    const cidr = n.spec?.podCIDR;
    const block = cidr ? blockOf(cidr) : undefined;
    if (block !== undefined && !this.byNode.has(n.metadata.name)) {
      this.byNode.set(n.metadata.name, block);
      this.used.add(block);
    }
    if (!cidr) enqueue(n.metadata.name);
  }

  sync(name: string, ctx: ControllerContext): void {
    const node = ctx.store.get<N>('Node', undefined, name);
    if (!node || node.spec?.podCIDR) return;
    let block = this.byNode.get(name);
    if (block === undefined) {
      block = 0;
      while (this.used.has(block)) block++;
      if (block > 255) {
        ctx.event(node, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`);
        return;
      }
      this.byNode.set(name, block);
      this.used.add(block);
    }
    const podCIDR = `10.244.${block}.0/24`;
    ctx.update({ ...node, spec: { ...node.spec, podCIDR, podCIDRs: [podCIDR] } });
  }
}

function blockOf(cidr: string): number | undefined {
  const m = /^10\.244\.(\d+)\.0\/24$/.exec(cidr);
  return m ? Number(m[1]) : undefined;
}
