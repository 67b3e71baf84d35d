/**
 * Probe workers as pkg/kubelet/prober/worker.go runs them, one per (container, probe type), and the
 * outcome of one probe against the simulated application (its behaviour annotation).
 *
 * Worker rules (worker.go doProbe), ported:
 * - the published result starts at the initial value: liveness Success, readiness Failure, startup Unknown;
 * - a container that is not running publishes Failure;
 * - no probe while `int(seconds since start) < initialDelaySeconds`;
 * - liveness and readiness do not probe until the container has started (startup probe Success); the
 *   startup worker stops probing once it has;
 * - the published result changes only after failureThreshold consecutive failures or successThreshold
 *   consecutive successes;
 * - after publishing a liveness Failure, or any startup result, the worker is on hold (no probes) until a
 *   new container appears.
 */
import type { Probe } from '../api/types';
import type { ContainerBehavior } from '../behavior';

/** The three kinds of probe worker. */
export type ProbeType = 'liveness' | 'readiness' | 'startup';

/**
 * kubecanvas's own fault switch on a pod: `readiness` (or `liveness`, `startup`, comma-separated) makes
 * that type of probe fail whatever the application does (set by breakPod).
 */
export const PROBE_FAULT_ANNOTATION = 'kubecanvas.dev/probe-fault';
/** A probe worker's published result (results.Result). */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** One worker's state. */
export interface ProbeWorker {
  type: ProbeType;
  probe: Probe;
  /** The result the kubelet acts on (resultsManager). */
  published: ProbeResult;
  lastResult: ProbeResult;
  resultRun: number;
  onHold: boolean;
  /** The container instance the worker follows (a new one resumes a worker on hold). */
  containerId: string;
  /** When the worker probes next (kubelet bookkeeping; undefined until scheduled). */
  nextAtMs?: number | undefined;
}

/** What a probe tick sees of its container. */
export interface ProbeTickInput {
  running: boolean;
  startedAtMs: number;
  nowMs: number;
  /** Whether the container has started (its startup probe succeeded, or it has none). */
  started: boolean;
  containerId: string;
  /** Runs the probe (called only when the worker decides to probe). */
  run: () => ProbeResult;
}

/** The initial value a worker publishes (prober_manager.go / worker.go newWorker). */
export function initialResult(type: ProbeType): ProbeResult {
  return type === 'liveness' ? 'Success' : type === 'readiness' ? 'Failure' : 'Unknown';
}

/** A worker as newWorker makes it: its initial result published, not on hold. */
export function newWorker(type: ProbeType, probe: Probe, containerId = ''): ProbeWorker {
  return {
    type,
    probe,
    published: initialResult(type),
    lastResult: 'Unknown',
    resultRun: 0,
    onHold: false,
    containerId,
  };
}

/**
 * One tick of doProbe. Mutates the worker; returns whether a probe actually ran (so callers can report
 * Unhealthy events for failures).
 */
export function probeTick(w: ProbeWorker, input: ProbeTickInput): { ran: boolean; result?: ProbeResult } {
  if (w.containerId !== input.containerId) {
    w.containerId = input.containerId;
    w.published = initialResult(w.type);
    w.onHold = false;
  }
  if (w.onHold) return { ran: false };
  if (!input.running) {
    w.published = 'Failure';
    return { ran: false };
  }
  const p = w.probe;
  if (Math.trunc((input.nowMs - input.startedAtMs) / 1000) < (p.initialDelaySeconds ?? 0))
    return { ran: false };
  if (input.started) {
    if (w.type === 'startup') return { ran: false };
  } else if (w.type !== 'startup') return { ran: false };
  const result = input.run();
  if (w.lastResult === result) w.resultRun++;
  else {
    w.lastResult = result;
    w.resultRun = 1;
  }
  const failureThreshold = p.failureThreshold ?? 3;
  const successThreshold = p.successThreshold ?? 1;
  if (
    (result === 'Failure' && w.resultRun < failureThreshold) ||
    (result === 'Success' && w.resultRun < successThreshold)
  )
    return { ran: true, result };
  w.published = result;
  if ((w.type === 'liveness' && result === 'Failure') || w.type === 'startup') {
    w.onHold = true;
    w.resultRun = 0;
  }
  return { ran: true, result };
}

/** The moment of the first tick at or after `atMs`, for ticks at `epochMs + k * period`. */
export function nextTick(epochMs: number, periodSeconds: number, atMs: number): number {
  const period = Math.max(1, periodSeconds) * 1000;
  if (atMs <= epochMs) return epochMs;
  return epochMs + Math.ceil((atMs - epochMs) / period) * period;
}

/** What the probe meets: the container's process and the node it runs on. */
export interface ProbeTarget {
  behavior: ContainerBehavior;
  startedAtMs: number;
  nowMs: number;
  podIP: string;
}

/** The outcome of a probe and, for a failure, the message after "Liveness probe failed: ". */
export interface ProbeOutcome {
  result: 'Success' | 'Failure';
  message: string;
}

function portOf(p: Probe): string {
  const port = p.httpGet?.port ?? p.tcpSocket?.port ?? p.grpc?.port ?? 80;
  return String(port);
}

/**
 * Runs a probe against the simulated process (pkg/kubelet/prober/prober.go runProbe; messages as the
 * http, tcp, exec and grpc probers word them). The process answers once `startupSeconds` have passed;
 * httpGet, grpc and exec probes succeed while it is healthy and before `failAfterSeconds`; a tcpSocket
 * probe only needs the port to be open (`listening`); a latency above timeoutSeconds is a timeout.
 */
export function runProbe(p: Probe, t: ProbeTarget): ProbeOutcome {
  const b = t.behavior;
  const elapsedS = (t.nowMs - t.startedAtMs) / 1000;
  const up = elapsedS >= b.startupSeconds;
  const healthy = b.healthy && (b.failAfterSeconds === undefined || elapsedS < b.failAfterSeconds);
  const host = p.httpGet?.host ?? t.podIP;
  const port = portOf(p);
  const timeoutS = p.timeoutSeconds ?? 1;
  const slow = b.latencyMs > timeoutS * 1000;
  if (p.tcpSocket) {
    if (up && b.listening) return { result: 'Success', message: '' };
    return { result: 'Failure', message: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (p.exec) {
    if (up && healthy) return { result: 'Success', message: '' };
    const cmd = (p.exec.command ?? []).join(' ');
    return { result: 'Failure', message: `command "${cmd}" exited with 1` };
  }
  if (p.grpc) {
    if (!up || !b.listening)
      return {
        result: 'Failure',
        message: `timeout: failed to connect service "${host}:${port}" within ${timeoutS}s: context deadline exceeded`,
      };
    if (slow)
      return { result: 'Failure', message: `timeout: health rpc did not complete within ${timeoutS}s` };
    if (healthy) return { result: 'Success', message: '' };
    return { result: 'Failure', message: 'service unhealthy (responded with "NOT_SERVING")' };
  }
  const scheme = (p.httpGet?.scheme ?? 'HTTP').toLowerCase();
  const url = `${scheme}://${host}:${port}${p.httpGet?.path ?? '/'}`;
  if (!up || !b.listening)
    return {
      result: 'Failure',
      message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`,
    };
  if (slow)
    return {
      result: 'Failure',
      message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    };
  if (healthy) return { result: 'Success', message: '' };
  return { result: 'Failure', message: 'HTTP probe failed with statuscode: 500' };
}

/** "Liveness", "Readiness", "Startup" as the Unhealthy event starts its message. */
export function probeLabel(type: ProbeType): string {
  return type === 'liveness' ? 'Liveness' : type === 'readiness' ? 'Readiness' : 'Startup';
}
