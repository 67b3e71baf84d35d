/**
 * `kubectl logs (POD | TYPE/NAME | -l SELECTOR) [-c CONTAINER] [--all-containers] [--all-pods] [--prefix]
 * [-p] [--tail N] [--since D | --since-time T] [--timestamps] [--limit-bytes N] [--pod-running-timeout D]
 * [-f]` over the simulated containers
 * (src/engine/logs), as staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go and
 * pkg/polymorphichelpers/logsforobject.go do it:
 * - the requests are worked out first (one per pod and container); the notes kubectl writes to stderr on
 *   the way ("Found N pods, using pod/x", "Defaulted container ...") and an invalid container come then;
 * - a workload's pod is its first by podutils.ByLogging (GetFirstPod), or all of them with --all-pods;
 * - without -f the requests are read one after the other (sequentialConsumeRequest; kubectl walks a Go
 *   map, in no fixed order: here pods in the API's list order, containers init first); the first failing
 *   one stops the command unless --ignore-errors;
 * - with -f and more than one request, at most --max-log-requests streams are followed at once, and their
 *   lines interleave as they are written (parallelConsumeRequest), here by the time they were written.
 */
import { labelSelectorAsSelector, selectorFromSet } from '../api/labels';
import type { KubeObject, Pod } from '../api/types';
import type { Simulation } from '../core/simulation';
import {
  allContainerNames,
  byLogging,
  containerLog,
  firstPodForLogs,
  limitLogBytes,
  logTimestamp,
  readLog,
  type LogLine,
} from '../logs';
import { failed, getObject, listObjects, type CommandResult } from './objects';
import type { Command } from './types';

type Cmd = Extract<Command, { verb: 'logs' }>;
type P = Pod & KubeObject;
/* eslint-disable @typescript-eslint/no-explicit-any -- reads spec.selector of several kinds */
type Any = any;

const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** One log stream kubectl opens: a container of a pod. */
interface LogRequest {
  pod: P;
  container: string;
}

/** GetFirstPod found no pod yet: kubectl watches for one, up to --pod-running-timeout. */
const WAITING = Symbol('waiting for a pod');

/** The pods to read, and the notes kubectl writes to stderr on the way. */
function resolvePods(sim: Simulation, cmd: Cmd, notes: string[]): P[] | string | typeof WAITING {
  if (!cmd.target) {
    const pods = listObjects(sim, 'Pod', cmd.scope, cmd.selector) as P[];
    if (pods.length === 0) notes.push(`No resources found in ${cmd.scope.namespace} namespace.`);
    return pods;
  }
  const obj = getObject(sim, cmd.target.kind, cmd.scope, cmd.target.name);
  if (typeof obj === 'string') return obj;
  if (obj.kind === 'Pod') return [obj as P];
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
  // GetFirstPod (polymorphichelpers/helpers.go) watches up to --pod-running-timeout for a pod to appear
  // (an ADDED or MODIFIED event), then reads it, whatever its phase.
  if (!pod) return WAITING;
  if (count > 1 && cmd.allPods) return [...pods].sort(byLogging);
  if (count > 1) notes.push(`Found ${count} pods, using pod/${pod.metadata.name}`);
  return [pod];
}

function containerNames(pod: P): string[] {
  return [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].map((c) => c.name);
}

/** The requests for one pod: every container, the one asked for, or kubectl's default one. */
function podRequests(pod: P, cmd: Cmd, notes: string[]): LogRequest[] | string {
  if (cmd.allContainers) return containerNames(pod).map((container) => ({ pod, container }));
  let container = cmd.container;
  if (container === undefined) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (annotated) {
      if (containerNames(pod).includes(annotated)) container = annotated;
      else notes.push(`Default container name "${annotated}" not found in pod ${pod.metadata.name}`);
    }
    if (container === undefined) {
      container = pod.spec?.containers?.[0]?.name ?? '';
      const others =
        (pod.spec?.containers?.length ?? 0) > 1 ||
        (pod.spec?.initContainers?.length ?? 0) > 0 ||
        (pod.spec?.ephemeralContainers?.length ?? 0) > 0;
      if (others && !cmd.allPods)
        notes.push(`Defaulted container "${container}" out of: ${allContainerNames(pod)}`);
    }
  }
  if (!containerNames(pod).includes(container))
    return `error: container ${container} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`;
  return [{ pod, container }];
}

/** The error a failed stream writes with --ignore-errors: `error: ` and the server's message. */
function streamError(text: string): string {
  return text.replace(/^Error from server(?: \([A-Za-z]+\))?: /, 'error: ');
}

/** A line as the kubelet sends it: with --timestamps, its RFC 3339 time and a space first. */
function kubeletText(cmd: Cmd, line: LogLine): string {
  return `${cmd.timestamps ? `${logTimestamp(line.atMs)} ` : ''}${line.text}`;
}

/** A piece of output: a line, or (`cut`, --limit-bytes) the start of one with no newline after it. */
interface Chunk {
  at: number;
  text: string;
  cut: boolean;
}

/**
 * Reads one stream: its lines as kubectl prints them (the kubelet's byte limit first, then kubectl's
 * prefix, which the limit does not count), or the error.
 */
function consume(sim: Simulation, cmd: Cmd, req: LogRequest): Chunk[] | string {
  const log = containerLog(sim, req.pod, req.container, cmd.previous);
  if (!log.ok) return log.error;
  const lines = readLog(log.lines, sim.now, {
    tailLines: cmd.tail,
    ...(cmd.sinceSeconds !== undefined ? { sinceSeconds: cmd.sinceSeconds } : {}),
    ...(cmd.sinceTimeMs !== undefined ? { sinceTimeMs: cmd.sinceTimeMs } : {}),
  });
  const sent = limitLogBytes(
    lines.map((l) => ({ at: l.atMs, text: kubeletText(cmd, l) })),
    cmd.limitBytes,
  );
  const prefix = cmd.prefix ? `[pod/${req.pod.metadata.name}/${req.container}] ` : '';
  return sent.map((l) => ({ at: l.at, text: `${prefix}${l.text}`, cut: l.cut }));
}

/** Output lines; a cut line is continued by whatever is written next (DefaultConsumeRequest copies bytes). */
class Output {
  readonly lines: string[];
  private open = false;

  constructor(first: readonly string[]) {
    this.lines = [...first];
  }

  write(chunk: Chunk): void {
    if (this.open) this.lines[this.lines.length - 1] += chunk.text;
    else this.lines.push(chunk.text);
    this.open = chunk.cut;
  }

  line(text: string): void {
    this.write({ at: 0, text, cut: false });
  }
}

/** Runs `kubectl logs`. */
export function runLogs(sim: Simulation, cmd: Cmd): CommandResult {
  const notes: string[] = [];
  const pods = resolvePods(sim, cmd, notes);
  // No pod yet: kubectl waits. A console runs the line again as simulated time passes, for at most
  // waitMs; whoever runs it once (a scenario step) gets what kubectl prints when none comes in time.
  if (pods === WAITING)
    return {
      ...failed('error: timed out waiting for the condition'),
      pending: true,
      waitMs: cmd.podRunningTimeoutMs,
    };
  if (typeof pods === 'string') return failed(pods);
  const requests: LogRequest[] = [];
  for (const pod of pods) {
    const r = podRequests(pod, cmd, notes);
    if (typeof r === 'string') return failed([...notes, r].join('\n'));
    requests.push(...r);
  }
  const parallel = cmd.follow && requests.length > 1;
  if (parallel && requests.length > cmd.maxLogRequests)
    return failed(
      [
        ...notes,
        `error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${cmd.maxLogRequests}, use --max-log-requests to increase the limit`,
      ].join('\n'),
    );
  const out = new Output(notes);
  const streamed: Chunk[] = [];
  for (const req of requests) {
    const chunks = consume(sim, cmd, req);
    if (typeof chunks !== 'string') {
      if (parallel) streamed.push(...chunks);
      else for (const c of chunks) out.write(c);
      continue;
    }
    // A failing stream ends the command (the pipe closes with its error) unless --ignore-errors.
    if (!cmd.ignoreErrors) return failed([...(parallel ? notes : out.lines), chunks].join('\n'));
    // A stream that fails does so when it opens, before the others' lines arrive.
    if (parallel) streamed.push({ at: -Infinity, text: streamError(chunks), cut: false });
    else out.line(streamError(chunks));
  }
  // Streams followed at once interleave as their lines are written (a stable sort keeps each in order).
  for (const c of streamed.sort((a, b) => a.at - b.at)) out.write(c);
  const running =
    !cmd.previous && requests.some((r) => statusOf(r.pod, r.container)?.state?.running !== undefined);
  return {
    ok: true,
    output: out.lines.join('\n'),
    ...(cmd.follow && running ? { pending: true } : {}),
  };
}

function statusOf(pod: P, name: string) {
  return [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ].find((s) => s.name === name);
}
