/**
 * `kubectl logs (POD | TYPE/NAME) [-c CONTAINER] [-p] [--tail N] [--timestamps] [-f]` over the simulated
 * containers (src/engine/logs). The pod of a workload is chosen as logsforobject.go does (GetFirstPod by
 * podutils.ByLogging, "Found N pods, using pod/x"), and the container defaults to the pod's first, with
 * kubectl's "Defaulted container" note when the pod has more than one.
 */
import { labelSelectorAsSelector, selectorFromSet } from '../api/labels';
import type { KubeObject, Pod } from '../api/types';
import type { Simulation } from '../core/simulation';
import { allContainerNames, containerLog, firstPodForLogs, logTimestamp } from '../logs';
import { failed, getObject, type CommandResult } from './objects';
import type { Command } from './types';

type Cmd = Extract<Command, { verb: 'logs' }>;
type P = Pod & KubeObject;
/* eslint-disable @typescript-eslint/no-explicit-any -- reads spec.selector of several kinds */
type Any = any;

const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** The pod to read and the notes kubectl writes to stderr on the way. */
function resolvePod(sim: Simulation, cmd: Cmd): { pod: P; notes: string[] } | string {
  const obj = getObject(sim, cmd.target.kind, cmd.scope, cmd.target.name);
  if (typeof obj === 'string') return obj;
  if (obj.kind === 'Pod') return { pod: obj as P, notes: [] };
  let matches: (labels: Record<string, string> | undefined) => boolean;
  if (SELECTOR_KINDS.has(obj.kind)) {
    const sel = labelSelectorAsSelector((obj as Any).spec?.selector);
    matches = (l) => sel.matches(l);
  } else if (obj.kind === 'Service' && (obj as Any).spec?.selector) {
    const sel = selectorFromSet((obj as Any).spec.selector);
    matches = (l) => sel.matches(l);
  } else {
    const t = `*v1.${obj.kind}`;
    return `error: cannot get the logs from ${t}: selector for ${t} not implemented`;
  }
  const pods = sim.store.list<P>('Pod', obj.metadata.namespace).filter((p) => matches(p.metadata.labels));
  const { pod, count } = firstPodForLogs(pods);
  // GetFirstPod waits --pod-running-timeout (20s) for a pod to appear, then gives up.
  if (!pod) return 'error: timed out waiting for the condition';
  return { pod, notes: count > 1 ? [`Found ${count} pods, using pod/${pod.metadata.name}`] : [] };
}

/** Runs `kubectl logs`. */
export function runLogs(sim: Simulation, cmd: Cmd): CommandResult {
  const r = resolvePod(sim, cmd);
  if (typeof r === 'string') return failed(r);
  const { pod, notes } = r;
  let container = cmd.container;
  if (container === undefined) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.name);
    if (annotated) {
      if (names.includes(annotated)) container = annotated;
      else notes.push(`Default container name "${annotated}" not found in pod ${pod.metadata.name}`);
    }
    if (container === undefined) {
      container = pod.spec?.containers?.[0]?.name ?? '';
      if ((pod.spec?.containers?.length ?? 0) > 1 || (pod.spec?.initContainers?.length ?? 0) > 0)
        notes.push(`Defaulted container "${container}" out of: ${allContainerNames(pod)}`);
    }
  }
  const log = containerLog(sim, pod, container, cmd.previous);
  if (!log.ok) return failed([...notes, log.error].join('\n'));
  const lines = cmd.tail >= 0 ? log.lines.slice(Math.max(0, log.lines.length - cmd.tail)) : log.lines;
  const text = lines.map((l) => (cmd.timestamps ? `${logTimestamp(l.atMs)} ${l.text}` : l.text));
  const running = !cmd.previous && statusOf(pod, container)?.state?.running !== undefined;
  return {
    ok: true,
    output: [...notes, ...text].join('\n'),
    ...(cmd.follow && running ? { pending: true } : {}),
  };
}

function statusOf(pod: P, name: string) {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === name,
  );
}
