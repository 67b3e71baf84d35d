import { useSyncExternalStore } from 'react';
import { objectKey, type KubeObject, type Node } from '../../../engine';
import { getSimulation, subscribeTime, useObject } from '../../../store';
import { faultText, NODE_LEASE_NAMESPACE } from '../nodeFault';

const simSecond = (): number => Math.floor(getSimulation().now / 1000);

/**
 * The banner of a node whose machine is off: "VM down", and how long until Kubernetes notices (the node
 * itself keeps the Ready condition the API server holds). Re-renders once per simulated second.
 */
export function NodeFaultBadge({ node }: { node: Node & KubeObject }) {
  const second = useSyncExternalStore(subscribeTime, simSecond);
  const lease = useObject(objectKey('Lease', NODE_LEASE_NAMESPACE, node.metadata.name));
  const text = faultText(node, lease, Math.max(second * 1000, getSimulation().now));
  return (
    <div className="kc-fault" role="status" data-fault="down">
      <svg className="kc-fault-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M12 3v9M6.3 6.3a8 8 0 1 0 11.4 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.4"
          strokeLinecap="round"
        />
      </svg>
      <span>{text.title}</span>
      <span className="kc-fault-detail">{text.detail}</span>
    </div>
  );
}
