/**
 * One pod's sync on its node (kubelet.go SyncPod and SyncTerminatingPod, kuberuntime SyncPod): wait for
 * volumes, make the sandbox (pod IP), run init containers one after the other, then the app containers;
 * run the probe workers; kill containers that fail liveness or startup; when the pod is deleted, run
 * preStop hooks, stop containers within the grace period, and report when the pod can be removed.
 */
import type { Container } from '../api/types';

type Lifecycle = NonNullable<Container['lifecycle']>;
import type { ReadonlyStore } from '../core/objectStore';
import { stepContainer, terminate, type StepContext } from './containers';
import type { NodeAgent } from './nodeAgent';
import { podPhase } from './podStatus';
import { nextTick, PROBE_FAULT_ANNOTATION, probeLabel, probeTick, runProbe, type ProbeType } from './probes';
import type { ContainerRuntime } from './runtime';
import { failedMountMessage, volumesNotReady } from './volumes';

/** How long a simulated process takes to exit after SIGTERM (kubecanvas's choice; capped by the grace). */
export const SHUTDOWN_MS = 1000;
/** The volume manager's wait before FailedMount (podAttachAndMountTimeout, 2 min). */
export const MOUNT_TIMEOUT_MS = 120_000;
/** kuberuntime's minimumGracePeriodInSeconds: a container always gets this much after preStop. */
const MINIMUM_GRACE_SECONDS = 2;

function initDone(c: ContainerRuntime): boolean {
  if (c.sidecar) return c.phase.kind === 'running' && c.started;
  return c.phase.kind === 'terminated' && c.phase.termination.exitCode === 0;
}

function faulted(s: StepContext, type: ProbeType): boolean {
  const v = s.pod.metadata.annotations?.[PROBE_FAULT_ANNOTATION];
  return v !== undefined && v.split(',').some((t) => t.trim() === type);
}

/** Runs the probe workers of a running container that are due; kills it on liveness/startup failure. */
function runProbes(c: ContainerRuntime, s: StepContext, podIP: string): void {
  if (c.phase.kind !== 'running' || c.killExitAtMs !== undefined) return;
  const { startedAtMs, containerId } = c.phase;
  for (let pass = 0; pass < 2; pass++) {
    for (const w of c.probes) {
      if (w.containerId !== containerId) {
        w.nextAtMs = undefined;
      }
      if (w.onHold && w.containerId === containerId) continue;
      if ((w.type === 'startup') === c.started) continue;
      const eligible = startedAtMs + (w.probe.initialDelaySeconds ?? 0) * 1000;
      const period = w.probe.periodSeconds ?? 10;
      if (w.nextAtMs === undefined) {
        // A readiness probe is also triggered at once when the container starts (prober_manager.go).
        w.nextAtMs =
          w.type === 'readiness' && s.now >= eligible
            ? s.now
            : nextTick(s.rt.admittedAtMs, period, Math.max(s.now, eligible));
      }
      if (w.nextAtMs <= s.now) {
        let message = '';
        const out = probeTick(w, {
          running: true,
          startedAtMs,
          nowMs: s.now,
          started: c.started,
          containerId,
          run: () => {
            const o = faulted(s, w.type)
              ? { result: 'Failure' as const, message: 'HTTP probe failed with statuscode: 503' }
              : runProbe(w.probe, { behavior: c.behavior, startedAtMs, nowMs: s.now, podIP });
            message = o.message;
            return o.result;
          },
        });
        if (out.result === 'Failure')
          s.event('Warning', 'Unhealthy', `${probeLabel(w.type)} probe failed: ${message}`);
        w.nextAtMs = nextTick(s.rt.admittedAtMs, period, s.now + 1);
        if (w.type === 'startup' && w.published === 'Success') {
          c.started = true;
          for (const other of c.probes) if (other !== w) other.nextAtMs = undefined;
        }
        if ((w.type === 'liveness' || w.type === 'startup') && w.published === 'Failure' && w.onHold) {
          kill(
            c,
            s,
            `Container ${c.name} failed ${w.type} probe, will be restarted`,
            w.probe.terminationGracePeriodSeconds,
          );
          return;
        }
      }
      if (!w.onHold) s.wake(w.nextAtMs);
    }
  }
}

/** Sends SIGTERM: the simulated process exits SHUTDOWN_MS later (or at the grace period if shorter). */
function kill(c: ContainerRuntime, s: StepContext, message: string, graceSeconds?: number): void {
  const grace = graceSeconds ?? s.pod.spec?.terminationGracePeriodSeconds ?? 30;
  s.event('Normal', 'Killing', message);
  c.killExitAtMs = s.now + Math.min(SHUTDOWN_MS, grace * 1000);
  c.killReason = message;
  s.wake(c.killExitAtMs);
}

function waitForVolumes(
  s: StepContext,
  store: ReadonlyStore,
  agent: NodeAgent,
  waiting: Set<string>,
): boolean {
  const rt = s.rt;
  if (rt.volumesReady) return true;
  const wait = volumesNotReady(s.pod, agent.name, store);
  if (wait.unmounted.length === 0) {
    rt.volumesReady = true;
    waiting.delete(rt.key);
    return true;
  }
  waiting.add(rt.key);
  rt.volumeWaitSinceMs ??= s.now;
  for (const f of wait.failures) s.event('Warning', 'FailedMount', f);
  const due = rt.volumeWaitSinceMs + MOUNT_TIMEOUT_MS;
  if (s.now >= due) {
    s.event('Warning', 'FailedMount', failedMountMessage(wait));
    rt.volumeWaitSinceMs = s.now;
    s.wake(s.now + MOUNT_TIMEOUT_MS);
  } else s.wake(due);
  return false;
}

/**
 * Advances a live pod as far as `now` allows. Returns false (a live pod is never removed by its kubelet).
 */
export function runPod(
  s: StepContext,
  store: ReadonlyStore,
  agent: NodeAgent,
  waiting: Set<string>,
): boolean {
  const rt = s.rt;
  const policy = s.pod.spec?.restartPolicy ?? 'Always';
  if (rt.terminal) return false;
  if (deadlineExceeded(s)) return false;
  if (!waitForVolumes(s, store, agent, waiting)) return false;
  if (rt.sandboxAtMs === undefined) {
    rt.sandboxAtMs = s.now;
    rt.podIP = s.pod.spec?.hostNetwork ? agent.hostIP : agent.allocateIP();
  }
  const ip = rt.podIP ?? '';
  for (let round = 0; round < 3; round++) {
    let allInit = true;
    for (const c of rt.init) {
      if (!allInit) break;
      stepContainer(c, s, policy);
      runProbes(c, s, ip);
      stepContainer(c, s, policy);
      if (!initDone(c)) allInit = false;
    }
    if (allInit)
      for (const c of rt.containers) {
        stepContainer(c, s, policy);
        runProbes(c, s, ip);
      }
  }
  decideTerminal(s);
  return false;
}

/**
 * activeDeadlineSeconds (kubelet_pods.go pastActiveDeadline): past it, the kubelet stops the containers and
 * the pod is Failed with reason DeadlineExceeded.
 */
function deadlineExceeded(s: StepContext): boolean {
  const rt = s.rt;
  const seconds = s.pod.spec?.activeDeadlineSeconds;
  if (seconds === undefined || seconds === null) return false;
  const at = rt.admittedAtMs + seconds * 1000;
  if (s.now < at) {
    s.wake(at);
    return false;
  }
  for (const c of [...rt.init, ...rt.containers])
    if (c.phase.kind === 'running') terminate(c, s.now, 137, 'Error');
  rt.terminal = 'Failed';
  rt.ended = {
    reason: 'DeadlineExceeded',
    message: 'Pod was active on the node longer than the specified deadline',
  };
  s.event('Normal', 'DeadlineExceeded', 'Pod was active on the node longer than the specified deadline');
  return true;
}

function decideTerminal(s: StepContext): void {
  const rt = s.rt;
  const policy = s.pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Always') return;
  const status = (c: ContainerRuntime) =>
    c.phase.kind === 'terminated'
      ? { state: { terminated: { exitCode: c.phase.termination.exitCode } } }
      : c.phase.kind === 'running'
        ? { state: { running: {} } }
        : {
            state: { waiting: {} },
            ...(c.lastTermination
              ? { lastState: { terminated: { exitCode: c.lastTermination.exitCode } } }
              : {}),
          };
  const phase = podPhase(
    policy,
    rt.init.map((c) => ({
      name: c.name,
      image: '',
      imageID: '',
      ready: false,
      restartCount: 0,
      ...status(c),
    })),
    rt.init.map((c) => c.sidecar),
    rt.containers.map((c) => ({
      name: c.name,
      image: '',
      imageID: '',
      ready: false,
      restartCount: 0,
      ...status(c),
    })),
  );
  if (phase === 'Succeeded' || phase === 'Failed') {
    rt.terminal = phase;
    for (const c of rt.init) if (c.sidecar && c.phase.kind === 'running') terminate(c, s.now, 0, 'Completed');
  }
}

/** Seconds a preStop hook runs: a sleep action's seconds, or `sleep N` in an exec command, else 0. */
export function preStopSeconds(lifecycle: Lifecycle | undefined): number {
  const pre = lifecycle?.preStop;
  if (!pre) return 0;
  if (pre.sleep) return pre.sleep.seconds;
  const cmd = (pre.exec?.command ?? []).join(' ');
  const m = /\bsleep\s+(\d+(?:\.\d+)?)/.exec(cmd);
  return m ? Number(m[1]) : 0;
}

/**
 * A deleted pod: preStop, SIGTERM, exit within the grace period (kuberuntime killContainer). Returns true
 * once every container has stopped, when the kubelet removes the pod (status manager, grace 0).
 */
export function stopPod(s: StepContext): boolean {
  const rt = s.rt;
  const grace = s.pod.metadata.deletionGracePeriodSeconds ?? s.pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (rt.terminatingSinceMs === undefined) {
    rt.terminatingSinceMs = s.now;
    for (const c of [...rt.containers, ...rt.init]) {
      c.stopping = true;
      if (c.phase.kind !== 'running') continue;
      s.event('Normal', 'Killing', `Stopping container ${c.name}`);
      const hook = Math.min(preStopSeconds(c.spec.lifecycle), grace);
      const remaining = Math.max(grace - hook, MINIMUM_GRACE_SECONDS);
      c.killExitAtMs = s.now + hook * 1000 + Math.min(SHUTDOWN_MS, remaining * 1000);
    }
  }
  let running = false;
  for (const c of [...rt.containers, ...rt.init]) {
    if (c.phase.kind !== 'running') continue;
    const at = c.killExitAtMs ?? s.now;
    if (at <= s.now) terminate(c, at, 0, 'Completed');
    else {
      running = true;
      s.wake(at);
    }
  }
  return !running;
}
