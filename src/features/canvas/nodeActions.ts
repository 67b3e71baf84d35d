/**
 * Actions on a Node (the VM): cordon and uncordon edit the authored Node (undoable, as `kubectl cordon`
 * sets spec.unschedulable); failing and recovering a node use the engine's node faults when it has them.
 */
import * as engine from '../../engine';
import type { KubeObject, Node, Simulation } from '../../engine';
import { authoredObject, getSimulation, removeObject, settle, updateObject } from '../../store';
import type { MenuItem } from './ContextMenu';

type Fault = (sim: Simulation, nodeName: string) => unknown;

function engineFault(name: 'failNode' | 'recoverNode'): Fault | undefined {
  const fn = (engine as unknown as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as Fault) : undefined;
}

/** Whether the engine can fail nodes (the node faults module has landed). */
export function canFailNodes(): boolean {
  return engineFault('failNode') !== undefined && engineFault('recoverNode') !== undefined;
}

function isDown(node: KubeObject): boolean {
  return node.metadata.annotations?.[engine.NODE_FAULT_ANNOTATION] === 'down';
}

/** Fails a running node, or recovers a failed one. */
export function toggleNodeFault(key: string): void {
  const node = getSimulation().store.getByKey(key);
  const fn = node ? engineFault(isDown(node) ? 'recoverNode' : 'failNode') : undefined;
  if (!node || !fn) return;
  fn(getSimulation(), node.metadata.name);
  settle();
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
