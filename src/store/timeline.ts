/**
 * The timeline: every input to the simulation, recorded with the simulated time it happened at, and
 * deterministic replay over them. The engine is deterministic (same objects, commands, times and seed give
 * the same store), so the state at any earlier moment is rebuilt by running a fresh simulation with the
 * seed and re-applying the recorded inputs at their times. A new input made at an earlier moment than the
 * furthest one reached truncates the recorded future (a new branch).
 *
 * `Simulation.step` composes (`step(a); step(b)` gives the same state as `step(b)` for a <= b), and a
 * live input is followed by `step(now)`, so replaying "step to the input's time, apply it" reproduces the
 * live run exactly, whatever frames the live run was played in.
 *
 * Self-contained: no DOM, no React, no store; the simulation is built by the function passed in, so this
 * can run wherever the engine runs (a Web Worker, a test).
 */
import {
  ApiError,
  breakPod,
  failNode,
  healPod,
  keyOf,
  parseCommand,
  recoverNode,
  runCommand,
  type Event,
  type KubeObject,
  type Simulation,
} from '../engine';

/** How a pod is broken (the engine's faults). */
export type PodFault = 'liveness' | 'readiness' | 'crash';

/** One input to the simulation. */
export type TimelineInput =
  /** The design brought in line: authored objects applied (in order), then authored objects deleted. */
  | {
      type: 'sync';
      apply: readonly KubeObject[];
      remove: ReadonlyArray<{ kind: string; namespace?: string; name: string }>;
    }
  /** Objects the cluster made, deleted by key (as `kubectl delete`). */
  | { type: 'delete'; keys: readonly string[] }
  /** A kubectl or kubecanvas command line. */
  | { type: 'command'; line: string }
  | { type: 'failNode'; name: string }
  | { type: 'recoverNode'; name: string }
  | { type: 'breakPod'; namespace: string; name: string; mode: PodFault }
  /** Undoes one break of a pod (the engine's healPod). */
  | { type: 'healPod'; namespace: string; name: string; mode: PodFault };

/** A recorded input; `note` is the owner's bookkeeping after it (opaque here). */
export interface TimelineEntry {
  readonly at: number;
  readonly input: TimelineInput;
  note?: unknown;
}

/** An Event as first seen, kept across seeks (up to the furthest time reached). */
export interface TimelineEvent {
  at: number;
  key: string;
  type: string;
  reason: string;
  message: string;
  component: string;
  involved: { kind: string; namespace?: string; name: string };
}

/** What applying an input gave: errors (in the API server's words) and a command's output. */
export interface InputResult {
  errors: string[];
  output?: { ok: boolean; output: string };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Whether a command line may change the cluster (and so is an input to record). Reading commands (get,
 * describe, logs, top, rollout status and history) and lines that do not parse change nothing: they run
 * without being recorded, so looking around after a seek back does not start a new branch.
 */
export function changesCluster(line: string): boolean {
  const parsed = parseCommand(line);
  if (!parsed.ok) return false;
  const c = parsed.command;
  if (
    c.verb === 'get' ||
    c.verb === 'describe' ||
    c.verb === 'logs' ||
    c.verb === 'top' ||
    c.verb === 'version'
  )
    return false;
  return !(c.verb === 'rollout' && (c.action === 'status' || c.action === 'history'));
}

/** Applies one input to a simulation, as the live commands do; it never throws for a refused input. */
export function applyInput(sim: Simulation, input: TimelineInput): InputResult {
  const errors: string[] = [];
  switch (input.type) {
    case 'sync':
      for (const obj of input.apply) {
        try {
          sim.apply(obj);
        } catch (e) {
          errors.push(`${obj.kind} ${obj.metadata.name}: ${describe(e)}`);
        }
      }
      for (const r of input.remove) {
        if (!sim.store.get(r.kind, r.namespace, r.name)) continue;
        try {
          sim.delete(r.kind, r.namespace, r.name);
        } catch (e) {
          if (!(e instanceof ApiError && e.reason === 'NotFound')) errors.push(describe(e));
        }
      }
      return { errors };
    case 'delete':
      for (const key of input.keys) {
        const live = sim.store.getByKey(key);
        if (!live) continue;
        try {
          sim.deleteObject(live, {});
        } catch (e) {
          errors.push(`Could not delete ${key}: ${describe(e)}`);
        }
      }
      return { errors };
    case 'command': {
      let output: { ok: boolean; output: string };
      try {
        output = runCommand(sim, input.line);
      } catch (e) {
        output = { ok: false, output: `error: ${describe(e)}` };
      }
      return { errors, output };
    }
    case 'failNode':
    case 'recoverNode':
    case 'breakPod':
    case 'healPod':
      try {
        if (input.type === 'failNode') failNode(sim, input.name);
        else if (input.type === 'recoverNode') recoverNode(sim, input.name);
        else if (input.type === 'healPod') healPod(sim, input.namespace, input.name, input.mode);
        else breakPod(sim, input.namespace, input.name, input.mode);
      } catch (e) {
        errors.push(describe(e));
      }
      return { errors };
  }
}

/**
 * The recording and its replay. `build(seed)` makes a fresh simulation (the store's builds the live one
 * and rewires its subscribers). Time moves only through `advance` and `seek`, which apply recorded inputs
 * when their time comes; new inputs go through `input`.
 */
export class Timeline {
  private entries: TimelineEntry[] = [];
  private eventList: TimelineEvent[] = [];
  private eventKeys = new Set<string>();
  /** Index of the next recorded entry to apply (entries before it are in the current state). */
  private cursor = 0;
  private furthest = 0;
  private seedValue: number;
  private current: Simulation;
  private unwatch: () => void = () => undefined;
  /** Grows whenever the recorded inputs or events change (not when only time moves). */
  version = 0;

  /** `initial` is a fresh simulation with `seed` to start from (by default one is built). */
  constructor(
    private readonly build: (seed: number) => Simulation,
    seed = 1,
    initial?: Simulation,
  ) {
    this.seedValue = seed;
    this.current = this.attach(initial ?? build(seed));
  }

  /** The simulation at the current position. */
  get sim(): Simulation {
    return this.current;
  }

  /** The seed of the recording. */
  get seed(): number {
    return this.seedValue;
  }

  /** The furthest simulated time reached on this branch. */
  get end(): number {
    return Math.max(this.furthest, this.current.now);
  }

  /** The recorded inputs, oldest first. */
  get inputs(): readonly TimelineEntry[] {
    return this.entries;
  }

  /** Events first seen on this branch up to `end`, oldest first. */
  get events(): readonly TimelineEvent[] {
    return this.eventList;
  }

  /** Whether the current position is before the end (recorded inputs or time lie ahead). */
  get inPast(): boolean {
    return this.cursor < this.entries.length || this.current.now < this.furthest;
  }

  /** Forgets the recording and starts a fresh simulation (reset, a new design, a new seed). */
  reset(seed: number = this.seedValue): Simulation {
    this.seedValue = seed;
    this.entries = [];
    this.eventList = [];
    this.eventKeys.clear();
    this.cursor = 0;
    this.furthest = 0;
    this.current = this.attach(this.build(seed));
    this.version++;
    return this.current;
  }

  /**
   * Records an input at the current instant and applies it. Made at an earlier moment than the end, it
   * first truncates the recorded future: inputs and events after now go, and the end becomes now.
   */
  input(input: TimelineInput): { entry: TimelineEntry; result: InputResult } {
    this.truncate();
    const entry: TimelineEntry = { at: this.current.now, input };
    this.entries.push(entry);
    this.cursor = this.entries.length;
    this.version++;
    return { entry, result: applyInput(this.current, input) };
  }

  /** Drops the recorded future after the current instant (a new branch starts here). */
  truncate(): void {
    const now = this.current.now;
    if (this.cursor === this.entries.length && now >= this.furthest) return;
    this.entries.length = this.cursor;
    this.eventList = this.eventList.filter((e) => e.at <= now);
    this.eventKeys = new Set(this.eventList.map((e) => e.key));
    this.furthest = now;
    this.version++;
  }

  /**
   * Moves simulated time forward to `ms`, applying the recorded inputs due on the way (each at its time);
   * `onEntry` is called after each one.
   */
  advance(ms: number, onEntry?: (entry: TimelineEntry, result: InputResult) => void): void {
    const sim = this.current;
    for (;;) {
      const next = this.entries[this.cursor];
      if (!next || next.at > ms) break;
      sim.step(next.at);
      this.cursor++;
      const result = applyInput(sim, next.input);
      onEntry?.(next, result);
    }
    sim.step(Math.max(ms, sim.now));
    if (sim.now > this.furthest) this.furthest = sim.now;
  }

  /**
   * Goes to simulated time `ms` (clamped to 0..end): forward by advancing, back by replaying from a fresh
   * simulation with the seed. Returns the simulation (a new one after a replay).
   */
  seek(ms: number, onEntry?: (entry: TimelineEntry, result: InputResult) => void): Simulation {
    const target = Math.max(0, Math.min(ms, this.end));
    if (target < this.current.now) {
      const end = this.end;
      this.current = this.attach(this.build(this.seedValue));
      this.cursor = 0;
      this.furthest = end;
    }
    this.advance(target, onEntry);
    return this.current;
  }

  private attach(sim: Simulation): Simulation {
    this.unwatch();
    this.unwatch = sim.watch((e) => {
      if (e.type !== 'ADDED' || e.object.kind !== 'Event') return;
      this.noteEvent(sim.now, e.object as Event & KubeObject);
    });
    return sim;
  }

  private noteEvent(at: number, ev: Event & KubeObject): void {
    const key = `${keyOf(ev)}@${at}`;
    if (this.eventKeys.has(key)) return;
    this.eventKeys.add(key);
    const io = ev.involvedObject;
    const record: TimelineEvent = {
      at,
      key,
      type: ev.type ?? 'Normal',
      reason: ev.reason ?? '',
      message: ev.message ?? '',
      component: ev.source?.component ?? ev.reportingComponent ?? '',
      involved: {
        kind: io.kind ?? '',
        ...(io.namespace ? { namespace: io.namespace } : {}),
        name: io.name ?? '',
      },
    };
    // Replays re-see events already kept; new ones are at or after the last kept (time order holds).
    const list = this.eventList;
    let i = list.length;
    while (i > 0 && (list[i - 1] as TimelineEvent).at > at) i--;
    list.splice(i, 0, record);
    this.version++;
  }
}

/** A marker on the timeline: a notable moment, grouped by kind and simulated second. */
export interface TimelineMarker {
  at: number;
  kind:
    | 'node-failed'
    | 'node-recovered'
    | 'node-not-ready'
    | 'node-ready'
    | 'rollout'
    | 'evicted'
    | 'scale-up'
    | 'scale-down'
    | 'pod-broken';
  /** One line for the accessible name and the tooltip. */
  label: string;
  /** Every line the marker stands for. */
  details: string[];
}

const MARKER_TITLES: Record<TimelineMarker['kind'], (n: number) => string> = {
  'node-failed': (n) => (n === 1 ? 'Node failed' : `${n} nodes failed`),
  'node-recovered': (n) => (n === 1 ? 'Node recovered' : `${n} nodes recovered`),
  'node-not-ready': (n) => (n === 1 ? 'Node NotReady' : `${n} nodes NotReady`),
  'node-ready': (n) => (n === 1 ? 'Node Ready again' : `${n} nodes Ready again`),
  rollout: (n) => (n === 1 ? 'Rollout started' : `${n} rollouts started`),
  evicted: (n) => (n === 1 ? 'Pod evicted' : `${n} pods evicted`),
  'scale-up': (n) => (n === 1 ? 'Autoscaler added a node' : `Autoscaler added ${n} nodes`),
  'scale-down': (n) => (n === 1 ? 'Autoscaler removed a node' : `Autoscaler removed ${n} nodes`),
  'pod-broken': (n) => (n === 1 ? 'Pod broken' : `${n} pods broken`),
};

const SCALED_FROM_ZERO = /^Scaled up replica set (\S+) from 0 to /;

/**
 * The notable moments of a recording: the person's faults (node failed or recovered, pod broken), and
 * from the Events: NodeNotReady (node-lifecycle-controller), NodeReady after a NotReady, a rollout
 * starting (deployment-controller's ScalingReplicaSet of a new ReplicaSet from 0 while another was
 * current), pods evicted (taint-eviction-controller's TaintManagerEviction "Marking for deletion", the
 * autoscaler's ScaleDown of a pod, Preempted), and the autoscaler adding (TriggeredScaleUp) or removing
 * (ScaleDown of a Node, ScaleDownEmpty) nodes. Markers of one kind in the same simulated second merge.
 */
export function timelineMarkers(
  inputs: readonly TimelineEntry[],
  events: readonly TimelineEvent[],
): TimelineMarker[] {
  const raw: Array<{ at: number; kind: TimelineMarker['kind']; detail: string; dedupe?: string }> = [];
  for (const e of inputs) {
    const i = e.input;
    if (i.type === 'failNode') raw.push({ at: e.at, kind: 'node-failed', detail: `Node ${i.name} failed` });
    else if (i.type === 'recoverNode')
      raw.push({ at: e.at, kind: 'node-recovered', detail: `Node ${i.name} recovered` });
    else if (i.type === 'breakPod')
      raw.push({
        at: e.at,
        kind: 'pod-broken',
        detail: `Pod ${i.name} broken: ${i.mode === 'crash' ? 'it crashes' : `its ${i.mode} probe fails`}`,
      });
  }
  const notReady = new Set<string>();
  const currentRS = new Map<string, string>();
  for (const ev of events) {
    const who = ev.involved;
    if (who.kind === 'Node' && ev.reason === 'NodeNotReady') {
      notReady.add(who.name);
      raw.push({ at: ev.at, kind: 'node-not-ready', detail: `Node ${who.name} NotReady` });
    } else if (who.kind === 'Node' && ev.reason === 'NodeReady' && notReady.has(who.name)) {
      notReady.delete(who.name);
      raw.push({ at: ev.at, kind: 'node-ready', detail: `Node ${who.name} Ready again` });
    } else if (who.kind === 'Deployment' && ev.reason === 'ScalingReplicaSet') {
      const rs = SCALED_FROM_ZERO.exec(ev.message)?.[1];
      if (!rs) continue;
      const d = `${who.namespace ?? 'default'}/${who.name}`;
      const before = currentRS.get(d);
      currentRS.set(d, rs);
      if (before !== undefined && before !== rs)
        raw.push({ at: ev.at, kind: 'rollout', detail: `Rollout of Deployment ${who.name} started (${rs})` });
    } else if (
      who.kind === 'Pod' &&
      ((ev.reason === 'TaintManagerEviction' && ev.message.startsWith('Marking for deletion')) ||
        ev.reason === 'Preempted' ||
        (ev.reason === 'ScaleDown' && ev.message.startsWith('deleting pod')))
    ) {
      const why =
        ev.reason === 'Preempted'
          ? 'preempted'
          : ev.reason === 'ScaleDown'
            ? 'evicted for a node scale-down'
            : 'evicted from its unreachable node';
      raw.push({ at: ev.at, kind: 'evicted', detail: `Pod ${who.name} ${why}` });
    } else if (ev.reason === 'TriggeredScaleUp') {
      // One event per pending pod, all with the same group change: one node group change per message.
      raw.push({
        at: ev.at,
        kind: 'scale-up',
        detail: `Autoscaler scale-up ${ev.message.replace(/^pod triggered scale-up: /, '')}`,
        dedupe: ev.message,
      });
    } else if (
      who.kind === 'Node' &&
      (ev.reason === 'ScaleDownEmpty' || ev.message.startsWith('Scale-down:'))
    ) {
      raw.push({ at: ev.at, kind: 'scale-down', detail: `Autoscaler removed node ${who.name}` });
    }
  }
  raw.sort((a, b) => a.at - b.at);
  const out: TimelineMarker[] = [];
  const open = new Map<string, { marker: TimelineMarker; seen: Set<string> }>();
  for (const r of raw) {
    const group = `${r.kind}@${Math.floor(r.at / 1000)}`;
    let g = open.get(group);
    if (!g) {
      g = { marker: { at: r.at, kind: r.kind, label: '', details: [] }, seen: new Set() };
      open.set(group, g);
      out.push(g.marker);
    }
    const d = r.dedupe ?? r.detail;
    if (g.seen.has(d)) continue;
    g.seen.add(d);
    g.marker.details.push(r.detail);
  }
  for (const m of out) {
    const n = m.details.length;
    m.label = n === 1 ? (m.details[0] as string) : MARKER_TITLES[m.kind](n);
  }
  return out.sort((a, b) => a.at - b.at);
}
