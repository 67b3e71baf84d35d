/**
 * What if: the same design run twice from the same seed, once as designed and once with one change, both
 * headless, sampled once per simulated second. Pure (objects, seed, change, options in; series out), so
 * the Web Worker (whatIf.worker.ts) runs it off the main thread and the unit tests run it in Node.
 *
 * Each run: a fresh cluster (createCluster with the design's seed), the authored objects applied in the
 * document's order, a warm-up (not charted) so both runs start the window from a settled cluster, then
 * the charted window. A design-level change (readiness probe, rollout strategy, replicas) is in the
 * changed run's objects from the start; a new image or a node failure happens at `atSeconds` into the
 * window in the changed run only; an event both runs share (a rollout, a node failure) happens at the
 * same moment in both, so a probe or strategy change shows what it does during one.
 *
 * Traffic: the design's TrafficSources, or, when it has none, `rps` requests per second to the Service
 * that selects the focus workload (a Service is added for it when there is none). Figures are the
 * traffic as the clients see it: every TrafficSource's series, summed.
 */
import {
  createCluster,
  failNode,
  isClusterScoped,
  keyOf,
  labelSelectorAsSelector,
  objectKey,
  trafficMetrics,
  type Container,
  type KubeObject,
  type LabelSelector,
  type Pod,
  type PodTemplateSpec,
  type Probe,
  type Service,
  type Simulation,
  type TrafficSample,
} from '../../engine';

/** The one difference between the two runs. `workload` and `node` are store keys or names. */
export type WhatIfChange =
  | { type: 'withoutReadinessProbe'; workload: string }
  | { type: 'withReadinessProbe'; workload: string }
  | { type: 'strategy'; workload: string; maxSurge: string; maxUnavailable: string }
  | { type: 'replicas'; workload: string; replicas: number }
  | { type: 'image'; workload: string; image: string }
  | { type: 'failNode'; node: string };

/** Something both runs go through at `atSeconds` (so a probe or strategy change has a moment to matter). */
export type WhatIfEvent =
  { type: 'none' } | { type: 'rollout'; workload: string } | { type: 'failNode'; node: string };

export interface WhatIfOptions {
  /** Simulated seconds charted (after the warm-up). */
  durationSeconds: number;
  /** Seconds into the window at which the change (image, node failure) or the shared event happens. */
  atSeconds: number;
  /** Simulated seconds run before the window. */
  warmupSeconds: number;
  /** Requests per second sent when the design has no TrafficSource. */
  rps: number;
  /** What both runs go through at `atSeconds`. */
  during: WhatIfEvent;
}

export const DEFAULT_WHAT_IF_OPTIONS: WhatIfOptions = {
  durationSeconds: 180,
  atSeconds: 30,
  warmupSeconds: 60,
  rps: 50,
  during: { type: 'none' },
};

/** The figures of one simulated second of one run. `t` is seconds since the window started. */
export interface WhatIfSample {
  t: number;
  /** Requests per second offered by the clients. */
  rps: number;
  /** Percentage of requests that succeeded (100 when there were none). */
  successPct: number;
  /** Requests per second that failed (503, refused, timed out, 404). */
  failedRps: number;
  /** Ready pods of the focus workload (all ready pods when there is none). */
  ready: number;
  /** Pods not bound to a node. */
  pending: number;
}

export interface WhatIfRun {
  label: string;
  samples: WhatIfSample[];
  requests: number;
  failed: number;
  minReady: number;
  maxPending: number;
  /** Objects the cluster refused (kind name: message). */
  refused: string[];
}

export interface WhatIfResult {
  baseline: WhatIfRun;
  changed: WhatIfRun;
  /** One line: what the change did. */
  summary: string;
  /** What the what-if added to send traffic (empty when the design brings its own). */
  trafficNote: string;
  /** The workload whose ready pods are counted (`Deployment/ns/name`), if any. */
  focus: string | undefined;
}

/** Kinds with a pod template the what-if can change. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

interface Workload extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    strategy?: unknown;
    [k: string]: unknown;
  };
}

/** True when the object is a workload with a pod template (the what-if's changes apply to it). */
export function isWorkload(o: KubeObject): boolean {
  return WORKLOAD_KINDS.has(o.kind) && !!(o as Workload).spec?.template;
}

function containersOf(o: KubeObject): Container[] {
  return (o as Workload).spec?.template?.spec?.containers ?? [];
}

/** True when a container of the workload has a readiness probe. */
export function hasReadinessProbe(o: KubeObject): boolean {
  return containersOf(o).some((c) => !!c.readinessProbe);
}

function withContainers(o: KubeObject, fn: (c: Container, i: number) => Container): KubeObject {
  const w = o as Workload;
  const template = w.spec?.template ?? {};
  return {
    ...w,
    spec: {
      ...w.spec,
      template: {
        ...template,
        spec: { ...template.spec, containers: containersOf(o).map(fn) },
      },
    },
  } as KubeObject;
}

/** The readiness probe the what-if adds: HTTP GET /_health on the container's first port (story 9). */
export function defaultReadinessProbe(c: Container): Probe {
  return { httpGet: { path: '/_health', port: c.ports?.[0]?.containerPort ?? 8080 } };
}

/** An image with the next major version: web:1.0 -> web:2.0, nginx:1.25.3 -> nginx:2.0.0, redis -> redis:2. */
export function nextImage(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const at = image.indexOf('@');
  const base = at >= 0 ? image.slice(0, at) : image;
  if (colon <= slash || at >= 0) return `${base}:2`;
  const repo = image.slice(0, colon);
  const tag = image.slice(colon + 1);
  const m = /^(v?)(\d+)(.*)$/.exec(tag);
  if (!m) return `${repo}:2`;
  const rest = (m[3] ?? '').replace(/\d+/g, '0');
  return `${repo}:${m[1]}${Number(m[2]) + 1}${rest}`;
}

function intOrPercent(v: string): number | string {
  const t = v.trim();
  return /^\d+$/.test(t) ? Number(t) : t;
}

/** The change as people read it, e.g. `Without a readiness probe on web`. */
export function describeChange(change: WhatIfChange, atSeconds: number): string {
  const name = (key: string): string => key.split('/').pop() ?? key;
  switch (change.type) {
    case 'withoutReadinessProbe':
      return `Without a readiness probe on ${name(change.workload)}`;
    case 'withReadinessProbe':
      return `With a readiness probe on ${name(change.workload)}`;
    case 'strategy':
      return `${name(change.workload)} with maxSurge ${change.maxSurge}, maxUnavailable ${change.maxUnavailable}`;
    case 'replicas':
      return `${name(change.workload)} at ${change.replicas} replicas`;
    case 'image':
      return `${name(change.workload)} set to ${change.image} at ${atSeconds} s`;
    case 'failNode':
      return `${name(change.node)} failing at ${atSeconds} s`;
  }
}

/** Checks a change against the design; returns the problem in words, or undefined when it can run. */
export function checkChange(objects: readonly KubeObject[], change: WhatIfChange): string | undefined {
  if (change.type === 'failNode') {
    const node = change.node.split('/').pop() ?? '';
    return objects.some((o) => o.kind === 'Node' && o.metadata.name === node)
      ? undefined
      : `no Node named "${node}" in the design`;
  }
  const w = objects.find((o) => keyOf(o) === change.workload);
  if (!w || !isWorkload(w)) return `no workload ${change.workload} in the design`;
  if (change.type === 'strategy') {
    if (w.kind !== 'Deployment') return 'maxSurge and maxUnavailable are a Deployment’s rollout settings';
    for (const [field, v] of [
      ['maxSurge', change.maxSurge],
      ['maxUnavailable', change.maxUnavailable],
    ] as const)
      if (!/^\s*\d+%?\s*$/.test(v)) return `${field} must be a number or a percentage, like 1 or 25%`;
    if (/^\s*0%?\s*$/.test(change.maxSurge) && /^\s*0%?\s*$/.test(change.maxUnavailable))
      return 'maxSurge and maxUnavailable cannot both be 0 (the Deployment could never move)';
  }
  if (change.type === 'replicas') {
    if (!REPLICATED_KINDS.has(w.kind)) return `a ${w.kind} has no replica count`;
    if (!Number.isInteger(change.replicas) || change.replicas < 0 || change.replicas > 500)
      return 'replicas must be a whole number from 0 to 500';
  }
  if (change.type === 'image' && change.image.trim() === '') return 'the image must not be empty';
  return undefined;
}

/** Applies a design-level change to the authored objects (new objects; the input is not touched). */
function designWith(objects: readonly KubeObject[], change: WhatIfChange): KubeObject[] {
  if (change.type === 'image' || change.type === 'failNode') return [...objects];
  return objects.map((o) => {
    if (keyOf(o) !== change.workload) return o;
    switch (change.type) {
      case 'withoutReadinessProbe':
        return withContainers(o, (c) => {
          const { readinessProbe: _, ...rest } = c;
          return rest;
        });
      case 'withReadinessProbe':
        return withContainers(o, (c) =>
          c.readinessProbe ? c : { ...c, readinessProbe: defaultReadinessProbe(c) },
        );
      case 'strategy': {
        const w = o as Workload;
        return {
          ...w,
          spec: {
            ...w.spec,
            strategy: {
              type: 'RollingUpdate',
              rollingUpdate: {
                maxSurge: intOrPercent(change.maxSurge),
                maxUnavailable: intOrPercent(change.maxUnavailable),
              },
            },
          },
        } as KubeObject;
      }
      case 'replicas': {
        const w = o as Workload;
        return { ...w, spec: { ...w.spec, replicas: change.replicas } } as KubeObject;
      }
    }
  });
}

function focusWorkload(
  objects: readonly KubeObject[],
  change: WhatIfChange,
  during: WhatIfEvent,
): KubeObject | undefined {
  const key = 'workload' in change ? change.workload : 'workload' in during ? during.workload : undefined;
  return (
    (key ? objects.find((o) => keyOf(o) === key) : undefined) ??
    objects.find((o) => o.kind === 'Deployment' && isWorkload(o)) ??
    objects.find(isWorkload)
  );
}

function templateLabels(w: KubeObject): Record<string, string> {
  return (w as Workload).spec?.template?.metadata?.labels ?? {};
}

/** What to add so the runs have traffic: nothing when the design has a TrafficSource. */
function trafficFor(
  objects: readonly KubeObject[],
  focus: KubeObject | undefined,
  rps: number,
): { add: KubeObject[]; note: string } {
  if (objects.some((o) => o.kind === 'TrafficSource')) return { add: [], note: '' };
  if (!focus || rps <= 0) return { add: [], note: '' };
  const ns = focus.metadata.namespace ?? 'default';
  const labels = templateLabels(focus);
  const services = objects.filter(
    (o): o is Service & KubeObject => o.kind === 'Service' && (o.metadata.namespace ?? 'default') === ns,
  );
  let svc = services.find((s) => {
    const sel = (s as Service).spec?.selector;
    return !!sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v);
  });
  const add: KubeObject[] = [];
  let made = '';
  if (!svc) {
    const taken = new Set(services.map((s) => s.metadata.name));
    let name = focus.metadata.name;
    for (let i = 2; taken.has(name); i++) name = `${focus.metadata.name}-${i}`;
    const port = containersOf(focus)[0]?.ports?.[0]?.containerPort ?? 80;
    const selector = (focus as Workload).spec?.selector?.matchLabels ?? labels;
    svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { selector: { ...selector }, ports: [{ port: 80, targetPort: port }] },
    };
    add.push(svc);
    made = `, which the what-if adds (the design has no Service for ${focus.metadata.name})`;
  }
  add.push({
    apiVersion: 'kubecanvas.dev/v1alpha1',
    kind: 'TrafficSource',
    metadata: { name: `what-if-${svc.metadata.name}`, namespace: ns },
    spec: { target: { kind: 'Service', name: svc.metadata.name }, rps },
  } as KubeObject);
  return { add, note: `Both runs send ${rps} requests/s to Service ${svc.metadata.name}${made}.` };
}

function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** A sampler of one simulation: traffic as the clients see it, ready pods of the focus, Pending pods. */
function sampler(sim: Simulation, focus: KubeObject | undefined) {
  const ns = focus?.metadata.namespace ?? 'default';
  const selector = focus ? labelSelectorAsSelector((focus as Workload).spec?.selector) : undefined;
  const seen = new Map<string, number>();
  return (t: number): WhatIfSample => {
    const metrics = trafficMetrics(sim);
    let rps = 0;
    let success = 0;
    let total = 0;
    for (const key of metrics.keys()) {
      if (!key.startsWith('TrafficSource/')) continue;
      const s: TrafficSample | undefined = metrics.last(key);
      if (!s || s.t === seen.get(key)) continue;
      seen.set(key, s.t);
      const o = s.outcomes;
      rps += s.rps;
      success += o.success;
      total += o.success + o.unavailable + o.refused + o.timeout + o.notFound;
    }
    let ready = 0;
    let pending = 0;
    for (const p of sim.store.each<Pod & KubeObject>('Pod')) {
      const phase = p.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      if (!p.spec?.nodeName) pending++;
      if (p.metadata.deletionTimestamp || !isReady(p)) continue;
      if (!selector || ((p.metadata.namespace ?? 'default') === ns && selector.matches(p.metadata.labels)))
        ready++;
    }
    const round = (n: number): number => Math.round(n * 100) / 100;
    return {
      t,
      rps: round(rps),
      successPct: total > 0 ? round((100 * success) / total) : 100,
      failedRps: round(Math.max(0, total - success)),
      ready,
      pending,
    };
  };
}

function rolloutImage(sim: Simulation, workload: string, image: (current: string) => string): void {
  const current = sim.authoredOf(workload);
  if (!current) return;
  sim.apply(withContainers(current, (c, i) => (i === 0 ? { ...c, image: image(c.image ?? '') } : c)));
}

function happen(sim: Simulation, e: WhatIfEvent | WhatIfChange): void {
  if (e.type === 'rollout') rolloutImage(sim, e.workload, nextImage);
  else if (e.type === 'image') rolloutImage(sim, e.workload, () => e.image);
  else if (e.type === 'failNode') failNode(sim, e.node.split('/').pop() ?? e.node);
}

/** Progress of a what-if: simulated seconds done out of the total of both runs. */
export type WhatIfProgress = (done: number, total: number) => void;

function runOne(
  label: string,
  objects: readonly KubeObject[],
  seed: number,
  options: WhatIfOptions,
  focus: KubeObject | undefined,
  at: Array<WhatIfEvent | WhatIfChange>,
  progress: (seconds: number) => void,
): WhatIfRun {
  const sim = createCluster({ seed });
  const refused: string[] = [];
  for (const o of objects) {
    try {
      sim.apply(o);
    } catch (e) {
      refused.push(`${o.kind} ${o.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const start = Math.max(0, Math.round(options.warmupSeconds)) * 1000;
  const seconds = Math.max(1, Math.round(options.durationSeconds));
  const atS = Math.min(seconds, Math.max(0, Math.round(options.atSeconds)));
  sim.step(start);
  const sample = sampler(sim, focus);
  const samples: WhatIfSample[] = [];
  for (let s = 1; s <= seconds; s++) {
    if (s - 1 === atS) {
      for (const e of at) happen(sim, e);
    }
    sim.step(start + s * 1000);
    samples.push(sample(s));
    if (s % 10 === 0 || s === seconds) progress(s);
  }
  let requests = 0;
  let failed = 0;
  for (const x of samples) {
    requests += x.rps;
    failed += x.failedRps;
  }
  return {
    label,
    samples,
    requests: Math.round(requests),
    failed: Math.round(failed),
    minReady: Math.min(...samples.map((x) => x.ready)),
    maxPending: Math.max(...samples.map((x) => x.pending)),
    refused,
  };
}

/** A percentage as the summary prints it: 0%, 0.4%, 23%. */
export function percent(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const p = (100 * part) / whole;
  return p < 1 ? `${Math.max(0.1, +p.toFixed(1))}%` : `${Math.round(p)}%`;
}

function summarize(change: string, a: WhatIfRun, b: WhatIfRun, during: string): string {
  if (a.requests === 0 && b.requests === 0)
    return `${change}: at least ${b.minReady} pods ready${during}; as designed: at least ${a.minReady}.`;
  return (
    `${change}: ${percent(b.failed, b.requests)} of requests failed${during} ` +
    `(${b.failed.toLocaleString('en-US')} of ${b.requests.toLocaleString('en-US')}); ` +
    `as designed: ${percent(a.failed, a.requests)}` +
    (a.failed > 0 ? ` (${a.failed.toLocaleString('en-US')} of ${a.requests.toLocaleString('en-US')}).` : '.')
  );
}

function describeEvent(e: WhatIfEvent, atSeconds: number): string {
  const name = (key: string): string => key.split('/').pop() ?? key;
  if (e.type === 'rollout') return ` during a rollout of ${name(e.workload)} at ${atSeconds} s`;
  if (e.type === 'failNode') return ` when ${name(e.node)} fails at ${atSeconds} s`;
  return '';
}

/**
 * Runs the design as it is and with `change`, from the same seed, and returns both runs' series (one
 * sample per simulated second of the window) with a one-line summary of the difference. Throws an Error
 * naming the problem when the change does not fit the design.
 */
export function runWhatIf(
  objects: readonly KubeObject[],
  seed: number,
  change: WhatIfChange,
  options: Partial<WhatIfOptions> = {},
  onProgress?: WhatIfProgress,
): WhatIfResult {
  const o: WhatIfOptions = { ...DEFAULT_WHAT_IF_OPTIONS, ...options };
  const problem = checkChange(objects, change);
  if (problem) throw new Error(`What if: ${problem}.`);
  const focus = focusWorkload(objects, change, o.during);
  const traffic = trafficFor(objects, focus, o.rps);
  const base = [...objects, ...traffic.add];
  const seconds = Math.max(1, Math.round(o.durationSeconds));
  const shared: WhatIfEvent[] = o.during.type === 'none' ? [] : [o.during];
  const inChanged: Array<WhatIfEvent | WhatIfChange> =
    change.type === 'image' || change.type === 'failNode' ? [...shared, change] : shared;
  const label = describeChange(change, o.atSeconds);
  const baseline = runOne('As designed', base, seed, o, focus, shared, (s) => onProgress?.(s, 2 * seconds));
  const changed = runOne(label, designWith(base, change), seed, o, focus, inChanged, (s) =>
    onProgress?.(seconds + s, 2 * seconds),
  );
  return {
    baseline,
    changed,
    summary: summarize(label, baseline, changed, describeEvent(o.during, o.atSeconds)),
    trafficNote: traffic.note,
    focus: focus ? keyOf(focus) : undefined,
  };
}

/** The changes the what-if offers for a design, as (value, label) pairs for a picker. */
export function changeChoices(
  objects: readonly KubeObject[],
): Array<{ change: WhatIfChange; label: string }> {
  const out: Array<{ change: WhatIfChange; label: string }> = [];
  for (const o of objects) {
    if (!isWorkload(o)) continue;
    const key = keyOf(o);
    const name = o.metadata.name;
    out.push(
      hasReadinessProbe(o)
        ? {
            change: { type: 'withoutReadinessProbe', workload: key },
            label: `${name}: without readiness probe`,
          }
        : { change: { type: 'withReadinessProbe', workload: key }, label: `${name}: with a readiness probe` },
    );
    if (o.kind === 'Deployment')
      out.push({
        change: { type: 'strategy', workload: key, maxSurge: '0', maxUnavailable: '1' },
        label: `${name}: rollout strategy (maxSurge, maxUnavailable)`,
      });
    if (REPLICATED_KINDS.has(o.kind))
      out.push({
        change: { type: 'replicas', workload: key, replicas: ((o as Workload).spec?.replicas ?? 1) + 2 },
        label: `${name}: replicas`,
      });
    const image = containersOf(o)[0]?.image ?? '';
    out.push({
      change: { type: 'image', workload: key, image: nextImage(image) },
      label: `${name}: new image (start a rollout)`,
    });
  }
  for (const o of objects)
    if (o.kind === 'Node' && isClusterScoped(o.kind))
      out.push({
        change: { type: 'failNode', node: objectKey('Node', undefined, o.metadata.name) },
        label: `${o.metadata.name}: node fails`,
      });
  return out;
}
