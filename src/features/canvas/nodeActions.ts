/**
 * Actions on a Node (the VM): cordon and uncordon edit the authored Node (undoable, as `kubectl cordon`
 * sets spec.unschedulable; a Node the cluster made, such as the autoscaler's, gets the kubectl line);
 * drain is `kubectl drain NODE --ignore-daemonsets` (the engine's drain: cordon, then evictions that
 * respect PodDisruptionBudgets, in kubectl's words); failing and recovering a node use the engine's faults.
 */
import { NODE_FAULT_ANNOTATION, type KubeObject, type Node } from '../../engine';
import {
  authoredObject,
  failNodeAction,
  getSimulation,
  notify,
  recoverNodeAction,
  removeObject,
  runCommand,
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

/** Runs a node verb as kubectl does and tells its output (kubectl's own words). */
function kubectlNode(line: string, title: string): void {
  void runCommand(line).then((r) => {
    const lines = [`$ ${line}`, ...r.output.split('\n').filter(Boolean)];
    notify(r.ok ? 'info' : 'error', r.ok ? title : `Could not ${title.toLowerCase()}`, lines);
  });
}

/** `kubectl drain NODE --ignore-daemonsets`, as people drain a node for maintenance. */
export function drainNode(name: string): void {
  kubectlNode(`kubectl drain ${name} --ignore-daemonsets`, `Drain ${name}`);
}

/** The context menu of a Node. */
export function nodeMenu(key: string): MenuItem[] {
  const live = getSimulation().store.getByKey<Node & KubeObject>(key);
  if (!live) return [];
  const items: MenuItem[] = [];
  const name = live.metadata.name;
  const cordoned = live.spec?.unschedulable === true;
  items.push({
    label: cordoned ? 'Uncordon' : 'Cordon',
    run: () =>
      authoredObject(key)
        ? setUnschedulable(key, !cordoned)
        : kubectlNode(
            `kubectl ${cordoned ? 'uncordon' : 'cordon'} ${name}`,
            `${cordoned ? 'Uncordon' : 'Cordon'} ${name}`,
          ),
  });
  items.push({ label: 'Drain', run: () => drainNode(name) });
  if (canFailNodes())
    items.push({
      label: isDown(live) ? 'Recover node' : 'Fail node',
      run: () => toggleNodeFault(key),
      danger: !isDown(live),
    });
  items.push({ label: 'Delete node', run: () => removeObject(key), danger: true });
  return items;
}
