/**
 * Actions on a Node (the VM): cordon and uncordon edit the authored Node (undoable, as `kubectl cordon`
 * sets spec.unschedulable); failing and recovering a node use the engine's node faults when it has them.
 */
import { NODE_FAULT_ANNOTATION, type KubeObject, type Node } from '../../engine';
import {
  authoredObject,
  failNodeAction,
  getSimulation,
  recoverNodeAction,
  removeObject,
  updateObject,
} from '../../store';
import type { MenuItem } from './ContextMenu';

/** Whether the engine can fail nodes (it can: src/engine/nodes/faults.ts). */
export function canFailNodes(): boolean {
  return true;
}

function isDown(node: KubeObject): boolean {
  return node.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down';
}

/** Fails a running node, or recovers a failed one. */
export function toggleNodeFault(key: string): void {
  const node = getSimulation().store.getByKey(key);
  if (!node) return;
  (isDown(node) ? recoverNodeAction : failNodeAction)(node.metadata.name);
}

function setUnschedulable(key: string, on: boolean): void {
  updateObject(key, (n) => {
    const spec = { ...((n as Node & KubeObject).spec ?? {}) };
    if (on) spec.unschedulable = true;
    else delete spec.unschedulable;
    return { ...n, spec };
  });
}

/** The context menu of a Node. */
export function nodeMenu(key: string): MenuItem[] {
  const live = getSimulation().store.getByKey<Node & KubeObject>(key);
  if (!live) return [];
  const items: MenuItem[] = [];
  if (authoredObject(key)) {
    const cordoned = live.spec?.unschedulable === true;
    items.push({ label: cordoned ? 'Uncordon' : 'Cordon', run: () => setUnschedulable(key, !cordoned) });
  }
  if (canFailNodes())
    items.push({
      label: isDown(live) ? 'Recover node' : 'Fail node',
      run: () => toggleNodeFault(key),
      danger: !isDown(live),
    });
  items.push({ label: 'Delete node', run: () => removeObject(key), danger: true });
  return items;
}
