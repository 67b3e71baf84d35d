/**
 * A pod's status as the kubelet's status manager writes it, rendered from its runtime: container
 * statuses, phase (pkg/kubelet/kubelet_pods.go getPhase), conditions (pkg/kubelet/status/generate.go)
 * with stable lastTransitionTime, podIP, hostIP and startTime.
 */
import { timestamp } from '../api/time';
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types';
import { fakeDigest, fullImageName, parseImage } from './images';
import type { ContainerRuntime, PodRuntime, Termination } from './runtime';
import { computePodQOS } from '../core/qos';

type State = NonNullable<ContainerStatus['state']>;

function terminatedState(t: Termination): State {
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      startedAt: timestamp(t.startedAtMs),
      finishedAt: timestamp(t.finishedAtMs),
      containerID: `containerd://${t.containerId}`,
      ...(t.message ? { message: t.message } : {}),
    },
  };
}

function stateOf(c: ContainerRuntime, initWaiting: boolean): State {
  const p = c.phase;
  switch (p.kind) {
    case 'running':
      return { running: { startedAt: timestamp(p.startedAtMs) } };
    case 'terminated':
      return terminatedState(p.termination);
    case 'pullFailed':
      return { waiting: { reason: p.reason, message: p.message } };
    case 'neverPull':
      return { waiting: { reason: 'ErrImageNeverPull', message: p.message } };
    case 'backoff':
      return { waiting: { reason: 'CrashLoopBackOff', message: p.message } };
    case 'pulling':
      if (p.shownReason) return { waiting: { reason: p.shownReason } };
      return { waiting: { reason: initWaiting ? 'PodInitializing' : 'ContainerCreating' } };
    case 'new':
      return { waiting: { reason: initWaiting ? 'PodInitializing' : 'ContainerCreating' } };
  }
}

/** Whether a container counts as ready (running, started, readiness Success or no readiness probe). */
export function containerReady(c: ContainerRuntime): boolean {
  if (c.phase.kind !== 'running' || !c.started) return false;
  const r = c.probes.find((w) => w.type === 'readiness');
  return !r || r.published === 'Success';
}

const imageIds = new Map<string, string>();

/** The image's ID as containerd reports it (repository@sha256:digest), computed once per image. */
function imageIdOf(c: ContainerRuntime): string {
  const image = c.spec.image ?? '';
  let id = imageIds.get(image);
  if (id === undefined) {
    const ref = parseImage(image);
    id = `${ref.host}/${ref.repository}@sha256:${fakeDigest(image)}`;
    if (imageIds.size > 10_000) imageIds.clear();
    imageIds.set(image, id);
  }
  return id;
}

function containerStatus(c: ContainerRuntime, initWaiting: boolean): ContainerStatus {
  const running = c.phase.kind === 'running' ? c.phase : undefined;
  const term = c.phase.kind === 'terminated' ? c.phase.termination : undefined;
  const id = running?.containerId ?? term?.containerId;
  return {
    name: c.name,
    image: fullImageName(c.spec.image ?? ''),
    imageID: c.imageReady || id ? imageIdOf(c) : '',
    ...(id ? { containerID: `containerd://${id}` } : {}),
    ready: containerReady(c),
    started: c.phase.kind === 'running' && c.started,
    restartCount: c.restartCount,
    state: stateOf(c, initWaiting),
    lastState: c.lastTermination ? terminatedState(c.lastTermination) : {},
  };
}

/** getPhase (pkg/kubelet/kubelet_pods.go), over the statuses rendered below. */
export function podPhase(
  restartPolicy: string,
  init: ContainerStatus[],
  initSidecar: boolean[],
  containers: ContainerStatus[],
): NonNullable<PodStatus['phase']> {
  let pendingInit = 0;
  let failedInit = 0;
  init.forEach((s, i) => {
    if (initSidecar[i]) {
      if (!s.state?.running) pendingInit++;
      return;
    }
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  });
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of containers) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0 || failedInit > 0) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(
  pod: Pod,
  nowMs: number,
  type: string,
  ok: boolean,
  reason?: string,
  message?: string,
): PodCondition {
  const status = ok ? 'True' : 'False';
  // The API's condition is the one to compare with: another writer (the node lifecycle controller's
  // MarkPodsNotReady) may have changed it while this kubelet was away.
  const prev = pod.status?.conditions?.find((c) => c.type === type);
  const at =
    prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : timestamp(nowMs);
  return {
    type,
    status,
    lastTransitionTime: at,
    ...(ok || !reason ? {} : { reason }),
    ...(ok || !message ? {} : { message }),
  };
}

/**
 * Ready: the containers are ready and every readiness gate's condition (written by another controller) is
 * True (pkg/kubelet/status/generate.go GeneratePodReadyCondition).
 */
function readyCondition(
  pod: Pod,
  nowMs: number,
  containersReady: boolean,
  reason: string,
  message?: string,
): PodCondition {
  if (!containersReady) return condition(pod, nowMs, 'Ready', false, reason, message);
  const gates = (pod.spec?.readinessGates ?? []).map((g) => g.conditionType);
  const missing = gates.filter((t) => !pod.status?.conditions?.some((c) => c.type === t));
  const notTrue = gates.filter((t) =>
    pod.status?.conditions?.some((c) => c.type === t && c.status !== 'True'),
  );
  if (missing.length === 0 && notTrue.length === 0) return condition(pod, nowMs, 'Ready', true);
  const text = missing.length
    ? `corresponding condition of pod readiness gate "${missing[0]}" does not exist.`
    : `the status of pod readiness gate "${notTrue[0]}" is not "True", but False`;
  return condition(pod, nowMs, 'Ready', false, 'ReadinessGatesNotReady', text);
}

function names(list: ContainerRuntime[]): string {
  return `[${list.map((c) => c.name).join(' ')}]`;
}

/** The pod's status from its runtime; PodScheduled and other conditions of other writers are kept. */
export function renderStatus(pod: Pod, rt: PodRuntime, nowMs: number, hostIP: string): PodStatus {
  const initDone = rt.init.every((c) =>
    c.sidecar
      ? c.phase.kind === 'running' && c.started
      : c.phase.kind === 'terminated' && c.phase.termination.exitCode === 0,
  );
  const initStatuses = rt.init.map((c) => containerStatus(c, false));
  const statuses = rt.containers.map((c) => containerStatus(c, !initDone));
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const phase =
    rt.terminal ??
    podPhase(
      restartPolicy,
      initStatuses,
      rt.init.map((c) => c.sidecar),
      statuses,
    );
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const unready = rt.containers.filter((c) => !containerReady(c));
  const notInit = rt.init.filter((c) =>
    c.sidecar
      ? !(c.phase.kind === 'running' && c.started)
      : !(c.phase.kind === 'terminated' && c.phase.termination.exitCode === 0),
  );
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = terminal ? undefined : `containers with unready status: ${names(unready)}`;
  const ready = unready.length === 0 && !terminal && initDone;
  const conditions: PodCondition[] = [
    condition(pod, nowMs, 'PodReadyToStartContainers', rt.sandboxAtMs !== undefined && !terminal),
    condition(
      pod,
      nowMs,
      'Initialized',
      initDone || (terminal && notInit.length === 0),
      'ContainersNotInitialized',
      `containers with incomplete status: ${names(notInit)}`,
    ),
    readyCondition(pod, nowMs, ready, readyReason, readyMessage),
    condition(pod, nowMs, 'ContainersReady', ready, readyReason, readyMessage),
  ];
  const mine = new Set(conditions.map((c) => c.type));
  const others = (pod.status?.conditions ?? []).filter((c) => !mine.has(c.type));
  const status: PodStatus = {
    phase,
    conditions: [...conditions, ...others],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(rt.podIP ? { podIP: rt.podIP, podIPs: [{ ip: rt.podIP }] } : {}),
    startTime: timestamp(rt.admittedAtMs),
    ...(rt.init.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    qosClass: pod.status?.qosClass ?? qosClass(pod),
  };
  if (pod.status?.nominatedNodeName) status.nominatedNodeName = pod.status.nominatedNodeName;
  if (rt.ended) {
    status.reason = rt.ended.reason;
    status.message = rt.ended.message;
  }
  return status;
}

/** The pod's QoS class (pkg/apis/core/helper/qos ComputePodQOS), for status.qosClass. */
export const qosClass = computePodQOS;
