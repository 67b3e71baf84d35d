/**
 * Simulated container logs. Nothing is stored: the lines of a container instance are derived on demand,
 * deterministically, from what the simulation already holds — the kubelet's container statuses (when the
 * instance started, when and how it ended), the application's behaviour annotation (start-up time,
 * health, crashes), the pod's probes (each HTTP probe the kubelet sends is an access-log line), the
 * pod's Events (a probe fault injected by `kubecanvas pod break` means the kubelet fails the probe without
 * asking the application, so those probes leave no line), and the traffic model's per-pod series
 * (requests served). The same simulation state always gives the same lines.
 *
 * Which instance a request reads, and the errors when there is none, follow the kubelet's
 * validateContainerLogStatus (pkg/kubelet/kubelet_pods.go) and the API server's LogLocation
 * (pkg/registry/core/pod/strategy.go).
 */
import { parseTimestamp, timestamp } from '../api/time';
import type { Container, ContainerStatus, KubeObject, Node, Pod, Probe } from '../api/types';
import { containerBehavior, NODE_FAULT_ANNOTATION, type ContainerBehavior } from '../behavior';
import type { Simulation } from '../core/simulation';
import { trafficMetrics } from '../network';
import { Prng } from '../../lib';

/** One log line: when the process wrote it (simulated ms) and its text. */
export interface LogLine {
  atMs: number;
  text: string;
}

/** The lines of one container instance, or the error kubectl prints. */
export type LogResult = { ok: true; lines: LogLine[] } | { ok: false; error: string };

/** The kubelet keeps the newest lines of a container's log (its log rotation); so do we. */
export const MAX_LOG_LINES = 10_000;

/** At most this many access-log lines for requests per second; the rest are summed up in one line. */
export const MAX_REQUEST_LINES_PER_SECOND = 20;

const KUBE_PROBE_AGENT = 'kube-probe/1.33';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One run of a container: from its start to its end (undefined while it runs). */
interface Instance {
  startedAtMs: number;
  endedAtMs?: number;
  exitCode?: number;
  reason?: string;
}

type P = Pod & KubeObject;

// ---- time formats ----

function parts(ms: number): { y: string; mo: string; d: string; hms: string } {
  const ts = timestamp(ms); // 2025-01-01T00:00:02Z
  return { y: ts.slice(0, 4), mo: ts.slice(5, 7), d: ts.slice(8, 10), hms: ts.slice(11, 19) };
}

/** `01/Jan/2025:00:00:02 +0000`, the access-log time. */
function accessTime(ms: number): string {
  const p = parts(ms);
  return `${p.d}/${MONTHS[Number(p.mo) - 1] ?? 'Jan'}/${p.y}:${p.hms} +0000`;
}

/** `2025/01/01 00:00:02`, nginx's error-log time. */
function nginxTime(ms: number): string {
  const p = parts(ms);
  return `${p.y}/${p.mo}/${p.d} ${p.hms}`;
}

/** `01 Jan 2025 00:00:02.000`, redis's log time. */
function redisTime(ms: number): string {
  const p = parts(ms);
  const milli = String(Math.floor(ms) % 1000).padStart(3, '0');
  return `${p.d} ${MONTHS[Number(p.mo) - 1] ?? 'Jan'} ${p.y} ${p.hms}.${milli}`;
}

/** RFC 3339 with milliseconds, as `kubectl logs --timestamps` prefixes lines (the runtime's time). */
export function logTimestamp(ms: number): string {
  const base = timestamp(ms);
  const milli = String(((Math.floor(ms) % 1000) + 1000) % 1000).padStart(3, '0');
  return `${base.slice(0, 19)}.${milli}000000Z`;
}

// ---- what kind of program the image runs ----

type Flavor = 'nginx' | 'redis' | 'postgres' | 'app';

function flavorOf(image: string): Flavor {
  const repo = image.split('@')[0]?.split(':')[0]?.split('/').pop() ?? '';
  if (repo.includes('nginx')) return 'nginx';
  if (repo.includes('redis')) return 'redis';
  if (repo.includes('postgres')) return 'postgres';
  return 'app';
}

function firstPort(c: Container): number | undefined {
  return c.ports?.[0]?.containerPort;
}

function startLines(c: Container, b: ContainerBehavior, inst: Instance): LogLine[] {
  const t0 = inst.startedAtMs;
  const ready = t0 + b.startupSeconds * 1000;
  const port = firstPort(c);
  const image = c.image ?? '';
  const out: LogLine[] = [];
  const add = (atMs: number, text: string) => out.push({ atMs, text });
  switch (flavorOf(image)) {
    case 'nginx': {
      const version = /:(\d+(?:\.\d+)*)/.exec(image)?.[1] ?? '1.27.0';
      add(t0, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh');
      add(t0, '/docker-entrypoint.sh: Configuration complete; ready for start up');
      add(t0, `${nginxTime(t0)} [notice] 1#1: using the "epoll" event method`);
      add(t0, `${nginxTime(t0)} [notice] 1#1: nginx/${version}`);
      if (b.listening) add(ready, `${nginxTime(ready)} [notice] 1#1: start worker processes`);
      break;
    }
    case 'redis':
      add(t0, `1:C ${redisTime(t0)} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`);
      add(t0, `1:M ${redisTime(t0)} * monotonic clock: POSIX clock_gettime`);
      if (b.listening) {
        add(ready, `1:M ${redisTime(ready)} * Running mode=standalone, port=${port ?? 6379}.`);
        add(ready, `1:M ${redisTime(ready)} * Ready to accept connections tcp`);
      }
      break;
    case 'postgres':
      add(t0, `${timestamp(t0).replace('T', ' ').replace('Z', '')}.000 UTC [1] LOG:  starting PostgreSQL`);
      if (b.listening)
        add(
          ready,
          `${timestamp(ready).replace('T', ' ').replace('Z', '')}.000 UTC [1] LOG:  database system is ready to accept connections`,
        );
      break;
    case 'app':
      add(t0, `${timestamp(t0)} INFO starting ${c.name} (image ${image || 'unknown'})`);
      if (b.listening)
        add(ready, `${timestamp(ready)} INFO listening on 0.0.0.0:${port ?? 8080}, ready to serve`);
      break;
  }
  return out;
}

function endLines(c: Container, b: ContainerBehavior, inst: Instance): LogLine[] {
  if (inst.endedAtMs === undefined) return [];
  const t = inst.endedAtMs;
  const code = inst.exitCode ?? 0;
  const crashed =
    b.crashAfterSeconds !== undefined &&
    t === inst.startedAtMs + b.crashAfterSeconds * 1000 &&
    code === b.exitCode &&
    code !== 0;
  const nginx = flavorOf(c.image ?? '') === 'nginx';
  if (crashed)
    return nginx
      ? [{ atMs: t, text: `${nginxTime(t)} [emerg] 1#1: worker process exited unexpectedly, exiting` }]
      : [
          { atMs: t, text: `${timestamp(t)} ERROR unrecoverable error in ${c.name}: giving up` },
          { atMs: t, text: `${timestamp(t)} FATAL exiting with code ${code}` },
        ];
  if (inst.reason === 'Completed' && code === 0) {
    if (b.completeAfterSeconds !== undefined && t === inst.startedAtMs + b.completeAfterSeconds * 1000)
      return [{ atMs: t, text: `${timestamp(t)} INFO work complete, exiting` }];
    return nginx
      ? [
          { atMs: t, text: `${nginxTime(t)} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down` },
          { atMs: t, text: `${nginxTime(t)} [notice] 1#1: exit` },
        ]
      : [{ atMs: t, text: `${timestamp(t)} INFO received SIGTERM, shut down cleanly` }];
  }
  if (code === 137 || code === 143)
    return [
      {
        atMs: t,
        text: nginx
          ? `${nginxTime(t)} [notice] 1#1: signal 15 (SIGTERM) received, exiting`
          : `${timestamp(t)} INFO received SIGTERM, shutting down`,
      },
    ];
  return [];
}

// ---- probes ----

function probeLabel(type: 'liveness' | 'readiness' | 'startup'): string {
  return type === 'liveness' ? 'Liveness' : type === 'readiness' ? 'Readiness' : 'Startup';
}

/** The gateway of a pod's network on its node (where the kubelet's probes come from). */
function nodeGateway(podIP: string | undefined): string {
  const m = /^(\d+\.\d+\.\d+)\.\d+$/.exec(podIP ?? '');
  return m ? `${m[1]}.1` : '10.244.0.1';
}

/** When the kubelet injected a probe fault of each type (its first `... probe failed: ... 503` Event). */
function faultStarts(sim: Simulation, pod: P): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of sim.store.list('Event', pod.metadata.namespace)) {
    const ev = e as Any;
    if (ev.involvedObject?.uid !== pod.metadata.uid || ev.reason !== 'Unhealthy') continue;
    const m = /^(Liveness|Readiness|Startup) probe failed: HTTP probe failed with statuscode: 503$/.exec(
      ev.message ?? '',
    );
    if (!m) continue;
    const at = parseTimestamp(ev.firstTimestamp ?? ev.eventTime ?? '');
    const prev = out.get(m[1] as string);
    if (prev === undefined || at < prev) out.set(m[1] as string, at);
  }
  return out;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- Event fields read loosely */
type Any = any;

function probeTicks(probe: Probe, origin: number, from: number, until: number): number[] {
  const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
  const first = from <= origin ? origin : origin + Math.ceil((from - origin) / period) * period;
  const out: number[] = [];
  for (let t = first; t < until && out.length < MAX_LOG_LINES * 2; t += period) out.push(t);
  return out;
}

function probeLines(
  pod: P,
  c: Container,
  b: ContainerBehavior,
  inst: Instance,
  until: number,
  faults: Map<string, number>,
): LogLine[] {
  const out: LogLine[] = [];
  const up = inst.startedAtMs + b.startupSeconds * 1000;
  const origin = pod.status?.startTime ? parseTimestamp(pod.status.startTime) : inst.startedAtMs;
  const from = (p: Probe) => inst.startedAtMs + (p.initialDelaySeconds ?? 0) * 1000;
  const source = nodeGateway(pod.status?.podIP);
  const answers = (t: number): number | undefined => {
    if (!b.listening || t < up) return undefined; // connection refused: nothing logged
    if (!b.healthy) return 500;
    if (b.failAfterSeconds !== undefined && t >= inst.startedAtMs + b.failAfterSeconds * 1000) return 500;
    return 200;
  };
  // Liveness and readiness probes begin once the startup probe has succeeded (worker.go).
  let started = inst.startedAtMs;
  if (c.startupProbe) {
    const ticks = probeTicks(c.startupProbe, origin, from(c.startupProbe), until);
    const ok = ticks.find((t) => answers(t) === 200);
    started = ok ?? Infinity;
  }
  const probes: Array<['liveness' | 'readiness' | 'startup', Probe | undefined]> = [
    ['startup', c.startupProbe],
    ['liveness', c.livenessProbe],
    ['readiness', c.readinessProbe],
  ];
  for (const [type, probe] of probes) {
    const http = probe?.httpGet;
    if (!probe || !http) continue;
    const begin = type === 'startup' ? from(probe) : Math.max(from(probe), started);
    const end = type === 'startup' ? Math.min(until, started + 1) : until;
    const faultAt = faults.get(probeLabel(type)) ?? Infinity;
    const path = http.path ?? '/';
    const ticks = probeTicks(probe, origin, begin, end);
    if (type === 'readiness' && begin < end && !ticks.includes(begin)) ticks.unshift(begin);
    for (const t of ticks) {
      if (t >= faultAt) continue; // the kubelet failed it without asking the application
      const code = answers(t);
      if (code === undefined) continue;
      out.push({
        atMs: t,
        text: `${source} - - [${accessTime(t)}] "GET ${path} HTTP/1.1" ${code} ${code === 200 ? 2 : 21} "-" "${KUBE_PROBE_AGENT}"`,
      });
    }
  }
  return out;
}

// ---- requests ----

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function requestLines(sim: Simulation, pod: P, inst: Instance, until: number): LogLine[] {
  const series = trafficMetrics(sim).series(`Pod/${pod.metadata.namespace}/${pod.metadata.name}`);
  if (series.length === 0) return [];
  const bucketMs = trafficMetrics(sim).bucketMs;
  const clients = sim.store
    .list<Node & KubeObject>('Node')
    .map((n) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address)
    .filter((a): a is string => !!a);
  if (clients.length === 0) clients.push('10.0.0.1');
  const out: LogLine[] = [];
  for (const s of series) {
    const begin = s.t - bucketMs;
    if (begin < inst.startedAtMs || s.t > until) continue;
    const count = Math.round((s.outcomes.success * bucketMs) / 1000);
    if (count <= 0) continue;
    const rng = new Prng(hash(`${pod.metadata.uid}/${s.t}`));
    const shown = Math.min(count, MAX_REQUEST_LINES_PER_SECOND);
    for (let i = 0; i < shown; i++) {
      const t = begin + Math.floor(((i + 0.5) * bucketMs) / shown);
      const bytes = 600 + rng.int(200);
      out.push({
        atMs: t,
        text: `${rng.pick(clients)} - - [${accessTime(t)}] "GET / HTTP/1.1" 200 ${bytes} "-" "Mozilla/5.0"`,
      });
    }
    if (count > shown)
      out.push({
        atMs: s.t - 1,
        text: `${timestamp(s.t - 1)} INFO access log sampled: ${count - shown} more requests served in this second`,
      });
  }
  return out;
}

// ---- which instance ----

function instanceOf(state: ContainerStatus['state'] | undefined): Instance | undefined {
  if (state?.running?.startedAt) return { startedAtMs: parseTimestamp(state.running.startedAt) };
  const t = state?.terminated;
  if (t?.startedAt)
    return {
      startedAtMs: parseTimestamp(t.startedAt),
      endedAtMs: parseTimestamp(t.finishedAt ?? t.startedAt),
      exitCode: t.exitCode,
      reason: t.reason ?? '',
    };
  return undefined;
}

/** All container names as kubectl lists them (podcmd.AllContainerNames): `a, b, init (init)`. */
export function allContainerNames(pod: Pod): string {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

function badRequest(message: string): LogResult {
  return { ok: false, error: `Error from server (BadRequest): ${message}` };
}

/**
 * The log lines of one container of a pod: the current instance, or with `previous` the last one that
 * terminated. The container must exist in the pod (the caller resolves kubectl's default container).
 */
export function containerLog(sim: Simulation, pod: P, containerName: string, previous: boolean): LogResult {
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
    (c) => c.name === containerName,
  );
  const name = pod.metadata.name;
  if (!spec)
    return {
      ok: false,
      error: `error: container ${containerName} is not valid for pod ${name} out of: ${allContainerNames(pod)}`,
    };
  // LogLocation: a pod not yet on a node has no log to stream; the answer is empty.
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return { ok: true, lines: [] };
  const node = sim.store.get<Node & KubeObject>('Node', undefined, nodeName);
  if (node?.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down') {
    const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
    return {
      ok: false,
      error: `Error from server: Get "https://${ip}:10250/containerLogs/${pod.metadata.namespace}/${name}/${containerName}": dial tcp ${ip}:10250: connect: no route to host`,
    };
  }
  const status = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ].find((s) => s.name === containerName);
  if (!status) return badRequest(`container "${containerName}" in pod "${name}" is not available`);
  const last = instanceOf(status.lastState);
  let inst: Instance | undefined;
  if (previous) {
    if (!last)
      return badRequest(`previous terminated container "${containerName}" in pod "${name}" not found`);
    inst = last;
  } else {
    inst = instanceOf(status.state) ?? last;
    if (!inst) {
      const reason = status.state?.waiting?.reason ?? '';
      const why =
        reason === 'ErrImagePull'
          ? "image can't be pulled"
          : reason === 'ImagePullBackOff'
            ? 'trying and failing to pull image'
            : reason;
      return badRequest(`container "${containerName}" in pod "${name}" is waiting to start: ${why}`);
    }
  }
  return { ok: true, lines: instanceLines(sim, pod, spec, inst) };
}

function instanceLines(sim: Simulation, pod: P, c: Container, inst: Instance): LogLine[] {
  const b = containerBehavior(pod.metadata.annotations, c.name);
  const until = Math.min(inst.endedAtMs ?? sim.now, sim.now);
  const notAfter = (l: LogLine) => l.atMs <= until;
  // The traffic model sends a pod's requests to the container declaring the port, else the first.
  const containers = pod.spec?.containers ?? [];
  const isServing =
    (c.ports?.length ?? 0) > 0 ||
    (containers[0]?.name === c.name && !containers.some((x) => (x.ports?.length ?? 0) > 0));
  const lines = [
    ...startLines(c, b, inst).filter(notAfter),
    ...probeLines(pod, c, b, inst, until, faultStarts(sim, pod)),
    ...(isServing && b.listening ? requestLines(sim, pod, inst, until) : []),
    ...endLines(c, b, inst),
  ];
  // Stable by time: lines written at the same instant keep the order above.
  const sorted = lines.map((l, i) => ({ l, i })).sort((a, z) => a.l.atMs - z.l.atMs || a.i - z.i);
  const kept = sorted.length > MAX_LOG_LINES ? sorted.slice(-MAX_LOG_LINES) : sorted;
  return kept.map((x) => x.l);
}
