/**
 * The engine host: owns the Simulation and is the only thing that writes it. Pure TypeScript (no DOM, no
 * timers): the same host runs in the browser's Web Worker (src/store/engine.worker.ts) and in-process (Node,
 * the tests, and the browser's fallback). Everything the app asks of the simulation is an EngineInput; what
 * changed comes back as an EngineDelta: the objects added or modified (plain JSON, the last version of
 * each), the keys deleted, the clock, the authored copies a command changed, traffic figures, the
 * timeline's state and errors.
 *
 * The host keeps the timeline (src/store/timeline.ts): every input that changes the cluster is recorded with
 * its simulated time, and `seek` rebuilds an earlier moment by deterministic replay, here, next to the
 * simulation. The page's bookkeeping of what it applied is restored from the entry a replay stopped after
 * (`restore` in the delta).
 */
import {
  createCluster,
  keyOf,
  trafficMetrics,
  type KubeObject,
  type Simulation,
  type TrafficFlow,
  type TrafficMetrics,
  type TrafficSample,
  type WatchEvent,
} from '../engine';
import {
  applyInput,
  Timeline,
  timelineMarkers,
  type InputResult,
  type PodFault,
  type TimelineEntry,
  type TimelineInput,
  type TimelineMarker,
} from './timeline';

/** Something the app asks of the simulation. */
export type EngineInput =
  /** A new simulation with this seed, at time 0 (nothing applied yet); the recording is forgotten. */
  | { op: 'reset'; seed: number }
  /** Apply authored objects (kubectl apply) and delete authored objects that left the design. */
  | { op: 'sync'; apply: readonly KubeObject[]; remove: readonly KubeObject[] }
  /** Delete objects the cluster made (a ReplicaSet's pod), as kubectl delete does. */
  | { op: 'deleteLive'; keys: readonly string[] }
  /** A kubectl or kubecanvas command line (src/engine/commands), recorded on the timeline. */
  | { op: 'command'; line: string }
  /** A command line that only reads (get, describe, logs, top, rollout status): run now, unrecorded. */
  | { op: 'read'; line: string }
  | { op: 'failNode'; name: string }
  | { op: 'recoverNode'; name: string }
  | { op: 'breakPod'; namespace: string; name: string; mode: PodFault }
  | { op: 'healPod'; namespace: string; name: string; mode: PodFault }
  /** Run the work due at the current instant (no time passes). */
  | { op: 'settle' }
  /** Advance simulated time by `ms` (recorded inputs due on the way are applied at their times). */
  | { op: 'advance'; ms: number }
  /** Advance simulated time to `ms` (never backwards). */
  | { op: 'advanceTo'; ms: number }
  /** Go to simulated time `ms` (0..end of the recording): back by replay, forward by playing on. */
  | { op: 'seek'; ms: number }
  /** Drop the recorded future after the current instant (a new branch starts here). */
  | { op: 'truncate' }
  /** Start or stop the host's own clock (the worker's loop), at `speed` simulated ms per wall ms. */
  | { op: 'play'; speed: number }
  | { op: 'pause' };

/** What an input did: a command's output, or the errors of a write. */
export interface EngineResult {
  ok: boolean;
  output: string;
  /** A command that waits for the cluster (rollout status, logs -f): run it again later. */
  pending?: boolean;
  /** With `pending`: how long kubectl waits for something to appear (simulated ms); `output` if it does not. */
  waitMs?: number;
  /** What the cluster refused, one line each. */
  errors: string[];
  /** The index of the timeline entry this input was recorded as, if it was. */
  entry?: number;
}

/** The timeline as the page shows it. */
export interface TimelineInfo {
  /** The furthest simulated time reached on this branch. */
  end: number;
  /** Whether the current position is before the end (recorded inputs or time lie ahead). */
  inPast: boolean;
  /** Markers of the recording (only when they changed; at most four times a wall second in a worker). */
  markers?: TimelineMarker[];
}

/** The traffic figures as plain data (TrafficMetrics without its functions), for postMessage. */
export interface TrafficSnapshot {
  bucketMs: number;
  latest: number | undefined;
  flows: readonly TrafficFlow[];
  series: Record<string, TrafficSample[]>;
}

/** What changed in the simulation since the previous delta. */
export interface EngineDelta {
  /** The simulation was replaced: the mirror drops everything before applying this delta. */
  reset: boolean;
  seed: number;
  now: number;
  /** Added or modified objects, the last version of each, in the order of their last change. */
  upserts: KubeObject[];
  /** Keys of deleted objects (applied before the upserts: a key may be deleted, then created again). */
  deleted: string[];
  /** Authored copies a command changed (kubectl scale, set image...) or removed (kubectl delete). */
  authored?: { changed: KubeObject[]; removed: string[] };
  /** New traffic figures (at most four times a wall second, and only when a new bucket came). */
  traffic?: TrafficSnapshot;
  /** The engine threw while time ran; the host stopped playing. */
  stopped?: string;
  /** The store's resourceVersion (a deletion moves it too). */
  resourceVersion: number;
  timeline: TimelineInfo;
  /** More pieces of this delta follow (a big change is posted in pieces): the page waits for the last. */
  partial?: boolean;
  /**
   * Recorded inputs were replayed (a seek, or playing on after one): the page's bookkeeping goes back to
   * what it was after entry `restore` (-1: before the first).
   */
  restore?: number;
}

/** Plain traffic figures of a simulation. */
export function trafficSnapshot(m: TrafficMetrics): TrafficSnapshot {
  const series: Record<string, TrafficSample[]> = {};
  for (const k of m.keys()) series[k] = m.series(k);
  return { bucketMs: m.bucketMs, latest: m.latest, flows: m.flows, series };
}

/**
 * Splits a big delta into pieces of at most `chunk` objects (deleted keys first, then the upserts in
 * order); every piece but the last is `partial`, and the last carries the clock, authored copies, traffic,
 * timeline and errors. Applied in order, the pieces give the same mirror as the whole delta.
 */
export function splitDelta(delta: EngineDelta, chunk: number): EngineDelta[] {
  if (delta.upserts.length + delta.deleted.length <= chunk) return [delta];
  const { upserts, deleted, reset, ...tail } = delta;
  const pieces: EngineDelta[] = [];
  const piece = (part: Partial<EngineDelta>): number =>
    pieces.push({
      reset: false,
      seed: delta.seed,
      now: delta.now,
      resourceVersion: delta.resourceVersion,
      timeline: { end: delta.timeline.end, inPast: delta.timeline.inPast },
      upserts: [],
      deleted: [],
      partial: true,
      ...part,
    });
  for (let i = 0; i < deleted.length; i += chunk) piece({ deleted: deleted.slice(i, i + chunk) });
  for (let i = 0; i < upserts.length; i += chunk) piece({ upserts: upserts.slice(i, i + chunk) });
  (pieces[0] as EngineDelta).reset = reset;
  const last = pieces[pieces.length - 1] as EngineDelta;
  Object.assign(last, tail);
  delete last.partial;
  return pieces;
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Wall milliseconds one traffic snapshot or marker list is kept before a newer one is sent. */
const TRAFFIC_EVERY_WALL_MS = 250;

type Action = Extract<EngineInput, { op: 'failNode' | 'recoverNode' | 'breakPod' | 'healPod' }>;

function timelineInputOf(input: Action): TimelineInput {
  if (input.op === 'failNode') return { type: 'failNode', name: input.name };
  if (input.op === 'recoverNode') return { type: 'recoverNode', name: input.name };
  return { type: input.op, namespace: input.namespace, name: input.name, mode: input.mode };
}

export class EngineHost {
  readonly timeline: Timeline;
  private unwatch: () => void = () => undefined;
  private resetPending = true;
  private readonly upserts = new Map<string, KubeObject>();
  private readonly deleted = new Set<string>();
  /** The simulation's authored copy right after our apply, by key (a command that edits it makes a new one). */
  private readonly baseline = new Map<string, KubeObject>();
  private authoredChanges: { changed: KubeObject[]; removed: string[] } | undefined;
  private stopped: string | undefined;
  private restore: number | undefined;
  private flushedNow = -1;
  private trafficLatest: number | undefined;
  private trafficFlows: readonly TrafficFlow[] | undefined;
  private trafficSentAt = -Infinity;
  private markersVersion = -1;
  private markersSentAt = -Infinity;
  private readonly wallNow: () => number;
  private readonly throttleMs: number;
  /** Whether the host's own clock runs (the worker's loop reads it). */
  playing = false;
  speed = 1;

  /**
   * @param wallNow wall-clock milliseconds (performance.now in a browser): bounds the work of one run slice
   *   and paces traffic snapshots and markers (at most four a second). Without it, every change is sent.
   */
  constructor(seed = 1, wallNow?: () => number) {
    this.wallNow = wallNow ?? (() => 0);
    this.throttleMs = wallNow ? TRAFFIC_EVERY_WALL_MS : 0;
    this.timeline = new Timeline((s) => this.create(s), seed);
  }

  /** The simulation at the timeline's current position (read it; change it only through handle). */
  get simulation(): Simulation {
    return this.timeline.sim;
  }

  /** A fresh simulation (reset, or the start of a replay): the next delta replaces the whole mirror. */
  private create(seed: number): Simulation {
    this.unwatch();
    const sim = createCluster({ seed });
    this.upserts.clear();
    this.deleted.clear();
    for (const o of sim.store.all()) this.upserts.set(keyOf(o), o);
    this.unwatch = sim.watch((e) => this.onWatch(e));
    this.resetPending = true;
    this.trafficLatest = undefined;
    this.trafficFlows = undefined;
    // A replay's first delta carries its traffic figures (the charts cut theirs back to this moment).
    this.trafficSentAt = -Infinity;
    return sim;
  }

  private onWatch(e: WatchEvent): void {
    const key = keyOf(e.object);
    this.upserts.delete(key);
    if (e.type === 'DELETED') this.deleted.add(key);
    else this.upserts.set(key, e.object);
  }

  /** Carries out one input; its effects go into the next delta. Never throws. */
  /**
   * Applies one input. `applied`, when given, is called once a design sync's objects are stored and before
   * the cluster reacts to them at the same instant (a worker posts them first, so the page draws the
   * imported objects while the controllers work; the state reached is the same).
   */
  handle(input: EngineInput, applied?: () => void): EngineResult {
    const ok = (output = ''): EngineResult => ({ ok: true, output, errors: [] });
    switch (input.op) {
      case 'reset':
        this.timeline.reset(input.seed);
        this.baseline.clear();
        this.stopped = undefined;
        this.restore = undefined;
        return ok();
      case 'sync':
        return this.sync(input.apply, input.remove, applied);
      case 'deleteLive': {
        const keys = input.keys.filter((k) => this.simulation.store.getByKey(k));
        if (keys.length === 0) return ok();
        const { result, entry } = this.record({ type: 'delete', keys });
        this.settle();
        return { ok: result.errors.length === 0, output: '', errors: result.errors, entry };
      }
      case 'command': {
        const { result, entry } = this.record({ type: 'command', line: input.line });
        this.pullAuthored();
        this.settle();
        const out = result.output ?? { ok: false, output: 'error: the command did not run' };
        return { ...out, errors: [], entry };
      }
      case 'read': {
        const out = applyInput(this.simulation, { type: 'command', line: input.line }).output;
        return { ...(out ?? { ok: false, output: 'error: the command did not run' }), errors: [] };
      }
      case 'failNode':
      case 'recoverNode':
      case 'breakPod':
      case 'healPod': {
        const { result, entry } = this.record(timelineInputOf(input));
        this.settle();
        const output = result.errors.join('\n');
        return { ok: result.errors.length === 0, output, errors: result.errors, entry };
      }
      case 'settle':
        this.settle();
        return ok();
      case 'advance':
        this.advanceTo(this.simulation.now + input.ms);
        return ok();
      case 'advanceTo':
        this.advanceTo(Math.max(this.simulation.now, input.ms));
        return ok();
      case 'seek':
        this.seek(input.ms);
        return ok();
      case 'truncate':
        this.timeline.truncate();
        return ok();
      case 'play':
        this.playing = true;
        this.speed = input.speed;
        return ok();
      case 'pause':
        this.playing = false;
        return ok();
    }
  }

  /** Records an input on the timeline at the current instant and applies it. */
  private record(input: TimelineInput): { result: InputResult; entry: number } {
    const { result } = this.timeline.input(input);
    return { result, entry: this.timeline.inputs.length - 1 };
  }

  private sync(
    apply: readonly KubeObject[],
    remove: readonly KubeObject[],
    applied?: () => void,
  ): EngineResult {
    if (apply.length === 0 && remove.length === 0) {
      this.settle();
      return { ok: true, output: '', errors: [] };
    }
    const refs = remove.map(({ kind, metadata }) => ({
      kind,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      name: metadata.name,
    }));
    const { result, entry } = this.record({ type: 'sync', apply, remove: refs });
    const sim = this.simulation;
    for (const obj of apply) {
      const key = keyOf(obj);
      const copy = sim.authoredOf(key);
      if (copy) this.baseline.set(key, copy);
    }
    for (const obj of remove) this.baseline.delete(keyOf(obj));
    applied?.();
    this.settle();
    return { ok: result.errors.length === 0, output: '', errors: result.errors, entry };
  }

  /** Notes the authored copies a command changed or removed since our last apply (for the document). */
  private pullAuthored(): void {
    const changed: KubeObject[] = [];
    const present = new Set<string>();
    for (const a of this.simulation.authored()) {
      const key = keyOf(a);
      present.add(key);
      if (this.baseline.get(key) === a) continue;
      changed.push(a);
      this.baseline.set(key, a);
    }
    const removed = [...this.baseline.keys()].filter((k) => !present.has(k));
    for (const k of removed) this.baseline.delete(k);
    if (changed.length === 0 && removed.length === 0) return;
    const prev = this.authoredChanges;
    if (!prev) this.authoredChanges = { changed, removed };
    else {
      const gone = new Set(removed);
      prev.changed = [...prev.changed.filter((o) => !gone.has(keyOf(o))), ...changed];
      prev.removed = [...prev.removed, ...removed];
    }
  }

  /** After a replay: the authored copies are the new simulation's. */
  private rebuildBaseline(): void {
    this.baseline.clear();
    for (const a of this.simulation.authored()) this.baseline.set(keyOf(a), a);
  }

  private readonly onReplayed = (entry: TimelineEntry): void => {
    this.restore = this.timeline.inputs.indexOf(entry);
  };

  private settle(): void {
    this.advanceTo(this.simulation.now);
  }

  /** Advances to `ms` (recorded inputs due on the way applied); an engine error stops the clock. */
  private advanceTo(ms: number): boolean {
    const before = this.restore;
    try {
      this.timeline.advance(ms, this.onReplayed);
      return true;
    } catch (e) {
      this.playing = false;
      this.stopped = describe(e);
      return false;
    } finally {
      if (this.restore !== before) this.rebuildBaseline();
    }
  }

  private seek(ms: number): void {
    this.playing = false;
    const back = ms < this.simulation.now;
    if (back) this.restore = -1;
    try {
      this.timeline.seek(ms, this.onReplayed);
    } catch (e) {
      this.stopped = describe(e);
    }
    if (back || this.restore !== undefined) this.rebuildBaseline();
  }

  /**
   * Plays `wallMs` of wall time at the host's speed, in pieces (one instant with due work at a time), and
   * stops early once `budgetMs` of wall time went into it, so a caller can post a delta and take messages.
   * Returns whether the target was reached.
   */
  run(wallMs: number, budgetMs = Infinity): boolean {
    if (!this.playing) return true;
    const sim = this.simulation;
    const target = sim.now + wallMs * this.speed;
    const started = this.wallNow();
    for (;;) {
      const next = this.simulation.nextWakeup();
      const until = next === undefined ? target : Math.min(target, Math.max(next, this.simulation.now));
      if (!this.advanceTo(until)) return true;
      if (until >= target) return true;
      if (this.wallNow() - started >= budgetMs) return false;
    }
  }

  /** Whether a delta is waiting (the clock moved, objects changed, a reset, authored copies, an error). */
  get dirty(): boolean {
    return (
      this.resetPending ||
      this.simulation.now !== this.flushedNow ||
      this.upserts.size > 0 ||
      this.deleted.size > 0 ||
      this.authoredChanges !== undefined ||
      this.stopped !== undefined ||
      this.restore !== undefined ||
      this.timeline.version !== this.markersVersion
    );
  }

  /** Takes what changed since the previous flush. */
  flush(): EngineDelta {
    const sim = this.simulation;
    const tl = this.timeline;
    const delta: EngineDelta = {
      reset: this.resetPending,
      seed: sim.seed,
      now: sim.now,
      upserts: [...this.upserts.values()],
      deleted: [...this.deleted],
      resourceVersion: sim.store.resourceVersion,
      timeline: { end: tl.end, inPast: tl.inPast },
    };
    this.resetPending = false;
    this.flushedNow = sim.now;
    this.upserts.clear();
    this.deleted.clear();
    if (this.authoredChanges) delta.authored = this.authoredChanges;
    this.authoredChanges = undefined;
    if (this.stopped !== undefined) delta.stopped = this.stopped;
    this.stopped = undefined;
    if (this.restore !== undefined) delta.restore = this.restore;
    this.restore = undefined;
    const wall = this.wallNow();
    if (tl.version !== this.markersVersion && wall - this.markersSentAt >= this.throttleMs) {
      this.markersVersion = tl.version;
      this.markersSentAt = wall;
      delta.timeline.markers = timelineMarkers(tl.inputs, tl.events);
    }
    if (wall - this.trafficSentAt >= this.throttleMs) {
      const m = trafficMetrics(sim);
      if (m.latest !== this.trafficLatest || m.flows !== this.trafficFlows) {
        this.trafficLatest = m.latest;
        this.trafficFlows = m.flows;
        this.trafficSentAt = wall;
        delta.traffic = trafficSnapshot(m);
      }
    }
    return delta;
  }
}
