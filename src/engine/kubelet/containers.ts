/**
 * One container's life on a node, as kuberuntime's SyncPod drives it: image (EnsureImageExists with the
 * pull policy, serialized pulls, the image back-off), create and start (Created, Started), the process
 * running until it exits or is killed, and restarts per restartPolicy with the crash-loop back-off
 * (kuberuntime_manager.go doBackOff). Each function advances a container as far as `now` allows and
 * reports when it next needs the kubelet.
 */
import type { KubeObject, Pod } from '../api/types';
import type { EventType } from '../core/controller';
import type { Backoff } from './backoff';
import type { ImageCache } from './images';
import { fakeDigest, imageSizeBytes, pullDurationMs, pullError } from './images';
import { newWorker, type ProbeType } from './probes';
import type { ContainerRuntime, PodRuntime, Termination } from './runtime';

/** A node's container runtime: its image cache and the serialized image puller. */
export interface NodeRuntime {
  images: ImageCache;
  /** When the puller is free again (serializeImagePulls). */
  pullFreeAtMs: number;
}

/** What stepping a container needs from the kubelet. */
export interface StepContext {
  now: number;
  pod: Pod & KubeObject;
  rt: PodRuntime;
  node: NodeRuntime;
  crashBackoff: Backoff;
  imageBackoff: Backoff;
  event(type: EventType, reason: string, message: string): void;
  /** Asks to be synced again at this moment. */
  wake(atMs: number): void;
}

/** The message of the pod as the kubelet names it in events: `name_namespace(uid)`. */
export function podDesc(pod: Pod & KubeObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
}

/** Builds the probe workers of a container from its spec. */
export function workersFor(c: ContainerRuntime): void {
  const probes: Array<[ProbeType, NonNullable<ContainerRuntime['spec']['livenessProbe']> | undefined]> = [
    ['startup', c.spec.startupProbe],
    ['readiness', c.spec.readinessProbe],
    ['liveness', c.spec.livenessProbe],
  ];
  c.probes = probes.filter(([, p]) => p !== undefined).map(([t, p]) => newWorker(t, p!));
}

/**
 * EnsureImageExists (pkg/kubelet/images/image_manager.go): returns true when the image is on the node
 * and the container may be created now.
 */
function ensureImage(c: ContainerRuntime, s: StepContext): boolean {
  const image = c.spec.image ?? '';
  const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
  const present = s.node.images.has(image);
  if (c.phase.kind === 'pulling') {
    if (s.now < c.phase.doneAtMs) {
      s.wake(c.phase.doneAtMs);
      return false;
    }
    return finishPull(c, s);
  }
  if (c.phase.kind === 'pullFailed') {
    if (s.now < c.phase.retryAtMs) {
      s.wake(c.phase.retryAtMs);
      return false;
    }
  }
  if (policy === 'Never' && !present) {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    if (c.phase.kind !== 'neverPull') {
      s.event('Warning', 'ErrImageNeverPull', message);
      s.event('Warning', 'Failed', 'Error: ErrImageNeverPull');
    }
    c.phase = { kind: 'neverPull', message };
    return false;
  }
  if (present && policy !== 'Always') {
    s.event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
    return true;
  }
  const startsAt = Math.max(s.now, s.node.pullFreeAtMs);
  const fails = pullError(image) !== undefined;
  const doneAt = startsAt + (fails ? 500 : pullDurationMs(image, present));
  s.node.pullFreeAtMs = doneAt;
  s.event('Normal', 'Pulling', `Pulling image "${image}"`);
  const shownReason = c.phase.kind === 'pullFailed' ? c.phase.reason : undefined;
  c.phase = {
    kind: 'pulling',
    requestedAtMs: s.now,
    startsAtMs: startsAt,
    doneAtMs: doneAt,
    fails,
    ...(shownReason ? { shownReason } : {}),
  };
  s.wake(doneAt);
  return false;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

function finishPull(c: ContainerRuntime, s: StepContext): boolean {
  if (c.phase.kind !== 'pulling') return false;
  const image = c.spec.image ?? '';
  const key = `${s.rt.uid}_${image}`;
  const err = pullError(image);
  if (err !== undefined) {
    s.event('Warning', 'Failed', `Failed to pull image "${image}": ${err}`);
    s.event('Warning', 'Failed', 'Error: ErrImagePull');
    s.imageBackoff.next(key, s.now);
    // The pod worker syncs again a second later and finds the pull backing off.
    c.phase = { kind: 'pullFailed', reason: 'ErrImagePull', message: err, retryAtMs: s.now + 1000 };
    s.wake(s.now + 1000);
    return false;
  }
  const took = c.phase.doneAtMs - c.phase.startsAtMs;
  const total = c.phase.doneAtMs - c.phase.requestedAtMs;
  s.node.images.add(image);
  s.event(
    'Normal',
    'Pulled',
    `Successfully pulled image "${image}" in ${seconds(took)} (${seconds(total)} including waiting). Image size: ${imageSizeBytes(image)} bytes.`,
  );
  return true;
}

/** After an ErrImagePull: shows ImagePullBackOff until the image back-off lets the next pull start. */
function pullBackoff(c: ContainerRuntime, s: StepContext): void {
  if (c.phase.kind !== 'pullFailed' || c.phase.reason !== 'ErrImagePull' || s.now < c.phase.retryAtMs) return;
  const image = c.spec.image ?? '';
  const key = `${s.rt.uid}_${image}`;
  const until = s.now + Math.max(0, s.imageBackoff.get(key) - 1000);
  s.event('Normal', 'BackOff', `Back-off pulling image "${image}"`);
  s.event('Warning', 'Failed', 'Error: ImagePullBackOff');
  c.phase = {
    kind: 'pullFailed',
    reason: 'ImagePullBackOff',
    message: `Back-off pulling image "${image}": ErrImagePull: ${c.phase.message}`,
    retryAtMs: until,
  };
  s.wake(until);
}

/** Creates and starts a container whose image is ready. */
function startContainer(c: ContainerRuntime, s: StepContext): void {
  const containerId = fakeDigest(`${s.rt.uid}/${c.name}/${c.restartCount}/${s.now}`);
  // Every start after a death is a restart (restartCount counts containers started again).
  if (c.lastTermination) c.restartCount++;
  s.event('Normal', 'Created', `Created container: ${c.name}`);
  s.event('Normal', 'Started', `Started container ${c.name}`);
  c.phase = { kind: 'running', startedAtMs: s.now, containerId };
  c.started = !c.probes.some((w) => w.type === 'startup');
  delete c.killExitAtMs;
  delete c.killReason;
}

/** Whether a terminated container is restarted under the pod's restartPolicy (sidecars always are). */
export function shouldRestart(c: ContainerRuntime, restartPolicy: string, exitCode: number): boolean {
  if (c.sidecar) return true;
  if (c.init) return exitCode !== 0 && restartPolicy !== 'Never';
  return restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && exitCode !== 0);
}

/** When the running process exits by itself, if it does (crash, completion, init work). */
function exitOf(c: ContainerRuntime): { atMs: number; code: number; reason: string } | undefined {
  if (c.phase.kind !== 'running') return undefined;
  const b = c.behavior;
  const start = c.phase.startedAtMs;
  let best: { atMs: number; code: number; reason: string } | undefined;
  const offer = (atMs: number, code: number, reason: string) => {
    if (!best || atMs < best.atMs) best = { atMs, code, reason };
  };
  if (b.crashAfterSeconds !== undefined)
    offer(start + b.crashAfterSeconds * 1000, b.exitCode, b.exitCode === 0 ? 'Completed' : 'Error');
  const complete = b.completeAfterSeconds ?? (c.init && !c.sidecar ? b.startupSeconds : undefined);
  if (complete !== undefined) offer(start + complete * 1000, 0, 'Completed');
  if (c.killExitAtMs !== undefined)
    offer(c.killExitAtMs, c.stopping ? 0 : 137, c.stopping ? 'Completed' : 'Error');
  return best;
}

/** Ends the running process with an exit code and reason. */
export function terminate(c: ContainerRuntime, atMs: number, code: number, reason: string): void {
  if (c.phase.kind !== 'running') return;
  const t: Termination = {
    exitCode: code,
    reason,
    startedAtMs: c.phase.startedAtMs,
    finishedAtMs: atMs,
    containerId: c.phase.containerId,
  };
  c.phase = { kind: 'terminated', termination: t };
  c.started = false;
  delete c.killExitAtMs;
  delete c.killReason;
}

/**
 * Advances one container as far as `now` allows: exits, restarts (with back-off), pulls, starts. Returns
 * whether it changed anything visible (the caller loops until nothing changes).
 */
export function stepContainer(c: ContainerRuntime, s: StepContext, restartPolicy: string): void {
  const exit = exitOf(c);
  if (exit && exit.atMs <= s.now) terminate(c, exit.atMs, exit.code, exit.reason);
  else if (exit) s.wake(exit.atMs);
  if (c.phase.kind === 'running' || c.stopping) return;
  if (c.phase.kind === 'terminated') {
    const t = c.phase.termination;
    if (s.rt.terminal || !shouldRestart(c, restartPolicy, t.exitCode)) return;
    c.lastTermination = t;
    c.imageReady = false;
    c.phase = { kind: 'new' };
    const key = `${s.rt.uid}/${c.name}`;
    if (s.crashBackoff.isInBackOffSince(key, t.finishedAtMs, s.now)) {
      const until = t.finishedAtMs + s.crashBackoff.get(key);
      const message = `back-off ${s.crashBackoff.get(key) / 1000}s restarting failed container=${c.name} pod=${podDesc(s.pod)}`;
      s.event(
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.name} in pod ${podDesc(s.pod)}`,
      );
      c.phase = { kind: 'backoff', untilMs: until, message };
      s.wake(until);
      return;
    }
    s.crashBackoff.next(key, s.now);
  }
  if (c.phase.kind === 'backoff') {
    if (s.now < c.phase.untilMs) {
      s.wake(c.phase.untilMs);
      return;
    }
    s.crashBackoff.next(`${s.rt.uid}/${c.name}`, s.now);
    c.phase = { kind: 'new' };
  }
  if (c.phase.kind === 'neverPull') return;
  pullBackoff(c, s);
  if (!c.imageReady) c.imageReady = ensureImage(c, s);
  if (!c.imageReady) return;
  startContainer(c, s);
  const again = exitOf(c);
  if (again && again.atMs <= s.now) stepContainer(c, s, restartPolicy);
  else if (again) s.wake(again.atMs);
}
