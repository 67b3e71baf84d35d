/**
 * Simulated application behaviour: what a container's process does once the kubelet starts it, so that
 * probes and traffic have something real to act on. It is stored in the pod's (or the pod template's)
 * annotation `kubecanvas.dev/behavior` as JSON, so it survives export and import of a project, and the
 * kubectl export drops it with every other `kubecanvas.dev/` annotation.
 *
 * The annotation holds defaults for every container and, under `containers`, overrides per container
 * name:
 *
 *   kubecanvas.dev/behavior: '{"startupSeconds": 20, "containers": {"web": {"healthy": false}}}'
 *
 * Parsing is tolerant (a UI edits it): unknown keys and values of the wrong type are ignored and reported
 * in `problems`, never thrown.
 */

/** The annotation that carries a pod's behaviour. */
export const BEHAVIOR_ANNOTATION = 'kubecanvas.dev/behavior';

/**
 * A simulator fault set on a Node (by `kubecanvas node fail` or the canvas): `down` means the machine is
 * off (its kubelet stops posting status, its pods stop answering); absent means healthy.
 */
export const NODE_FAULT_ANNOTATION = 'kubecanvas.dev/fault';

/** What one container's process does. Times are simulated seconds after the container starts. */
export interface ContainerBehavior {
  /** Seconds from start until the process listens and its health endpoint can answer. */
  startupSeconds: number;
  /** Whether the health endpoint (httpGet/grpc/exec probe) answers success once started. */
  healthy: boolean;
  /** When set, the health endpoint starts failing this many seconds after start (a slow leak, a deadlock). */
  failAfterSeconds?: number;
  /** When set, the process exits with `exitCode` this many seconds after start (0 = crash on start). */
  crashAfterSeconds?: number;
  /** Exit code of a crash or of a run-to-completion process. */
  exitCode: number;
  /** When set, the process finishes by itself after this many seconds (a Job's work), with `exitCode`. */
  completeAfterSeconds?: number;
  /** Whether the process accepts TCP connections on its ports once started (tcpSocket probes, traffic). */
  listening: boolean;
  /** Requests per second one replica serves before requests start timing out. */
  capacityRps: number;
  /** Median latency of a request in milliseconds, at low load. */
  latencyMs: number;
  /** CPU used in millicores per request per second (drives CPU metrics and the HPA). */
  cpuMilliPerRps: number;
  /** CPU used in millicores when idle. */
  idleCpuMilli: number;
}

/** Upstream has no say here; these are kubecanvas's own defaults, chosen to look like a small web app. */
export const DEFAULT_BEHAVIOR: Readonly<ContainerBehavior> = Object.freeze({
  startupSeconds: 2,
  healthy: true,
  exitCode: 1,
  listening: true,
  capacityRps: 100,
  latencyMs: 20,
  cpuMilliPerRps: 2,
  idleCpuMilli: 5,
});

/** A pod's parsed behaviour: defaults for all containers plus per-container overrides, and any problems. */
export interface PodBehavior {
  defaults: ContainerBehavior;
  containers: Record<string, ContainerBehavior>;
  problems: string[];
}

const NUMBER_KEYS = [
  'startupSeconds',
  'failAfterSeconds',
  'crashAfterSeconds',
  'exitCode',
  'completeAfterSeconds',
  'capacityRps',
  'latencyMs',
  'cpuMilliPerRps',
  'idleCpuMilli',
] as const;
const BOOLEAN_KEYS = ['healthy', 'listening'] as const;

function overlay(
  base: ContainerBehavior,
  raw: unknown,
  where: string,
  problems: string[],
): ContainerBehavior {
  if (raw === undefined) return base;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${where}: expected an object`);
    return base;
  }
  const out: ContainerBehavior = { ...base };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'containers' && where === 'behavior') continue;
    if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
        (out as unknown as Record<string, number>)[key] = value;
      else problems.push(`${where}.${key}: expected a non-negative number`);
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'boolean') (out as unknown as Record<string, boolean>)[key] = value;
      else problems.push(`${where}.${key}: expected true or false`);
    } else problems.push(`${where}: unknown field "${key}"`);
  }
  return out;
}

/** Parses the annotation's value (undefined gives the defaults). Never throws. */
export function parseBehavior(annotation: string | undefined): PodBehavior {
  const problems: string[] = [];
  if (annotation === undefined || annotation.trim() === '')
    return { defaults: { ...DEFAULT_BEHAVIOR }, containers: {}, problems };
  let raw: unknown;
  try {
    raw = JSON.parse(annotation);
  } catch {
    return { defaults: { ...DEFAULT_BEHAVIOR }, containers: {}, problems: ['behavior: not valid JSON'] };
  }
  const defaults = overlay({ ...DEFAULT_BEHAVIOR }, raw, 'behavior', problems);
  const containers: Record<string, ContainerBehavior> = {};
  const perContainer =
    raw !== null && typeof raw === 'object' ? (raw as { containers?: unknown }).containers : undefined;
  if (perContainer !== undefined) {
    if (perContainer === null || typeof perContainer !== 'object' || Array.isArray(perContainer))
      problems.push('behavior.containers: expected an object keyed by container name');
    else
      for (const [name, value] of Object.entries(perContainer as Record<string, unknown>))
        containers[name] = overlay(defaults, value, `behavior.containers.${name}`, problems);
  }
  return { defaults, containers, problems };
}

/** The behaviour of one container of a pod, from its annotations. */
export function containerBehavior(
  annotations: Record<string, string> | undefined,
  containerName: string,
): ContainerBehavior {
  const parsed = parseBehavior(annotations?.[BEHAVIOR_ANNOTATION]);
  return parsed.containers[containerName] ?? parsed.defaults;
}

/**
 * Writes a behaviour back as the annotation's value, keeping only what differs from the defaults so that
 * the annotation stays short and readable.
 */
export function formatBehavior(behavior: Pick<PodBehavior, 'defaults' | 'containers'>): string {
  const diff = (b: ContainerBehavior, base: ContainerBehavior): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of [...NUMBER_KEYS, ...BOOLEAN_KEYS]) {
      if (b[key] !== base[key] && b[key] !== undefined) out[key] = b[key];
    }
    return out;
  };
  const out = diff(behavior.defaults, DEFAULT_BEHAVIOR);
  const containers: Record<string, unknown> = {};
  for (const [name, b] of Object.entries(behavior.containers)) {
    const d = diff(b, behavior.defaults);
    if (Object.keys(d).length > 0) containers[name] = d;
  }
  if (Object.keys(containers).length > 0) out['containers'] = containers;
  return JSON.stringify(out);
}
