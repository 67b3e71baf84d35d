/**
 * The context-menu actions of pods, workloads, Services, Ingresses and Clients (a Node's are in
 * nodeActions.ts). Each goes through the store as people do it elsewhere: scaling and changing an image
 * are the kubectl lines the console runs (`kubectl scale`, `kubectl set image`: recorded on the timeline,
 * their change to the authored object joins the design as one undo entry), breaking a probe is the
 * store's breakPodAction (a timeline input), traffic is the store's sendTraffic (one undo entry).
 */
import type { KubeObject, Pod, TrafficSource } from '../../engine';
import {
  breakPodAction,
  getSimulation,
  MAX_TRAFFIC_RPS,
  notify,
  removeObjects,
  runCommand,
  sendTraffic,
  trafficSourceKey,
  updateObject,
  type TrafficTargetRef,
} from '../../store';
import type { MenuItem } from './ContextMenu';

/** kubectl's resource word for the kinds these menus scale or update. */
const RESOURCE: Record<string, string> = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  ReplicaSet: 'replicaset',
  DaemonSet: 'daemonset',
};
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);
const MAX_REPLICAS = 1000;
/** The traffic a Service or Ingress gets when a person first sends some. */
export const DEFAULT_RPS = 50;

type Containers = { containers?: Array<{ name: string; image?: string }> };

function firstContainer(obj: KubeObject): { name: string; image: string } | undefined {
  const spec = obj.spec as { template?: { spec?: Containers } } | undefined;
  const c = spec?.template?.spec?.containers?.[0];
  return c ? { name: c.name, image: c.image ?? '' } : undefined;
}

/** Runs a kubectl line as the console does; a refusal is told in kubectl's words. */
function kubectl(line: string, what: string): void {
  void runCommand(line).then((r) => {
    if (!r.ok) notify('error', `Could not ${what}`, [`$ ${line}`, ...r.output.split('\n')]);
  });
}

/** The "Scale…" prompt: `kubectl scale <kind>/<name> --replicas=N`. */
export function scaleItem(obj: KubeObject): MenuItem {
  const { name, namespace = 'default' } = obj.metadata;
  const current = (obj.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  return {
    label: 'Scale…',
    prompt: {
      label: `Replicas of ${name}`,
      initial: String(current),
      type: 'number',
      submitLabel: 'Scale',
      submit: (value) => {
        const n = Number(value);
        if (value === '' || !Number.isInteger(n) || n < 0 || n > MAX_REPLICAS)
          return `Replicas must be a whole number from 0 to ${MAX_REPLICAS}.`;
        kubectl(
          `kubectl scale ${RESOURCE[obj.kind]}/${name} --replicas=${n} -n ${namespace}`,
          `scale ${name}`,
        );
        return null;
      },
    },
  };
}

/** The "Change image…" prompt: `kubectl set image <kind>/<name> <container>=<image>` (starts a rollout). */
export function changeImageItem(obj: KubeObject): MenuItem | undefined {
  const c = firstContainer(obj);
  if (!c) return undefined;
  const { name, namespace = 'default' } = obj.metadata;
  return {
    label: 'Change image…',
    prompt: {
      label: `Image of container ${c.name}`,
      initial: c.image,
      type: 'text',
      submitLabel: 'Roll out',
      submit: (value) => {
        if (!value || /\s/.test(value)) return 'An image is one word, such as web:2.0.';
        if (value === c.image) return `${name} already runs ${value}.`;
        kubectl(
          `kubectl set image ${RESOURCE[obj.kind]}/${name} ${c.name}=${value} -n ${namespace}`,
          `change the image of ${name}`,
        );
        return null;
      },
    },
  };
}

/** The requests-per-second prompt of a target (a Service or an Ingress). */
function trafficPrompt(target: TrafficTargetRef, current: number | undefined): MenuItem {
  return {
    label: current ? 'Change traffic…' : 'Send traffic…',
    prompt: {
      label: `Requests per second to ${target.name} (0 stops)`,
      initial: String(current ?? DEFAULT_RPS),
      type: 'number',
      submitLabel: 'Send',
      submit: (value) =>
        value === '' ? 'Type a number of requests per second.' : sendTraffic(target, Number(value)),
    },
  };
}

/** The Clients element's prompt: its TrafficSource's rate (0 stops it, as does Stop traffic). */
function clientsItems(key: string, src: TrafficSource): MenuItem[] {
  const setRps = (rps: number): string | null => {
    if (!Number.isFinite(rps) || rps < 0 || rps > MAX_TRAFFIC_RPS)
      return `Requests per second must be a number from 0 to ${MAX_TRAFFIC_RPS.toLocaleString('en')}.`;
    if (rps === 0) removeObjects([key]);
    else updateObject(key, (o) => ({ ...o, spec: { ...(o.spec as object), rps } }));
    return null;
  };
  return [
    {
      label: 'Change traffic…',
      prompt: {
        label: 'Requests per second (0 stops)',
        initial: String(src.spec.rps),
        type: 'number',
        submitLabel: 'Send',
        submit: (value) => (value === '' ? 'Type a number of requests per second.' : setRps(Number(value))),
      },
    },
    { label: 'Stop traffic', run: () => void setRps(0) },
  ];
}

function hasProbe(pod: Pod, probe: 'readinessProbe' | 'livenessProbe'): boolean {
  return (pod.spec?.containers ?? []).some((c) => !!c[probe]);
}

/** A pod's faults: its readiness or liveness probe starts failing (the store's breakPodAction). */
function podItems(pod: Pod & KubeObject): MenuItem[] {
  const { name, namespace = 'default' } = pod.metadata;
  const item = (mode: 'readiness' | 'liveness'): MenuItem => {
    const probe = mode === 'readiness' ? 'readinessProbe' : 'livenessProbe';
    const label = `Break ${mode} probe`;
    return hasProbe(pod, probe)
      ? { label, run: () => breakPodAction(namespace, name, mode), danger: true }
      : { label, disabledReason: `${name} has no ${mode} probe: add one in the inspector first` };
  };
  return [item('readiness'), item('liveness')];
}

/** The kind's own actions of an object's context menu (before Copy, Duplicate and Delete). */
export function kindMenu(key: string): MenuItem[] {
  const obj = getSimulation().store.getByKey(key);
  if (!obj) return [];
  const namespace = obj.metadata.namespace ?? 'default';
  switch (obj.kind) {
    case 'Pod':
      return obj.metadata.deletionTimestamp ? [] : podItems(obj as Pod & KubeObject);
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'DaemonSet': {
      const items: MenuItem[] = SCALABLE.has(obj.kind) ? [scaleItem(obj)] : [];
      const image = changeImageItem(obj);
      if (image) items.push(image);
      return items;
    }
    case 'Service':
    case 'Ingress': {
      const target = { kind: obj.kind, namespace, name: obj.metadata.name } as const;
      const src = getSimulation().store.getByKey<TrafficSource>(trafficSourceKey(target));
      const items = [trafficPrompt(target, src?.spec.rps)];
      if (src) items.push({ label: 'Stop traffic', run: () => void sendTraffic(target, 0) });
      return items;
    }
    case 'TrafficSource':
      return clientsItems(key, obj as TrafficSource);
    default:
      return [];
  }
}
